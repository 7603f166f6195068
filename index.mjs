// The ES module entry of whatsapp-web-rs: the CommonJS module (index.js) re-exported by name.
// Why a wrapper: Node finds the named exports of a CommonJS module by scanning its source, and
// index.js's `...constants` spread hides Events, WAState, Status, DefaultOptions and WhatsWebURL
// from that scan, so `import { Events } from` index.js directly fails. Re-exporting the one
// CommonJS instance also means `import` and `require` share the same classes (one native addon,
// instanceof works across both). Keep this list equal to index.js's exports (__test__/esm.test.js
// checks it).
import cjs from './index.js';

export const {
    version,
    Client,
    NoAuth,
    LocalAuth,
    RemoteAuth,
    BaseAuthStrategy,
    AuthStrategy,
    WhatsWebURL,
    DefaultOptions,
    Status,
    Events,
    WAState,
    MessageTypes,
    GroupNotificationTypes,
    MessageAck,
    ChatTypes,
    Base,
    Message,
    Reaction,
    MessageMedia,
    Location,
    GroupNotification,
    Poll,
    PollVote,
    ScheduledEvent,
    Buttons,
    List,
    Call,
    ClientInfo,
    Chat,
    PrivateChat,
    GroupChat,
    Contact,
    PrivateContact,
    BusinessContact,
    ProductMetadata,
    Channel,
    Broadcast,
} = cjs;

export default cjs;
