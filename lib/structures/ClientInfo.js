'use strict';
// whatsapp-web.js's ClientInfo (`client.info` after `ready`): the account's pushname, its wid
// (also as the deprecated `me`), the platform, and the deprecated `phone` (not in multi-device:
// undefined) and getBatteryStatus().
const { Base, accountCall } = require('./Base');

class ClientInfo extends Base {
  constructor(client, data) {
    super(client);
    if (data) this._patch(data);
  }

  _patch(data) {
    this.pushname = data.pushname ?? undefined;
    this.wid = data.wid ?? undefined;
    this.me = data.wid ?? undefined;
    this.phone = data.phone ?? undefined;
    this.platform = data.platform ?? undefined;
    return super._patch(data);
  }

  /**
   * `{ battery, plugged }` of the phone as WhatsApp Web's connection has them (deprecated in
   * whatsapp-web.js; null where current WhatsApp Web keeps none).
   */
  getBatteryStatus() {
    return this.client[accountCall]('getBatteryStatus');
  }
}

module.exports = ClientInfo;
