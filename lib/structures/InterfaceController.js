'use strict';
// whatsapp-web.js's InterfaceController (`client.interface` after `ready`; 1.34.7 and main
// src/util/InterfaceController.js): the page's own window and WhatsApp Web's feature flags.
// Thin: Rust checks the arguments and runs the page calls (src/account/interface.rs).
const { accountCall } = require('./Base');

class InterfaceController {
  constructor(client) {
    Object.defineProperty(this, 'client', { value: client });
  }

  /** Opens the chat's window; resolves with what WhatsApp Web answers (true once open). */
  async openChatWindow(chatId) {
    return (await this.client[accountCall]('interface.openChatWindow', chatId)) ?? undefined;
  }

  /** Opens the chat's info drawer. */
  async openChatDrawer(chatId) {
    await this.client[accountCall]('interface.openChatDrawer', chatId);
  }

  /** Opens the chat's search drawer. */
  async openChatSearch(chatId) {
    await this.client[accountCall]('interface.openChatSearch', chatId);
  }

  /** Opens the message's chat scrolled to the message. */
  async openChatWindowAt(msgId) {
    await this.client[accountCall]('interface.openChatWindowAt', msgId);
  }

  /** Opens the message's info drawer. */
  async openMessageDrawer(msgId) {
    await this.client[accountCall]('interface.openMessageDrawer', msgId);
  }

  /** Closes the right-hand drawer. */
  async closeRightDrawer() {
    await this.client[accountCall]('interface.closeRightDrawer');
  }

  /** WhatsApp Web's table of feature names (`Features.F`). */
  getFeatures() {
    return this.client[accountCall]('interface.getFeatures');
  }

  /** Whether the feature is on. */
  checkFeatureStatus(feature) {
    return this.client[accountCall]('interface.checkFeatureStatus', feature);
  }

  /** Turns the features (an array of names) on. */
  async enableFeatures(features) {
    await this.client[accountCall]('interface.enableFeatures', features);
  }

  /** Turns the features (an array of names) off. */
  async disableFeatures(features) {
    await this.client[accountCall]('interface.disableFeatures', features);
  }
}

module.exports = InterfaceController;
