// client.searchChannels(searchOptions), as whatsapp-web.js main 2dc9466 (src/Client.js:2646-2720):
// no country means the page's region (WAWebL10N.getRegion); other codes are kept only when
// WAWebCountriesNativeCountryNames.countryCodesIso knows them; the view as its name; a limit other
// than 50 by replacing WAWebNewsletterGatingUtils.getNewsletterDirectoryPageSize for the search
// (put back afterwards, also when the search fails); then
// WAWebNewsletterDirectorySearchAction.fetchNewsletterDirectories, each result read as a channel.
async function searchChannels(spec) {
  const region = need('WAWebL10N', 'getRegion').getRegion();
  let countryCodes = spec.countryCodes.length ? spec.countryCodes : [region];
  if (!(countryCodes.length === 1 && countryCodes[0] === region)) {
    const known = Object.keys(need('WAWebCountriesNativeCountryNames', 'countryCodesIso').countryCodesIso);
    countryCodes = countryCodes.filter((code) => known.includes(code));
  }
  const options = {
    searchText: spec.searchText,
    countryCodes,
    skipSubscribedNewsletters: spec.skipSubscribedNewsletters,
    view: ['RECOMMENDED', 'TRENDING', 'POPULAR', 'NEW'][spec.view],
    categories: [],
    cursorToken: '',
  };
  const Gating = need('WAWebNewsletterGatingUtils', 'getNewsletterDirectoryPageSize');
  const search = need('WAWebNewsletterDirectorySearchAction', 'fetchNewsletterDirectories');
  const original = Gating.getNewsletterDirectoryPageSize;
  if (spec.limit !== 50) Gating.getNewsletterDirectoryPageSize = () => spec.limit;
  let found;
  try {
    found = (await search.fetchNewsletterDirectories(options)).newsletters;
  } finally {
    if (spec.limit !== 50) Gating.getNewsletterDirectoryPageSize = original;
  }
  return found ? (await Promise.all(found.map((chat) => channelRecord(chat)))).filter(Boolean) : [];
}
