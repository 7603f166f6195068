// client.getLabels() and client.getLabelById(labelId): the account's labels (WhatsApp Business),
// read as whatsapp-web.js main 2dc9466 reads them (src/util/Injected/Utils.js:1222-1239,
// getLabelModel/getLabels/getLabel): WAWebCollections.Label, each label's serialize() with its
// hexColor. With `labelId`, that one label, or null when the account has no such label.
async function labels(labelId) {
  const Label = need('WAWebCollections', 'Label.getModelsArray', 'Label.get').Label;
  const one = (label) => {
    const l = label.serialize();
    return { id: String(l.id), name: String(l.name ?? ''), hexColor: label.hexColor ?? null };
  };
  if (labelId === null) return Label.getModelsArray().map(one);
  const label = Label.get(labelId);
  return label ? one(label) : null;
}
