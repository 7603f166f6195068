'use strict';
// whatsapp-web.js's Product (src/structures/Product.js): a product of an order, `id`, `price`
// (thousandths, as text), `thumbnailUrl`, `currency`, `name`, `quantity`; getData() reads its
// catalog details once (a ProductMetadata, undefined when the catalog has no such product).
const { Base, accountCall } = require('./Base');
const ProductMetadata = require('./ProductMetadata');

class Product extends Base {
  constructor(client, data) {
    super(client);
    if (data) this._patch(data);
  }

  _patch(data) {
    this.id = data.id;
    this.price = data.price ? data.price : '';
    this.thumbnailUrl = data.thumbnailUrl;
    this.currency = data.currency;
    this.name = data.name;
    this.quantity = data.quantity;
    this.data = null;
    return super._patch(data);
  }

  async getData() {
    if (this.data === null) {
      const result = await this.client[accountCall]('getProductMetadata', this.id);
      this.data = result ? new ProductMetadata(this.client, result) : undefined;
    }
    return this.data;
  }
}

module.exports = Product;
