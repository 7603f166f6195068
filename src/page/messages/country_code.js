// client.getCountryCode(number): the country calling code (WAPhoneFindCC.findCC).
function countryCode(digits) {
  return String(window.require('WAPhoneFindCC').findCC(digits));
}
