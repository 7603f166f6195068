'use strict';
// The page's own settings in the simulated WhatsApp Web page: media auto-download
// (WAWebUserPrefsGeneral) and background sync, "global offline notifications"
// (WAWebUserPrefsNotifications), as whatsapp-web.js main 2dc9466 reads and writes them
// (src/Client.js:3050-3141). They are this browser's preferences: kept in the page's
// localStorage (so they outlive a reload or a restart with the same profile, and go with a
// logout's cleared storage), and reported to the server only so that the control API can show
// them (GET /_sim/settings). The server side is ../account-settings.js. Served after account-bots.js.
(function () {
    const sim = window.__waSimPage;
    if (!sim || !sim.account) return;
    const { modules } = sim;
    const { ask } = sim.account;

    // The simulator's defaults; WhatsApp Web's own are not known.
    const DEFAULTS = { autoDownloadAudio: true, autoDownloadDocuments: false, autoDownloadPhotos: true, autoDownloadVideos: false, globalOfflineNotifications: false };
    const KEY = (name) => `WAWebUserPrefs.${name}`;
    const read = (name) => {
        const stored = localStorage.getItem(KEY(name));
        return stored === null ? DEFAULTS[name] : stored === 'true';
    };
    // The getters answer a boolean; a setter takes a boolean (what the real ones do with anything
    // else is not known: a TypeError here) and resolves once stored.
    const write = async (name, value) => {
        if (typeof value !== 'boolean') throw new TypeError(`set ${name}: the value must be a boolean, not ${value === null ? 'null' : typeof value}`);
        localStorage.setItem(KEY(name), String(value));
        await ask({ type: 'user_pref', name, value });
    };

    modules.WAWebUserPrefsGeneral = {
        getAutoDownloadAudio: () => read('autoDownloadAudio'),
        setAutoDownloadAudio: (flag) => write('autoDownloadAudio', flag),
        getAutoDownloadDocuments: () => read('autoDownloadDocuments'),
        setAutoDownloadDocuments: (flag) => write('autoDownloadDocuments', flag),
        getAutoDownloadPhotos: () => read('autoDownloadPhotos'),
        setAutoDownloadPhotos: (flag) => write('autoDownloadPhotos', flag),
        getAutoDownloadVideos: () => read('autoDownloadVideos'),
        setAutoDownloadVideos: (flag) => write('autoDownloadVideos', flag),
    };
    modules.WAWebUserPrefsNotifications = {
        getGlobalOfflineNotifications: () => read('globalOfflineNotifications'),
        setGlobalOfflineNotifications: (flag) => write('globalOfflineNotifications', flag),
    };
})();
