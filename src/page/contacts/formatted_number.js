// client.getFormattedNumber(number): WhatsApp Web's own formatting (WAWebPhoneUtils).
function formattedNumber(digits) {
  return String(need('WAWebPhoneUtils', 'formattedPhoneNumber').formattedPhoneNumber(`${digits}@s.whatsapp.net`));
}
