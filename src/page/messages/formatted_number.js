// client.getFormattedNumber(number): WhatsApp Web's own formatting (WAWebPhoneUtils).
function formattedNumber(digits) {
  return String(window.require('WAWebPhoneUtils').formattedPhoneNumber(`${digits}@s.whatsapp.net`));
}
