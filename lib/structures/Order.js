'use strict';
// whatsapp-web.js's Order (src/structures/Order.js): `products` (Product), `subtotal`, `total`,
// `currency`, `createdAt`, from Rust (src/account/business.rs).
const { Base } = require('./Base');
const Product = require('./Product');

class Order extends Base {
  constructor(client, data) {
    super(client);
    if (data) this._patch(data);
  }

  _patch(data) {
    if (data.products) this.products = data.products.map((product) => new Product(this.client, product));
    this.subtotal = data.subtotal;
    this.total = data.total;
    this.currency = data.currency;
    this.createdAt = data.createdAt;
    return super._patch(data);
  }
}

module.exports = Order;
