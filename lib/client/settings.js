'use strict';
// The Client's methods of one feature area: the page's own settings, media auto-download and
// background sync (src/account/settings.rs). Thin: Rust checks the flag and runs the page call.
// lib/client/index.js puts them on Client.prototype.
const { accountCall } = require('../structures/Base');

class Settings {
  /** Sets whether the page downloads received audio by itself. */
  async setAutoDownloadAudio(flag) {
    await this[accountCall]('setAutoDownloadAudio', flag);
  }

  /** Sets whether the page downloads received documents by itself. */
  async setAutoDownloadDocuments(flag) {
    await this[accountCall]('setAutoDownloadDocuments', flag);
  }

  /** Sets whether the page downloads received photos by itself. */
  async setAutoDownloadPhotos(flag) {
    await this[accountCall]('setAutoDownloadPhotos', flag);
  }

  /** Sets whether the page downloads received videos by itself. */
  async setAutoDownloadVideos(flag) {
    await this[accountCall]('setAutoDownloadVideos', flag);
  }

  /** Sets background sync (takes effect after the client restarts); resolves with the flag. */
  setBackgroundSync(flag) {
    return this[accountCall]('setBackgroundSync', flag);
  }
}

module.exports = Settings;
