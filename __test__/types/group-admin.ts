// A whatsapp-web.js bot administering groups (promote, info, settings, picture, invites, requests,
// common groups) and listening to what others change. Type-checked, never run, like program.ts:
// __test__/types.test.js compiles it against whatsapp-web.js's types and, with the import changed,
// against whatsapp-web-rs's.
import { Client, Contact, GroupChat, GroupNotification, GroupNotificationTypes, MessageMedia, NoAuth } from 'whatsapp-web.js';

const client = new Client({ authStrategy: new NoAuth() });

client.on('ready', async () => {
    const group = (await client.getChatById('120363000000000001@g.us')) as GroupChat;
    const promoted: { status: number } = await group.promoteParticipants(['15557654321@c.us']);
    const demoted: { status: number } = await group.demoteParticipants(['15557654321@c.us']);
    console.log(promoted.status, demoted.status);
    const renamed: boolean = await group.setSubject('Team');
    const described: boolean = await group.setDescription('What we do');
    const settings: boolean[] = [
        await group.setMessagesAdminsOnly(),
        await group.setMessagesAdminsOnly(false),
        await group.setInfoAdminsOnly(true),
        await group.setAddMembersAdminsOnly(),
    ];
    console.log(renamed, described, settings);
    const pictured: boolean = await group.setPicture(MessageMedia.fromFilePath('./picture.jpg'));
    const unpictured: boolean = await group.deletePicture();
    console.log(pictured, unpictured);
    await group.revokeInvite();
    const info = await client.getInviteInfo(await group.getInviteCode());
    console.log(info);
    const added = await group.addParticipants(['15557654321@c.us'], { autoSendInviteV4: true, comment: 'Join us', sleep: [250, 500] });
    if (typeof added !== 'string') console.log(Object.keys(added));

    for (const request of await group.getGroupMembershipRequests()) console.log(request.id, request.addedBy, request.requestMethod, request.t);
    for (const result of await group.approveGroupMembershipRequests({ requesterIds: ['15557654321@c.us'], sleep: null })) {
        console.log(result.requesterId, result.error, result.message);
    }
    await group.rejectGroupMembershipRequests({ requesterIds: null, sleep: [250, 500] });
    await client.getGroupMembershipRequests(group.id._serialized);
    await client.approveGroupMembershipRequests(group.id._serialized, { requesterIds: '15557654321@c.us', sleep: 300 });
    await client.rejectGroupMembershipRequests(group.id._serialized, { requesterIds: null, sleep: null });

    const common = await client.getCommonGroups('15557654321@c.us');
    const contact: Contact = await client.getContactById('15557654321@c.us');
    const shared = await contact.getCommonGroups();
    console.log(common.map((id) => id._serialized), shared.map((id) => id.server));
});

const note = (n: GroupNotification) => console.log(n.chatId, n.author, n.type, n.body, n.recipientIds, n.timestamp);
client.on('group_update', (n: GroupNotification) => {
    if (n.type === GroupNotificationTypes.SUBJECT || n.type === GroupNotificationTypes.ANNOUNCE) note(n);
});
client.on('group_admin_changed', (n: GroupNotification) => {
    if (n.type === GroupNotificationTypes.PROMOTE) note(n);
});
client.on('group_membership_request', note);

client.initialize();
