'use strict';
// whatsapp-web.js's Buttons and List (src/structures/Buttons.js, List.js, the same in 1.34.7 and
// main): the shapes their constructors make, ids of 6 random characters where none is given, and
// their checks, which whatsapp-web.js throws as bare strings ('[BT01] No buttons'); here they are
// errors of code ERR_INVALID_ARGUMENT whose message starts with the same tag. whatsapp-web.js
// deprecated sending both: sendMessage() warns as it does and still sends them
// (lib/client/messages.js, src/account/buttons.rs).
const crypto = require('crypto');
const MessageMedia = require('./MessageMedia');

class ButtonsListError extends Error {
  constructor(message) {
    super(message);
    this.name = 'ButtonsListError';
    this.code = 'ERR_INVALID_ARGUMENT';
  }
}

// whatsapp-web.js's Util.generateHash(6): letters and digits.
const CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const hash = (length) => Array.from(crypto.randomBytes(length), (b) => CHARS[b % CHARS.length]).join('');

class Buttons {
  constructor(body, buttons, title, footer) {
    this.body = body;
    this.title = title;
    this.footer = footer;
    // A MessageMedia body makes a media message without a title.
    if (body instanceof MessageMedia) {
      this.type = 'media';
      this.title = '';
    } else {
      this.type = 'chat';
    }
    if (!Array.isArray(buttons)) throw new ButtonsListError('[BT01] No buttons: buttons must be an array of { id?, body }');
    // Phones show at most 3 buttons: the rest are dropped, as whatsapp-web.js does.
    this.buttons = buttons.slice(0, 3).map((btn) => ({
      buttonId: btn && btn.id ? String(btn.id) : hash(6),
      buttonText: { displayText: btn ? btn.body : undefined },
      type: 1,
    }));
    if (!this.buttons.length) throw new ButtonsListError('[BT01] No buttons');
  }
}

class List {
  constructor(body, buttonText, sections, title, footer) {
    this.description = body;
    this.buttonText = buttonText;
    this.title = title;
    this.footer = footer;
    if (!Array.isArray(sections) || !sections.length) throw new ButtonsListError('[LT02] List without sections');
    if (sections.length > 1 && sections.filter((s) => !s || typeof s.title == 'undefined').length > 1) {
      throw new ButtonsListError("[LT05] You can't have more than one empty title.");
    }
    this.sections = sections.map((section) => {
      if (!section || !Array.isArray(section.rows) || !section.rows.length) throw new ButtonsListError('[LT03] Section without rows');
      return {
        title: section.title ? section.title : undefined,
        rows: section.rows.map((row) => {
          if (!row || !row.title) throw new ButtonsListError('[LT04] Row without title');
          return { rowId: row.id ? row.id : hash(6), title: row.title, description: row.description ? row.description : '' };
        }),
      };
    });
  }
}

module.exports = { Buttons, List };
