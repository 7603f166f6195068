// client.getCountryCode(number): the country calling code (WAPhoneFindCC.findCC).
function countryCode(digits) {
  return String(need('WAPhoneFindCC', 'findCC').findCC(digits));
}
