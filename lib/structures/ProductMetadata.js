'use strict';
// whatsapp-web.js's ProductMetadata (src/structures/ProductMetadata.js): a catalog product's
// `id`, `retailer_id`, `name`, `description`, from Rust (src/account/business.rs).
const { Base } = require('./Base');

class ProductMetadata extends Base {
  constructor(client, data) {
    super(client);
    if (data) this._patch(data);
  }

  _patch(data) {
    this.id = data.id;
    this.retailer_id = data.retailer_id;
    this.name = data.name;
    this.description = data.description;
    return super._patch(data);
  }
}

module.exports = ProductMetadata;
