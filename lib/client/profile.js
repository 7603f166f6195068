'use strict';
// The Client's methods of one feature area: calls, presence and the account's own profile
// (src/account/calls.rs, presence.rs, profile.rs).
// Thin: Rust checks the arguments and runs the page call; these wrap the answers in structures.
// lib/client/index.js puts them on Client.prototype.
const { accountCall } = require('../structures/Base');

class Profile {
  // ---- calls, presence, the profile and the address book (src/account/calls.rs, presence.rs,
  // profile.rs, addressbook.rs) ----

  /** A call link (`https://call.whatsapp.com/<callType>/…`) starting at `startTime` (a Date); callType 'voice' or 'video'. */
  createCallLink(startTime, callType) {
    return this[accountCall]('createCallLink', startTime instanceof Date ? startTime.getTime() : startTime, callType);
  }

  /** Marks the account online. */
  async sendPresenceAvailable() {
    await this[accountCall]('sendPresenceAvailable');
  }

  /** Marks the account offline. */
  async sendPresenceUnavailable() {
    await this[accountCall]('sendPresenceUnavailable');
  }

  /** Sets the account's about text. */
  async setStatus(status) {
    await this[accountCall]('setStatus', status);
  }

  /** Sets the account's display name (pushname); resolves false when WhatsApp does not let it change. */
  setDisplayName(displayName) {
    return this[accountCall]('setDisplayName', displayName);
  }

  /** Sets the account's profile picture from an image MessageMedia (cropped to a square); resolves whether it was set. */
  setProfilePicture(media) {
    return this[accountCall]('setProfilePicture', media);
  }

  /** Deletes the account's profile picture; resolves whether it was deleted (undefined when there was none). */
  async deleteProfilePicture() {
    return (await this[accountCall]('deleteProfilePicture')) ?? undefined;
  }
}

module.exports = Profile;
