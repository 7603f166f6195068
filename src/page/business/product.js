// product.getData(): a product of the account's own catalog, as whatsapp-web.js main 2dc9466
// reads it (structures/Product.js:53-66, Injected/Utils.js:1253-1264):
// WAWebBizProductCatalogBridge.queryProduct(Conn.wid, productId), its `data`, or null.
async function getProductMetadata(productId) {
  const { Conn } = need('WAWebConnModel', 'Conn');
  const product = await need('WAWebBizProductCatalogBridge', 'queryProduct').queryProduct(Conn.wid, productId);
  const d = product?.data;
  if (!d) return null;
  return { id: String(d.id), retailer_id: d.retailer_id ?? null, name: d.name ?? null, description: d.description ?? null };
}
