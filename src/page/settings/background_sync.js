// setBackgroundSync(flag): WAWebUserPrefsNotifications.getGlobalOfflineNotifications, and
// setGlobalOfflineNotifications only when the value differs, as whatsapp-web.js main 2dc9466
// (src/Client.js:3122-3141). Answers the flag.
async function setBackgroundSync(flag) {
  const prefs = need('WAWebUserPrefsNotifications', 'getGlobalOfflineNotifications', 'setGlobalOfflineNotifications');
  if (prefs.getGlobalOfflineNotifications() === flag) return flag;
  await prefs.setGlobalOfflineNotifications(flag);
  return flag;
}
