// channel.setSubject(name) / setDescription(text) / setReactionSetting(code), as whatsapp-web.js
// main 2dc9466 (src/structures/Channel.js:139-203, 383-420):
// WAWebEditNewsletterMetadataAction.editNewsletterMetadataAction(channel, { edit<Field>: true },
// { <field>: value }); false when the page cannot find the channel or the server refuses.
async function editChannel(channelId, field, value) {
  const flag = { name: 'editName', description: 'editDescription', reactionCodesSetting: 'editReactionCodesSetting' }[field];
  const channel = await findChannel(channelId);
  if (!channel) return false;
  try {
    await need('WAWebEditNewsletterMetadataAction', 'editNewsletterMetadataAction').editNewsletterMetadataAction(channel, { [flag]: true }, { [field]: value });
    return true;
  } catch (error) {
    if (error && error.name === 'ServerStatusCodeError') return false;
    throw error;
  }
}
