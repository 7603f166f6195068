'use strict';
// The page's own settings and window as its pages report them (methods of AccountWorld, see
// account.js): media auto-download and background sync (page/account-settings.js), and the open
// chat, the right drawer and the feature flags (page/account-interface.js). What is not known
// about the real page is in simulator/README.md.
//
// Facts modelled:
// - These are a browser's preferences, not the account's: the page keeps them itself. The server
//   only records what a page of the account last set, for the control API, with the page's
//   defaults until one does. Whether WhatsApp syncs them to the account's other devices is not
//   known: here nothing is sent to the other pages.

const { parseNumber } = require('./account-util');

const DEFAULTS = { autoDownloadAudio: true, autoDownloadDocuments: false, autoDownloadPhotos: true, autoDownloadVideos: false, globalOfflineNotifications: false };

module.exports = {
    // GET /_sim/settings and GET /_sim/interface [?to=<digits>]; false for any other route.
    async _settingsControl(route, url, readJson, reply) {
        const to = url.searchParams.get('to') ?? undefined;
        if (route === 'GET /_sim/settings') return reply(200, this.settingsInfo(to));
        if (route === 'GET /_sim/interface') return reply(200, this.interfaceInfo(to));
        return false;
    },

    // The window of the account's page that last reported one (null fields until then).
    interfaceInfo(number) {
        const account = this._account(number === undefined || number === null ? null : parseNumber(number, 'to'));
        const ui = (this.uiStates && this.uiStates.get(account)) || { openChat: null, openAt: null, rightDrawer: null, features: null };
        return { account: `${account}@c.us`, ...ui };
    },

    _prefs(account) {
        if (!this.prefs) this.prefs = new Map();
        if (!this.prefs.has(account)) this.prefs.set(account, { ...DEFAULTS });
        return this.prefs.get(account);
    },

    // The settings as the account's pages last set them.
    settingsInfo(number) {
        const account = this._account(number === undefined || number === null ? null : parseNumber(number, 'to'));
        const p = this._prefs(account);
        return {
            account: `${account}@c.us`,
            autoDownload: { audio: p.autoDownloadAudio, documents: p.autoDownloadDocuments, photos: p.autoDownloadPhotos, videos: p.autoDownloadVideos },
            backgroundSync: p.globalOfflineNotifications,
        };
    },

    // A page's `user_pref` or `ui_state` report; false for any other message type.
    _onSettingsMessage(sock, msg) {
        if (msg.type !== 'user_pref' && msg.type !== 'ui_state') return false;
        const account = sock.sessionWid && sock.sessionWid.split('@')[0];
        if (!account) this._answer(sock, msg, { ok: false, error: 'not-logged-in' });
        else if (msg.type === 'ui_state') {
            if (!this.uiStates) this.uiStates = new Map();
            const state = { openChat: msg.openChat ?? null, openAt: msg.openAt ?? null, rightDrawer: msg.rightDrawer ?? null, features: msg.features ?? null };
            this.uiStates.set(account, state);
            this.sim._log('ui-state', { socketId: sock.id, account, ...state });
            this._answer(sock, msg, { ok: true });
        }
        else if (!Object.hasOwn(DEFAULTS, msg.name) || typeof msg.value !== 'boolean') this._answer(sock, msg, { ok: false, error: 'bad-pref' });
        else {
            this._prefs(account)[msg.name] = msg.value;
            this.sim._log('pref-set', { socketId: sock.id, account, name: msg.name, value: msg.value });
            this._answer(sock, msg, { ok: true });
        }
        return true;
    },
};
