// Type definitions for whatsapp-web-rs.
// Shapes follow whatsapp-web.js 1.34's index.d.ts so a program type-checks
// with only the import changed. Members whatsapp-web-rs does not implement
// yet are left out on purpose: the compiler then says so at once.
//
// How completeness is checked: scripts/gen-types-program.js writes
// __test__/types/all-members.ts from whatsapp-web.js 1.34.7's own index.d.ts, a program that
// touches every public member (every export, property, method overload, constructor, enum member
// and constant) with the type whatsapp-web.js declares for it. __test__/types.test.js compiles it
// against whatsapp-web.js (no error allowed) and, with only the import changed, against this file:
// the members that fail here must be exactly those in __test__/types/all-members.missing.json,
// each with its reason (not there at run time, or whatsapp-web.js's type disagrees with its own
// run time). A member is declared here only if it exists at run time.
import { EventEmitter } from 'events';

declare namespace WhatsAppWebRs {
    export class Client extends EventEmitter {
        constructor(options?: ClientOptions);

        /** The options as given, merged over `DefaultOptions`. */
        options: ClientOptions;

        /** The auth strategy in use (`NoAuth` when none was given). */
        authStrategy: AuthStrategy;

        /** Current connection information; set just before `ready`. */
        public info: ClientInfo;
        /** The page's own window and feature flags (whatsapp-web.js's InterfaceController); set just before `ready`. */
        public interface: InterfaceController;
        /**
         * puppeteer's Browser on this client's Chromium, once initialize() resolved, when the app has
         * puppeteer-core or puppeteer installed; null otherwise. Typed loosely so that programs
         * without puppeteer's types still compile (whatsapp-web.js types it as puppeteer.Browser).
         */
        public pupBrowser: any | null;
        /** puppeteer's Page for the WhatsApp Web page this client drives (see pupBrowser). */
        public pupPage: any | null;

        /** Starts Chromium, opens WhatsApp Web and begins the login. Resolves once the login has started (first `qr` or `code`, or a restored session). */
        initialize(): Promise<void>;

        /** Closes the browser and releases the session folder. Safe at any moment and more than once. */
        destroy(): Promise<void>;

        /** Logs out in WhatsApp Web, closes the browser and removes the saved session (LocalAuth's folder, RemoteAuth's backup); emits `disconnected('LOGOUT')`. */
        logout(): Promise<void>;

        /** Force reset of connection state for the client (reconnects WhatsApp Web's socket) */
        resetState(): Promise<void>;

        /** The socket state last reported by WhatsApp Web, or null before it loaded. */
        getState(): Promise<WAState>;

        /** The version of WhatsApp Web the page runs (`window.Debug.VERSION`). */
        getWWebVersion(): Promise<string>;

        /**
         * An extension of whatsapp-web-rs (whatsapp-web.js has no such method): the WhatsApp
         * Web internals the client uses that the live page lacks, checked without calling
         * anything, and the features that lose each one. Resolves once the page has loaded.
         * After `ready` the client also emits a process warning (code `WWRS_PAGE_CHANGED`)
         * once per missing internal; a call that needs one rejects with `ERR_PAGE_CHANGED`.
         */
        getPageSupport(): Promise<PageSupport>;

        /**
         * Request authentication via pairing code instead of QR code.
         * Works on a client started in QR mode too; QR events stop until `cancelPairingCode()`.
         * @param phoneNumber - Phone number in international format, e.g. "12025550108" (a leading "+", spaces, dashes, dots and parentheses are accepted)
         * @param showNotification - Ask the phone to show a notification (first code only)
         * @param intervalMs - How often a fresh code is generated while unpaired
         * @returns The pairing code, 8 characters without a dash, e.g. "ABCDEFGH"
         */
        requestPairingCode(
            phoneNumber: string,
            showNotification?: boolean,
            intervalMs?: number,
        ): Promise<string>;

        /** Stops the pairing-code refresh and returns to QR login; resolves after the fresh `qr` was emitted. */
        cancelPairingCode(): Promise<void>;

        /** Send a message to a specific chatId (text only for now) */
        sendMessage(chatId: string, content: MessageContent, options?: MessageSendOptions): Promise<Message>;

        /** Mark as seen for the Chat */
        sendSeen(chatId: string): Promise<boolean>;

        /** Send a reaction to a specific messageId */
        sendReaction(messageId: string, reaction: string): Promise<void>;

        /** Get all current chat instances */
        getChats(): Promise<Chat[]>;

        /** Get chat instance by ID */
        getChatById(chatId: string): Promise<Chat>;

        /** Get all current contact instances */
        getContacts(): Promise<Contact[]>;

        /** Get contact instance by ID */
        getContactById(contactId: string): Promise<Contact>;

        /** Get all blocked contacts by host account */
        getBlockedContacts(): Promise<Contact[]>;

        /** Get Contact lid and phone */
        getContactLidAndPhone(
            userIds: string[],
        ): Promise<{ lid: string; pn: string }[]>;

        /**Accepts an invitation to join a group */
        acceptInvite(inviteCode: string): Promise<string>;

        /** Accepts a private invitation to join a group (a message's inviteV4) */
        acceptGroupV4Invite: (inviteV4: InviteV4Data) => Promise<{ status: number }>;

        /** The group an invite code leads to */
        getInviteInfo(inviteCode: string): Promise<InviteInfo>;

        /** Gets an array of membership requests */
        getGroupMembershipRequests(groupId: string): Promise<Array<GroupMembershipRequest>>;

        /** Approves membership requests if any */
        approveGroupMembershipRequests(groupId: string, options?: MembershipRequestActionOptions): Promise<Array<MembershipRequestActionResult>>;

        /** Rejects membership requests if any */
        rejectGroupMembershipRequests(groupId: string, options?: MembershipRequestActionOptions): Promise<Array<MembershipRequestActionResult>>;

        /** The ids of the groups the account shares with the contact */
        getCommonGroups(contactId: string): Promise<ChatId[]>;

        /** Creates a new group */
        createGroup(
            title: string,
            participants?: string | Contact | Contact[] | string[],
            options?: CreateGroupOptions,
        ): Promise<CreateGroupResult | string>;

        /** Get message by ID */
        getMessageById(messageId: string): Promise<Message>;

        /** The votes on a poll (none for a message this device does not hold) */
        getPollVotes(messageId: string): Promise<PollVote[]>;

        /**
         * Answers a scheduled event: `0` none (takes an answer back), `1` going, `2` not going,
         * `3` maybe. True when sent; false when this device does not hold the event message.
         */
        sendResponseToScheduledEvent(response: number, eventMessageId: string): Promise<boolean>;

        /** Gets instances of all pinned messages in a chat */
        getPinnedMessages(chatId: string): Promise<[Message] | []>;

        /** Messages whose text contains the query, newest first */
        searchMessages(query: string, options?: { chatId?: string; page?: number; limit?: number }): Promise<Message[]>;

        /** Asks the phone for more of a chat's history; true if it was asked (the phone had more) */
        syncHistory(chatId: string): Promise<boolean>;

        /** The account's labels (WhatsApp Business; none on another account) */
        getLabels(): Promise<Label[]>;

        /** Every poster's status updates the account has (its own once it posted one) */
        getBroadcasts(): Promise<Broadcast[]>;

        /** One contact's status updates (no messages when it posted none) */
        getBroadcastById(contactId: string): Promise<Broadcast>;

        /** Deletes one of the account's own status updates for everyone */
        revokeStatusMessage(messageId: string): Promise<void>;

        /** One label by its id (ERR_INVALID_ARGUMENT when there is none) */
        getLabelById(labelId: string): Promise<Label>;

        /** The labels on a chat */
        getChatLabels(chatId: string): Promise<Label[]>;

        /** The chats a label is on */
        getChatsByLabelId(labelId: string): Promise<Chat[]>;

        /** Gives each chat exactly the labels labelIds (WhatsApp Business only) */
        addOrRemoveLabels(labelIds: Array<number | string>, chatIds: Array<string>): Promise<void>;

        /** Adds or edits the customer note of a person's chat (WhatsApp Business only) */
        addOrEditCustomerNote(userId: string, note: string): Promise<void>;

        /** The customer note of a person's chat (WhatsApp Business only); null when it has none */
        getCustomerNote(userId: string): Promise<CustomerNote>;

        /** The channels (newsletters) the page holds: owned, followed or looked at */
        getChannels(): Promise<Channel[]>;

        /** The channel an invite code (the part after https://whatsapp.com/channel/) names; undefined when none */
        getChannelByInviteCode(inviteCode: string): Promise<Channel>;

        /** Creates a channel; whatsapp-web.js's `CreateChannelError: …` text when WhatsApp does not let it */
        createChannel(title: string, options?: CreateChannelOptions): Promise<CreateChannelResult | string>;

        /** Deletes a channel the account owns; false when it cannot */
        deleteChannel(channelId: string): Promise<boolean>;

        /** Follows a channel; false for one the account owns or cannot find */
        subscribeToChannel(channelId: string): Promise<boolean>;

        /** Stops following a channel; false for one the account owns or cannot find */
        unsubscribeFromChannel(channelId: string, options?: UnsubscribeOptions): Promise<boolean>;

        /** WhatsApp's channel directory */
        searchChannels(searchOptions: SearchChannelsOptions): Promise<Array<Channel> | []>;

        /** Invites a person to be an admin of a channel the account owns (an invitation message in their chat) */
        sendChannelAdminInvite(chatId: string, channelId: string, options?: { comment?: string }): Promise<boolean>;
        /** Becomes an admin of a channel whose owner invited the account; false when there is no invitation */
        acceptChannelAdminInvite(channelId: string): Promise<boolean>;
        /** Takes back an admin invitation the account (the owner) sent; false when there is none */
        revokeChannelAdminInvite(channelId: string, userId: string): Promise<boolean>;
        /** An admin back to a subscriber (the owner, or an admin demoting itself); false when refused */
        demoteChannelAdmin(channelId: string, userId: string): Promise<boolean>;
        /** Hands a channel the account owns to one of its admins; false when refused */
        transferChannelOwnership(channelId: string, newOwnerId: string, options?: TransferChannelOwnershipOptions): Promise<boolean>;

        /** Changes and returns the archive state of the Chat */
        archiveChat(chatId: string): Promise<boolean>;

        /** Changes and returns the archive state of the Chat */
        unarchiveChat(chatId: string): Promise<boolean>;

        /** Pins the Chat and returns its new Pin state */
        pinChat(chatId: string): Promise<boolean>;

        /** Unpins the Chat and returns its new Pin state */
        unpinChat(chatId: string): Promise<boolean>;

        /** Mutes this chat forever, unless a date is specified */
        muteChat(chatId: string, unmuteDate?: Date): Promise<{ isMuted: boolean; muteExpiration: number }>;

        /** Unmutes the Chat */
        unmuteChat(chatId: string): Promise<{ isMuted: boolean; muteExpiration: number }>;

        /** Mark the Chat as unread */
        markChatUnread(chatId: string): Promise<void>;

        /** Returns the contact ID's profile picture URL, if privacy settings allow it */
        getProfilePicUrl(contactId: string): Promise<string>;

        /** Check if a given ID is registered in whatsapp */
        isRegisteredUser(contactId: string): Promise<boolean>;

        /** Get the registered WhatsApp ID for a number. Returns null if the number is not registered on WhatsApp. */
        getNumberId(number: string): Promise<ContactId | null>;

        /** Get the formatted number of a WhatsApp ID. */
        getFormattedNumber(number: string): Promise<string>;

        /** Get the country code of a WhatsApp ID. */
        getCountryCode(number: string): Promise<string>;

        /** Generates a WhatsApp call link (`https://call.whatsapp.com/<callType>/…`); '' when WhatsApp made none */
        createCallLink(startTime: Date, callType: 'voice' | 'video' | string): Promise<string>;

        /** Marks the client as online */
        sendPresenceAvailable(): Promise<void>;

        /** Marks the client as offline */
        sendPresenceUnavailable(): Promise<void>;

        /** Sets the current user's about text */
        setStatus(status: string): Promise<void>;

        /** Sets the current user's display name; false when WhatsApp does not let it change */
        setDisplayName(displayName: string): Promise<boolean>;

        /** Whether the page downloads received audio by itself */
        setAutoDownloadAudio(flag: boolean): Promise<void>;
        /** Whether the page downloads received documents by itself */
        setAutoDownloadDocuments(flag: boolean): Promise<void>;
        /** Whether the page downloads received photos by itself */
        setAutoDownloadPhotos(flag: boolean): Promise<void>;
        /** Whether the page downloads received videos by itself */
        setAutoDownloadVideos(flag: boolean): Promise<void>;
        /** Background sync (takes effect after a restart); resolves with the flag, although whatsapp-web.js types it void */
        setBackgroundSync(flag: boolean): Promise<void>;

        /** Sets the current user's profile picture from an image (cropped to its centre square, sent at 96 and 640 px as JPEG) */
        setProfilePicture(media: MessageMedia): Promise<boolean>;

        /** Deletes the current user's profile picture; true once deleted (undefined at run time when there is none, as in whatsapp-web.js) */
        deleteProfilePicture(): Promise<boolean>;

        /** How many devices the user has: the phone and each linked device (0 when WhatsApp lists none) */
        getContactDeviceCount(userId: string): Promise<number>;

        /** Saves a number in the address book as `firstName lastName`, or renames it */
        saveOrEditAddressbookContact(phoneNumber: string, firstName: string, lastName: string, syncToAddressbook?: boolean): Promise<void>;

        /** Takes a number's name out of the address book ("15551234567" or "15551234567@c.us") */
        deleteAddressbookContact(phoneNumber: string): Promise<void>;

        /** Emitted when the file of a message sent by this account has been uploaded */
        on(
            event: 'media_uploaded',
            listener: (
                /** The message whose file was uploaded */
                message: Message,
            ) => void,
        ): this;

        /**
         * The phone's battery. Never emitted: with multi-device, WhatsApp no longer sends it
         * (whatsapp-web.js documents the same and marks the event deprecated).
         * @deprecated
         */
        on(event: 'change_battery', listener: (batteryInfo: BatteryInfo) => void): this;

        /** Emitted when a call comes in */
        on(
            event: 'call',
            listener: (
                /** The call that started */
                call: Call,
            ) => void,
        ): this;

        /** Emitted when a contact or a group participant changed their phone number */
        on(
            event: 'contact_changed',
            listener: (
                /** The notification, with more information about the change */
                message: Message,
                /** The user's old id */
                oldId: string,
                /** The user's new id */
                newId: string,
                /** true for a contact, false for a group participant */
                isContact: boolean,
            ) => void,
        ): this;

        /** Emitted when a new message is received */
        on(
            event: 'message',
            listener: (
                /** The message that was received */
                message: Message,
            ) => void,
        ): this;

        /** Emitted when an ack event occurrs on message type */
        on(
            event: 'message_ack',
            listener: (
                /** The message that was affected */
                message: Message,
                /** The new ACK value */
                ack: MessageAck,
            ) => void,
        ): this;

        /** Emitted when an edit event occurrs on message type */
        on(
            event: 'message_edit',
            listener: (
                /** The message that was affected */
                message: Message,
                /** New text message */
                newBody: String,
                /** Prev text message */
                prevBody: String,
            ) => void,
        ): this;

        /** Emitted when a chat unread count changes */
        on(
            event: 'unread_count',
            listener: (
                /** The chat that was affected */
                chat: Chat,
            ) => void,
        ): this;

        /** Emitted when a new message ciphertext is received  */
        on(
            event: 'message_ciphertext',
            listener: (
                /** The message that was ciphertext */
                message: Message,
            ) => void,
        ): this;

        /** Emitted when a ciphertext message failed to decrypt after recovery attempt */
        on(
            event: 'message_ciphertext_failed',
            listener: (
                /** The message that failed to decrypt */
                message: Message,
            ) => void,
        ): this;

        /** Emitted when a message is deleted by the current user */
        on(
            event: 'message_revoke_me',
            listener: (
                /** The message that was revoked */
                message: Message,
            ) => void,
        ): this;

        /** Emitted when a chat is deleted, on this device or another of the account */
        on(
            event: 'chat_removed',
            listener: (
                /** The chat as it was before it was deleted */
                chat: Chat,
            ) => void,
        ): this;

        /** Emitted when a chat is archived/unarchived */
        on(
            event: 'chat_archived',
            listener: (
                /** The chat that was archived/unarchived */
                chat: Chat,
                /** State the chat is currently in */
                currState: boolean,
                /** State the chat was previously in */
                prevState: boolean,
            ) => void,
        ): this;

        /** Emitted when a message is deleted for everyone in the chat. */
        on(
            event: 'message_revoke_everyone',
            listener: (
                /** The message that was revoked, in its current state. It will not contain the original message's data */
                message: Message,
                /** The message that was revoked, before it was revoked, when it was seen (else undefined). */
                revoked_msg?: Message | null,
            ) => void,
        ): this;

        /** Emitted when a user joins the chat via invite link or is added by an admin. */
        on(
            event: 'group_join',
            listener: (
                /** GroupNotification with more information about the action */
                notification: GroupNotification,
            ) => void,
        ): this;

        /** Emitted when a user leaves the chat or is removed by an admin */
        on(
            event: 'group_leave',
            listener: (
                /** GroupNotification with more information about the action */
                notification: GroupNotification,
            ) => void,
        ): this;

        /** Emitted when a current user is promoted to an admin or demoted to a regular user. */
        on(
            event: 'group_admin_changed',
            listener: (
                /** GroupNotification with more information about the action */
                notification: GroupNotification,
            ) => void,
        ): this;

        /** Emitted when some user requested to join the group that has the membership approval mode turned on */
        on(
            event: 'group_membership_request',
            listener: (
                /** GroupNotification with more information about the action */
                notification: GroupNotification,
            ) => void,
        ): this;

        /** Emitted when group settings are updated, such as subject, description or picture. */
        on(
            event: 'group_update',
            listener: (
                /** GroupNotification with more information about the action */
                notification: GroupNotification,
            ) => void,
        ): this;

        /** Emitted when someone (the current user too) votes on a poll, changes or takes back their vote */
        on(event: 'vote_update', listener: (vote: PollVote) => void): this;

        /** Emitted when a reaction is sent, received, updated or removed */
        on(
            event: 'message_reaction',
            listener: (
                /** The reaction object */
                reaction: Reaction,
            ) => void,
        ): this;

        /** Emitted when a new message is created, which may include the current user's own messages */
        on(
            event: 'message_create',
            listener: (
                /** The message that was created */
                message: Message,
            ) => void,
        ): this;

        /** Generic event */
        on(event: string, listener: (...args: any) => void): this;

        /** Emitted when there has been an error while trying to restore an existing session; a fresh login follows */
        on(event: 'auth_failure', listener: (message: string) => void): this;

        /** Emitted when authentication is successful */
        on(event: 'authenticated', listener: () => void): this;

        /** Emitted when the RemoteAuth session is saved successfully on the external Database */
        on(event: 'remote_session_saved', listener: () => void): this;

        /** Emitted when the connection state changes (after `ready`) */
        on(
            event: 'change_state',
            listener: (
                /** the new connection state */
                state: WAState,
            ) => void,
        ): this;

        /** Emitted when the client has been disconnected */
        on(
            event: 'disconnected',
            listener: (
                /** reason that caused the disconnect: a socket state, 'LOGOUT', 'Max qrcode retries reached' or 'BROWSER_CLOSED' */
                reason: WAState | 'LOGOUT',
            ) => void,
        ): this;

        /** Emitted while WhatsApp Web loads after login (the percent is a number at run time, as in whatsapp-web.js) */
        on(
            event: 'loading_screen',
            listener: (percent: string, message: string) => void,
        ): this;

        /** Emitted when the QR code is received: `ref,noiseKey,identityKey,advSecret,platform` */
        on(
            event: 'qr',
            listener: (
                /** qr code string */
                qr: string,
            ) => void,
        ): this;

        /** Emitted when the phone number pairing code is received */
        on(
            event: 'code',
            listener: (
                /** pairing code string
                 *  @example `8W2WZ3TS` */
                code: string,
            ) => void,
        ): this;

        /** whatsapp-web-rs: an automatic pairing-code refresh was refused; the client went back to QR login */
        on(
            event: 'code_error',
            listener: (error: { code: string; message: string }) => void,
        ): this;

        /** Emitted when the client has initialized and is ready to receive messages */
        on(event: 'ready', listener: () => void): this;
    }

    /** Puppeteer-style browser options: launch a Chromium, or attach to a running one. */
    /** `client.getPageSupport()`'s answer (an extension of whatsapp-web-rs). */
    export interface PageSupport {
        /** `window.Debug.VERSION` of the page, or null if it has none. */
        version: string | null;
        /** Each internal the page lacks: `Module` (the whole module) or `Module.member`, and what stops working without it. */
        missing: { internal: string; features: string[] }[];
    }

    export interface PuppeteerOptions {
        /** Attach to a running Chromium (its DevTools WebSocket URL); destroy() then only closes our page. */
        browserWSEndpoint?: string;
        /** Attach to a running Chromium by its DevTools HTTP URL (e.g. http://127.0.0.1:9222). */
        browserURL?: string;
        /** @default true */
        headless?: boolean | 'new' | 'shell';
        /** @default searched: $CHROME_PATH, $PUPPETEER_EXECUTABLE_PATH, puppeteer's cache, google-chrome/chromium on the PATH, /usr/bin/chromium and other usual paths */
        executablePath?: string;
        /** Extra Chromium flags, e.g. '--host-resolver-rules=…' */
        args?: string[];
        /** Profile folder (NoAuth only; LocalAuth chooses its own) */
        userDataDir?: string;
        /** Emulated viewport; null (the default) keeps the window size. */
        defaultViewport?: null | { width: number; height: number; deviceScaleFactor?: number; isMobile?: boolean };
    }

    /** Options for initializing the whatsapp client */
    export interface ClientOptions {
        /** How long to wait for WhatsApp Web to load; 0 means 30 s.
         * @default 0 */
        authTimeoutMs?: number;
        /** Browser options */
        puppeteer?: PuppeteerOptions;
        /** Determines how to save and restore sessions. Otherwise, NoAuth will be used. */
        authStrategy?: AuthStrategy;
        /** How many `qr` events to emit before giving up (exactly that many); 0 means no limit.
         * @default 0 */
        qrMaxRetries?: number;
        /** User agent; false keeps Chromium's own.
         * @default 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_14_0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/101.0.4951.67 Safari/537.36' */
        userAgent?: string | false;
        /** Sets bypassing of page's Content-Security-Policy
         * @default false */
        bypassCSP?: boolean;
        /** Sets the device name of a current linked device., i.e.: 'TEST' */
        deviceName?: string;
        /**
         * Sets the browser name of a current linked device, i.e.: 'Firefox'.
         */
        browserName?: string;
        /** The version of WhatsApp Web to use with webVersionCache: digits and dots (anything else throws ERR_WEB_VERSION).
         * @default '2.3000.1017054665' */
        webVersion?: string;
        /** Where the WhatsApp Web page comes from: 'local' serves `<path>/<webVersion>.html` when present and saves the page there after login; 'remote' fetches `remotePath` (`{version}` replaced; https://, or http:// to this machine only); 'none' always uses the live page.
         * @default { type: 'local' } */
        webVersionCache?: WebCacheOptions;
        /** If another WhatsApp Web session takes over (CONFLICT), take it back after takeoverTimeoutMs instead of disconnecting
         * @default false */
        takeoverOnConflict?: boolean;
        /** How long to wait before taking over the session
         * @default 0 */
        takeoverTimeoutMs?: number;
        /** Proxy credentials for a proxy given with `--proxy-server` in puppeteer.args */
        proxyAuthentication?: { username: string; password: string } | undefined;
        /** A function (or script) evaluated in every new document before WhatsApp Web's own scripts */
        evalOnNewDoc?: Function | string;
        /** Accepted for compatibility; used once media handling exists
         * @default 'ffmpeg' */
        ffmpegPath?: string;
        /** whatsapp-web-rs: share one Chromium among all clients created with this option and the same
         * puppeteer launch options, each in its own browser context (NoAuth only). The browser starts
         * with the first client and stops with the last; a second client starts in the time of a tab.
         * @default false */
        sharedBrowser?: boolean;
        /** whatsapp-web-rs: NoAuth sessions keep Chromium's HTTP and V8 code cache in one per-user folder
         * ($XDG_CACHE_HOME/whatsapp-web-rs/chromium, else ~/.cache/whatsapp-web-rs/chromium), so later
         * processes load WhatsApp Web's bundles from disk, already compiled. No session data goes there.
         * @default true */
        sharedCache?: boolean;
        /** whatsapp-web-rs: a browser the client launches loads no images and web fonts, which a headless
         * session never shows. Set false to take screenshots.
         * @default true */
        blockMedia?: boolean;
        /** Start in pairing-code mode. Refer the requestPairingCode function of Client.
         * @default
         * {
         *   phoneNumber: "",
         *   showNotification: true,
         *   intervalMs: 180000,
         * }
         */
        pairWithPhoneNumber?: {
            phoneNumber: string;
            showNotification?: boolean;
            intervalMs?: number;
        };
    }

    /**
     * Base class of the authentication strategies. A subclass (a custom strategy)
     * overrides the hooks it needs; each is called and awaited at the moment
     * whatsapp-web.js calls it. The hooks are declared as whatsapp-web.js declares
     * them (function properties), so a TypeScript strategy compiles against both.
     */
    export abstract class AuthStrategy {
        /** Set by `setup()`: the client using this strategy. */
        client?: Client;
        setup: (client: Client) => void;
        /** Before Chromium starts; may set `this.client.options.puppeteer.userDataDir` (the profile folder). */
        beforeBrowserInitialized: () => Promise<void>;
        /** Chromium is up. */
        afterBrowserInitialized: () => Promise<void>;
        /** The page needs a login (before the first `qr`): `failed` ends initialize() with `auth_failure(failureEventPayload)`, `restart` then initializes again. */
        onAuthenticationNeeded: () => Promise<{
            failed?: boolean;
            restart?: boolean;
            failureEventPayload?: any;
        }>;
        /** Its value is the argument of the `authenticated` event. */
        getAuthEventPayload: () => Promise<any>;
        /** After `ready` (not awaited). */
        afterAuthReady: () => Promise<void>;
        /** Before `disconnected` for a socket state. */
        disconnect: () => Promise<void>;
        /** After `destroy()` closed the browser. */
        destroy: () => Promise<void>;
        /** After `logout()` (or a logout from the phone). */
        logout: () => Promise<void>;
    }

    /** The same class under the name index.js also exports it as. */
    export const BaseAuthStrategy: typeof AuthStrategy;
    export type BaseAuthStrategy = AuthStrategy;

    /**
     * No session restoring functionality
     * Will need to authenticate via QR code every time
     */
    export class NoAuth extends AuthStrategy {}

    /**
     * Local directory-based authentication: `<dataPath>/session-<clientId>`, as whatsapp-web.js
     */
    export class LocalAuth extends AuthStrategy {
        public clientId?: string;
        public dataPath?: string;
        constructor(options?: {
            clientId?: string;
            dataPath?: string;
            rmMaxRetries?: number;
        });
    }

    export interface LocalWebCacheOptions {
        type: 'local';
        path?: string;
        strict?: boolean;
    }

    export interface RemoteWebCacheOptions {
        type: 'remote';
        remotePath: string;
        strict?: boolean;
        /** whatsapp-web-rs only: the whole download (connection, headers, body) must finish within this
         * @default 20000 */
        timeoutMs?: number;
        /** whatsapp-web-rs only: the largest page accepted, in bytes
         * @default 20971520 */
        maxBytes?: number;
    }

    export interface NoWebCacheOptions {
        type: 'none';
    }

    export type WebCacheOptions = NoWebCacheOptions | LocalWebCacheOptions | RemoteWebCacheOptions;

    /**
     * Remote-based authentication: the session is backed up to `store` as whatsapp-web.js's RemoteAuth does,
     * so stores written for it (wwebjs-mongo, wwebjs-aws-s3) work unchanged.
     */
    export class RemoteAuth extends AuthStrategy {
        public clientId?: string;
        public dataPath?: string;
        constructor(options?: {
            store: Store;
            clientId?: string;
            dataPath?: string;
            /** At least 60000 */
            backupSyncIntervalMs: number;
            rmMaxRetries?: number;
            /** whatsapp-web-rs only: wait before the first backup after a new login (default 60000, as whatsapp-web.js) */
            initialBackupDelayMs?: number;
            /** whatsapp-web-rs only: a restore that would unpack more bytes is refused (default 536870912, 512 MiB) */
            restoreMaxBytes?: number;
            /** whatsapp-web-rs only: a stored session with more zip entries is refused (default 100000) */
            restoreMaxEntries?: number;
        });
    }

    /**
     * Remote store interface
     */
    export interface Store {
        sessionExists: (options: { session: string }) => Promise<boolean> | boolean;
        delete: (options: { session: string }) => Promise<any> | any;
        save: (options: { session: string }) => Promise<any> | any;
        extract: (options: { session: string; path: string }) => Promise<any> | any;
    }

    /** Serialized ID of the logged-in account */
    export interface ContactId {
        server: string;
        user: string;
        _serialized: string;
    }

    export interface ClientInfo {
        /**
         * Current user ID
         * @deprecated Use .wid instead
         */
        me: ContactId;
        /** Current user ID */
        wid: ContactId;
        /** Platform the phone is running on */
        platform: string;
        /** Name configured to be shown in push notifications */
        pushname: string;
        /**
         * Information about the phone this client is connected to. Not available in multi-device: undefined.
         * @deprecated
         */
        phone?: undefined;
        /**
         * Current battery percentage and charging status of the phone, as WhatsApp Web's connection has them
         * @deprecated (null at run time where current WhatsApp Web keeps none)
         */
        getBatteryStatus: () => Promise<BatteryInfo>;
    }

    /**
     * Information about the phone (whatsapp-web.js's type for `ClientInfo.phone`, which multi-device
     * WhatsApp no longer has: `info.phone` is undefined at run time here as there)
     * @deprecated
     */
    export interface ClientInfoPhone {
        /** WhatsApp Version running on the phone */
        wa_version: string;
        /** OS Version running on the phone (iOS or Android version) */
        os_version: string;
        /** Device manufacturer */
        device_manufacturer: string;
        /** Device model */
        device_model: string;
        /** OS build number */
        os_build_number: string;
    }

    export interface BatteryInfo {
        /** The current battery percentage */
        battery: number;
        /** Whether the phone is plugged in */
        plugged: boolean;
    }

    /** A call (the `call` event) */
    export interface Call {
        /** Call id */
        id: string;
        /** The caller's id, e.g. `15551234567@c.us` */
        from: string;
        /** Unix timestamp (seconds) of the offer */
        timestamp: number;
        /** Is video */
        isVideo: boolean;
        /** Is group */
        isGroup: boolean;
        /** Whether the call was made by the current user */
        fromMe: boolean;
        /** Whether the call can be handled in WhatsApp Web */
        canHandleLocally: boolean;
        /** Whether WhatsApp Web should handle the call */
        webClientShouldHandle: boolean;
        /** The people in a group call (the caller first); empty otherwise */
        participants: ContactId[];
        /** Rejects the call */
        reject: () => Promise<void>;
    }

    /** What `sendMessage` sends: text, a file, a location or a poll (contacts are not supported yet). */
    export type MessageContent = string | MessageMedia | Location | Poll | ScheduledEvent | Contact | Contact[] | List | Buttons;

    /** whatsapp-web.js's InterfaceController: `client.interface` */
    export class InterfaceController {
        /** Opens the chat's window; resolves with WhatsApp Web's answer */
        openChatWindow(chatId: string): Promise<boolean | undefined>;
        /** Opens the chat's info drawer */
        openChatDrawer(chatId: string): Promise<void>;
        /** Opens the chat's search drawer */
        openChatSearch(chatId: string): Promise<void>;
        /** Opens the message's chat scrolled to it */
        openChatWindowAt(msgId: string): Promise<void>;
        /** Opens the message's info drawer */
        openMessageDrawer(msgId: string): Promise<void>;
        /** Closes the right drawer */
        closeRightDrawer(): Promise<void>;
        /** WhatsApp Web's table of feature names */
        getFeatures(): Promise<Record<string, unknown>>;
        /** Whether a feature is on */
        checkFeatureStatus(feature: string): Promise<boolean>;
        /** Turns features on */
        enableFeatures(features: string[]): Promise<void>;
        /** Turns features off */
        disableFeatures(features: string[]): Promise<void>;
    }

    /** Message type List (deprecated by WhatsApp: sendMessage warns as whatsapp-web.js and sends it; a WhatsApp Business account cannot, ERR_NOT_SUPPORTED [LT01]) */
    export class List {
        description: string;
        buttonText: string;
        sections: Array<any>;
        title?: string | null;
        footer?: string | null;
        /** Declared as in whatsapp-web.js's types; never set (the constructor sets `description`, as whatsapp-web.js's does) */
        body: string;

        constructor(body: string, buttonText: string, sections: Array<any>, title?: string | null, footer?: string | null);
    }

    /** Message type Buttons (deprecated by WhatsApp: sendMessage warns as whatsapp-web.js and sends it) */
    export class Buttons {
        body: string | MessageMedia;
        buttons: Array<{ buttonId: string; buttonText: { displayText: string }; type: number }>;
        title?: string | null;
        footer?: string | null;
        type: 'chat' | 'media';

        constructor(body: string | MessageMedia, buttons: Array<{ id?: string; body: string }>, title?: string | null, footer?: string | null);
    }

    /** Poll send options */
    export interface PollSendOptions {
        /** False for a single choice poll, true for a multiple choice poll (false by default) */
        allowMultipleAnswers?: boolean;
        /** The message secret, 32 numbers from 0 to 255 (random when undefined); can serve as the poll's id */
        messageSecret: Array<number> | undefined;
    }

    /** A poll to send: 2 to 12 distinct options */
    export class Poll {
        pollName: string;
        pollOptions: Array<{
            name: string;
            localId: number;
        }>;
        options: PollSendOptions;

        constructor(pollName: string, pollOptions: Array<string>, options?: PollSendOptions);
    }

    /** ScheduledEvent send options */
    export interface ScheduledEventSendOptions {
        /** The event's description */
        description?: string;
        /** When the event ends (not before it starts) */
        endTime?: Date;
        /** Where the event is (a name) */
        location?: string;
        /** A WhatsApp call link to make for the event: `'voice'`, `'video'` or `'none'` (none by default) */
        callType?: string;
        /** Send the event already canceled (false by default) */
        isEventCanceled?: boolean;
        /** The message secret, 32 numbers from 0 to 255 (random when undefined); can serve as the event's id */
        messageSecret: Array<number> | undefined;
    }

    /** A scheduled event to send (or the new version of one, for `message.editScheduledEvent()`) */
    export class ScheduledEvent {
        name: string;
        /** The start, in seconds */
        startTimeTs: number;
        eventSendOptions: {
            description?: string;
            /** The end, in seconds */
            endTimeTs?: number;
            location?: string;
            callType?: string;
            isEventCanceled?: boolean;
            messageSecret?: Array<number>;
        };

        /** Throws (code `ERR_INVALID_ARGUMENT`) for an empty name, an unknown callType, times that are not Dates */
        constructor(name: string, startTime: Date, options?: ScheduledEventSendOptions);
    }

    /** A selected poll option */
    export interface SelectedPollOption {
        /** The option's local id */
        localId: number;
        /** The option name */
        name: string;
    }

    /** A vote on a poll */
    export class PollVote {
        /** The person who voted */
        voter: string;
        /** Their selected option(s); empty when they took their vote back */
        selectedOptions: SelectedPollOption[];
        /** When they voted, in milliseconds */
        interractedAtTs: number;
        /** The poll */
        parentMessage: Message;
        /** The poll's message id */
        parentMsgKey: MessageId;
    }

    /** Options for sending a location */
    export interface LocationSendOptions {
        /** Location name */
        name?: string;
        /** Location address */
        address?: string;
        /** URL address to be shown within a location message */
        url?: string;
    }

    /** Location information */
    export class Location {
        latitude: string;
        longitude: string;
        name?: string;
        address?: string;
        url?: string;
        description?: string;

        constructor(latitude: number, longitude: number, options?: LocationSendOptions);
    }

    /** Options for sending a message (the ones whatsapp-web-rs carries out) */
    export interface MessageSendOptions {
        /** Show links preview. Has no effect on multi-device accounts. */
        linkPreview?: boolean;
        /** Id of the message that is being quoted (or replied to) */
        quotedMessageId?: string;
        /** User IDs to mention in the message */
        mentions?: string[];
        /** An array of object that handle group mentions */
        groupMentions?: {
            /** The name of a group to mention (can be custom) */
            subject: string;
            /** The group ID, e.g.: 'XXXXXXXXXX@g.us' */
            id: string;
        }[];
        /** Automatically parse vCards and send them as contacts (default true) */
        parseVCards?: boolean;
        /** Send 'seen' status */
        sendSeen?: boolean;
        /** Send media as document */
        sendMediaAsDocument?: boolean;
        /** Image or videos caption */
        caption?: string;
        /** Media to be sent (then the text content is its caption) */
        media?: MessageMedia;
        /** Should the bot send a quoted message without the quoted message if it fails to get the quote?
         * @default true (enabled) */
        ignoreQuoteErrors?: boolean;
        /** Send audio as a voice note (type `ptt`) with a waveform */
        sendAudioAsVoice?: boolean;
        /** Send a video that plays as a GIF */
        sendVideoAsGif?: boolean;
        /** Send a picture (or a WebP) as a 512×512 WebP sticker; stickers from video are not supported yet */
        sendMediaAsSticker?: boolean;
        /** Send a picture in HD (up to 2560 pixels) */
        sendMediaAsHd?: boolean;
        /** Send a picture or video to be seen once */
        isViewOnce?: boolean;
        /** The sticker's name (with sendMediaAsSticker) */
        stickerName?: string;
        /** The sticker's author (with sendMediaAsSticker) */
        stickerAuthor?: string;
        /** The sticker's categories, as emojis (with sendMediaAsSticker) */
        stickerCategories?: string[];
        /** Fields set on the new message as they are, over everything else */
        extra?: any;
        /** A text status's background (sendMessage to status@broadcast), e.g. "#0b3296"; also read from extra */
        backgroundColor?: string | number;
        /** A text status's font, 0..7; also read from extra */
        fontStyle?: number;
        /**
         * Resolve only once WhatsApp's server has answered the send: the message's `ack` then says
         * whether it went (1 or more) or failed (-1).
         * @default false
         */
        waitUntilMsgSent?: boolean;
        /** Bot Wid when doing a bot mention like @Meta AI (`"13135550002@c.us"`) */
        invokedBotWid?: string;
    }

    /** ID that represents a message */
    export type InviteV4Data = {
        inviteCode: string;
        inviteCodeExp: number;
        groupId: string;
        groupName?: string;
        fromId: string;
        toId: string;
    };

    export interface MessageId {
        fromMe: boolean;
        remote: string;
        id: string;
        _serialized: string;
    }

    /** Represents a Message on WhatsApp */
    export interface Message {
        /** ACK status for the message */
        ack: MessageAck;
        /** If the message was sent to a group, this field will contain the user that sent the message. */
        author?: string;
        /** String that represents from which device type the message was sent */
        deviceType: string;
        /** Message content */
        body: string;
        /** Indicates if the message was a broadcast */
        broadcast: boolean;
        /** Indicates if the message was a status update */
        isStatus: boolean;
        /** Indicates if the message is a Gif */
        isGif: boolean;
        /** Indicates if the message will disappear after it expires */
        isEphemeral: boolean;
        /** ID for the Chat that this message was sent to, except if the message was sent by the current user */
        from: string;
        /** Indicates if the message was sent by the current user */
        fromMe: boolean;
        /** Indicates if the message has media available for download */
        hasMedia: boolean;
        /** Indicates if the message was sent as a reply to another message */
        hasQuotedMsg: boolean;
        /** Indicates whether there are reactions to the message */
        hasReaction: boolean;
        /** ID that represents the message */
        id: MessageId;
        /** Indicates if the message was forwarded */
        isForwarded: boolean;
        /** Indicates how many times the message was forwarded. The maximum value is 127. */
        forwardingScore: number;
        /** Indicates if the message was starred */
        isStarred: boolean;
        /** List of vCards contained in the message */
        vCards: string[];
        /** Indicates the mentions in the message body. */
        mentionedIds: string[];
        /** Indicates whether there are group mentions in the message body */
        groupMentions: {
            groupSubject: string;
            groupJid: string;
        }[];
        /** Unix timestamp for when the message was created */
        timestamp: number;
        /** ID for who this message is for (the chat for own messages, the current user otherwise) */
        to: string;
        /** Message type */
        type: MessageTypes;
        /** Location information contained in the message, if the message is type "location" */
        location: Location;
        /** Indicates the duration of the message in seconds (audio and video; undefined otherwise) */
        duration: string;
        /** Last edit time */
        latestEditSenderTimestampMs?: number;
        /** Last edit message author */
        latestEditMsgKey?: MessageId;
        /** Links included in the message. */
        links: Array<{
            link: string;
            isSuspicious: boolean;
        }>;
        /** The media's key (media messages; undefined otherwise) */
        mediaKey?: string;
        /** The order's id (order messages; undefined otherwise, as in whatsapp-web.js) */
        orderId: string;
        /** The order's token (order messages) */
        token?: string;
        /** A product's or a link's title, when the message has one */
        title?: string;
        /** A product's or a link's description, when the message has one */
        description?: string;
        /** The business that owns the product (product messages) */
        businessOwnerJid?: string;
        /** The product's id (product messages) */
        productId?: string;
        /** The key of the message a protocol message (a revoke) is about */
        protocolMessageKey?: MessageId;
        /** A buttons message's buttons */
        dynamicReplyButtons?: object;
        /** The button a buttons reply chose */
        selectedButtonId?: string;
        /** The row a list reply chose */
        selectedRowId?: string;
        /** Returns message in a raw format */
        rawData: object;
        /** A private group invite's data (groups_v4_invite messages) */
        inviteV4?: InviteV4Data;
        /** Accepts the private group invite this message carries */
        acceptGroupV4Invite: () => Promise<{ status: number }>;
        /** The poll's name (poll_creation messages) */
        pollName: string;
        /** The poll's options (poll_creation messages) */
        pollOptions: Array<{ name: string; localId: number }>;
        /** False for a single choice poll, true for a multiple choice poll */
        allowMultipleAnswers: boolean;
        /** The poll's or the scheduled event's message secret (poll_creation and event_creation messages) */
        messageSecret?: number[];
        /** The scheduled event's name (event_creation messages; also the body) */
        eventName?: string;
        /** The start of the event, in seconds (event_creation messages) */
        eventStartTime: number;
        /** The end of the event, in seconds */
        eventEndTime?: number;
        /** The event's description */
        eventDescription?: string;
        /** Where the event is: a name (whatsapp-web.js sends coordinates 0, 0) */
        eventLocation?: {
            degreesLatitude: number;
            degreesLongitude: number;
            name: string;
        };
        /** The event's WhatsApp call link (video call or voice call) */
        eventJoinLink?: string;
        /** Whether the event is canceled (event_creation messages) */
        isEventCanceled?: boolean;
        /** Edits this scheduled event (the account's own, until it is canceled): the message as it is now */
        editScheduledEvent: (editedEventObject: ScheduledEvent) => Promise<Message | null>;
        /** Votes on this poll: the names of all the options chosen ([] takes the vote back) */
        vote: (selectedOptions: Array<string>) => Promise<void>;
        /** The votes on this poll */
        getPollVotes: () => Promise<PollVote[]>;
        /** Delivery, read and played receipts of a message this account sent; null for others' messages */
        getInfo: () => Promise<MessageInfo | null>;
        /** The order of an `order` message (undefined for another type) */
        getOrder: () => Promise<Order>;
        /** The payment of a `payment` message (undefined for another type) */
        getPayment: () => Promise<Payment>;
        /** Reloads this Message object's data in-place with the latest values from WhatsApp Web. */
        reload: () => Promise<Message>;
        /** Returns the Chat this message was sent in */
        getChat: () => Promise<Chat>;
        /** Returns the Contact this message was sent from */
        getContact: () => Promise<Contact>;
        /** Returns the Contacts mentioned in this message */
        getMentions: () => Promise<Contact[]>;
        /** Returns the groups mentioned in this message */
        getGroupMentions: () => Promise<GroupChat[] | []>;
        /** Returns the quoted message, if any */
        getQuotedMessage: () => Promise<Message>;
        /** Sends a message as a reply to this message, in the same Chat or in `chatId`. */
        reply: (content: MessageContent, chatId?: string, options?: MessageSendOptions) => Promise<Message>;
        /** React to this message with an emoji */
        react: (reaction: string) => Promise<void>;
        /** Edits this message's text (the account's own text, or a picture's or video's caption, within 15 minutes) */
        edit: (content: MessageContent, options?: MessageEditOptions) => Promise<Message | null>;
        /** Pins this message in its chat for `duration` seconds; true when WhatsApp took it */
        pin: (duration: number) => Promise<boolean>;
        /** Unpins this message; true when WhatsApp took it */
        unpin: () => Promise<boolean>;
        /** Stars this message */
        star: () => Promise<void>;
        /** Unstars this message */
        unstar: () => Promise<void>;
        /** The reactions to this message, by emoji (undefined when there are none) */
        getReactions: () => Promise<ReactionList[]>;
        /** Forwards this message to another chat (that you chatted before, otherwise it will fail) */
        forward: (chat: Chat | string) => Promise<void>;
        /** Downloads and returns the attached message media */
        downloadMedia: () => Promise<MessageMedia>;
        /** Deletes the message from the chat */
        delete: (everyone?: boolean, clearMedia?: boolean) => Promise<void>;
    }

    /** Media attached to a message */
    export class MessageMedia {
        /** MIME type of the attachment */
        mimetype: string;
        /** Base64-encoded data of the file */
        data: string;
        /** Document file name. Value can be null */
        filename?: string | null;
        /** Document file size in bytes. Value can be null. */
        filesize?: number | null;

        /**
         * @param {string} mimetype MIME type of the attachment
         * @param {string} data Base64-encoded data of the file
         * @param {?string} filename Document file name. Value can be null
         * @param {?number} filesize Document file size in bytes. Value can be null.
         */
        constructor(mimetype: string, data: string, filename?: string | null, filesize?: number | null);

        /** Creates a MessageMedia instance from a local file path */
        static fromFilePath: (filePath: string) => MessageMedia;

        /** Creates a MessageMedia instance from a URL */
        static fromUrl: (
            url: string,
            options?: MediaFromURLOptions,
        ) => Promise<MessageMedia>;
    }

    export interface MediaFromURLOptions {
        client?: Client;
        filename?: string;
        unsafeMime?: boolean;
        /**
         * headers, method, body, signal as for fetch; `follow` (most redirects, 20),
         * `timeout` (ms of silence) and `size` (a byte cap below WhatsApp's limit) as node-fetch's.
         */
        reqOptions?: RequestInit & { follow?: number; timeout?: number; size?: number };
    }

    export interface MessageEditOptions {
        /** Show a preview of the first link (default true) */
        linkPreview?: boolean;
        /** User IDs of users mentioned in the message */
        mentions?: string[];
        /** Groups mentioned in the new text, as in sendMessage */
        groupMentions?: { subject: string; id: string }[] | { subject: string; id: string };
        /** Fields set on the edit as they are, over everything else */
        extra?: any;
    }

    /** One emoji's reactions to a message */
    export type ReactionList = {
        id: string;
        aggregateEmoji: string;
        hasReactionByMe: boolean;
        senders: Array<Reaction>;
    };

    export class Reaction {
        id: MessageId;
        orphan: number;
        orphanReason?: string;
        timestamp: number;
        reaction: string;
        read: boolean;
        msgId: MessageId;
        senderId: string;
        ack?: number;
    }

    /** An object that handles options for group creation */
    export interface CreateGroupOptions {
        /**
         * The number of seconds for the messages to disappear in the group,
         * won't take an effect if the group is been creating with myself only
         * @default 0
         */
        messageTimer?: number;
        /**
         * The ID of a parent community group to link the newly created group with,
         * won't take an effect if the group is been creating with myself only
         */
        parentGroupId?: string;
        /** If true, the inviteV4 will be sent to those participants
         * who have restricted others from being automatically added to groups,
         * otherwise the inviteV4 won't be sent
         * @default true
         */
        autoSendInviteV4?: boolean;
        /**
         * The comment to be added to an inviteV4 (empty string by default)
         * @default ''
         */
        comment?: string;
        /** If true, only admins can add members to the group (false by default)
         * @default false
         */
        memberAddMode?: boolean;
        /** If true, group admins will be required to approve anyone who wishes to join the group (false by default)
         * @default false
         */
        membershipApprovalMode?: boolean;
        /** If true, only admins can change group group info (true by default)
         * @default true
         */
        isRestrict?: boolean;
        /** If true, only admins can send messages (false by default)
         * @default false
         */
        isAnnounce?: boolean;
    }

    /** An object that handles the result for createGroup method */
    export interface CreateGroupResult {
        /** A group title */
        title: string;
        /** An object that handles the newly created group ID */
        gid: ChatId;
        /** An object that handles the result value for each added to the group participant */
        participants: {
            [participantId: string]: {
                statusCode: number;
                message: string;
                isGroupCreator: boolean;
                isInviteV4Sent: boolean;
            };
        };
    }

    /** A message's receipts: who has it, read it, played it (with when), and how many have not yet */
    export type MessageInfo = {
        delivery: Array<{ id: ContactId; t: number }>;
        deliveryRemaining: number;
        played: Array<{ id: ContactId; t: number }>;
        playedRemaining: number;
        read: Array<{ id: ContactId; t: number }>;
        readRemaining: number;
    };

    export interface MessageSearchOptions {
        /** The amount of messages to return (the latest ones). Infinity or none: all that are held. */
        limit?: number;
        /** Return only messages from the bot number or vise versa. To get all messages, leave the option undefined. */
        fromMe?: boolean;
    }

    /** Id that represents the chat */
    export interface ChatId {
        server: string;
        user: string;
        _serialized: string;
    }

    export interface Chat {
        /** Indicates if the Chat is archived */
        archived: boolean;
        /** ID that represents the chat */
        id: ChatId;
        /** Indicates if the Chat is a Group Chat */
        isGroup: boolean;
        /** Indicates if the Chat is readonly */
        isReadOnly: boolean;
        /** Indicates if the Chat is muted */
        isMuted: boolean;
        /** Unix timestamp for when the mute expires */
        muteExpiration: number;
        /** Title of the chat */
        name: string;
        /** Unix timestamp for when the last activity occurred */
        timestamp: number;
        /** Amount of messages unread */
        unreadCount: number;
        /** Last message of chat */
        lastMessage: Message;
        /** Indicates if the Chat is pinned */
        pinned: boolean;
        /** Indicates if the Chat is locked */
        isLocked: boolean;
        /** Loads chat messages, sorted from earliest to latest. */
        fetchMessages: (searchOptions: MessageSearchOptions) => Promise<Message[]>;
        /** Send a message to this chat */
        sendMessage: (content: MessageContent, options?: MessageSendOptions) => Promise<Message>;
        /** Set the message as seen */
        sendSeen: () => Promise<boolean>;
        /** Returns the Contact that corresponds to this Chat. */
        getContact: () => Promise<Contact>;
        /** Archives this chat */
        archive: () => Promise<void>;
        /** Un-archives this chat */
        unarchive: () => Promise<void>;
        /** Pins this chat and returns its new Pin state */
        pin: () => Promise<boolean>;
        /** Unpins this chat and returns its new Pin state */
        unpin: () => Promise<boolean>;
        /** The messages pinned in this chat */
        getPinnedMessages: () => Promise<[Message] | []>;
        /** Mutes this chat forever, unless a date is specified */
        mute: (unmuteDate?: Date) => Promise<{ isMuted: boolean; muteExpiration: number }>;
        /** Unmutes this chat */
        unmute: () => Promise<{ isMuted: boolean; muteExpiration: number }>;
        /** Marks this Chat as unread */
        markUnread: () => Promise<void>;
        /** Simulate typing in chat. This will last for 25 seconds. */
        sendStateTyping: () => Promise<void>;
        /** Simulate recording audio in chat. This will last for 25 seconds. */
        sendStateRecording: () => Promise<void>;
        /** Stops typing or recording in chat immediately. */
        clearState: () => Promise<boolean>;
        /** Clears all messages from the chat */
        clearMessages: () => Promise<boolean>;
        /** Deletes the chat */
        delete: () => Promise<boolean>;
        /** Asks the phone for more of this chat's history; true if it was asked */
        syncHistory: () => Promise<boolean>;
        /** The labels on this chat (WhatsApp Business) */
        getLabels: () => Promise<Label[]>;
        /** Gives this chat exactly the labels labelIds (WhatsApp Business only) */
        changeLabels: (labelIds: Array<string | number>) => Promise<void>;
        /** Adds or edits this chat's customer note (WhatsApp Business only; nothing for a group) */
        addOrEditCustomerNote: (note: string) => Promise<void>;
        /** This chat's customer note (WhatsApp Business only); null when it has none or is a group */
        getCustomerNote: () => Promise<CustomerNote>;
    }

    /** A catalog product's details */
    export interface ProductMetadata {
        id: string;
        name: string;
        description: string;
        retailer_id?: string;
    }

    /** A product of an order (price in thousandths, as text) */
    export interface Product {
        id: string;
        price?: string;
        thumbnailUrl: string;
        currency: string;
        name: string;
        quantity: number;
        /** The product's catalog details */
        getData: () => Promise<ProductMetadata>;
    }

    /** The order of an `order` message */
    export interface Order {
        products: Array<Product>;
        subtotal: string;
        total: string;
        currency: string;
        createdAt: number;
    }

    /** The payment of a `payment` message */
    export interface Payment {
        id: object;
        paymentCurrency: string;
        paymentAmount1000: number;
        paymentMessageReceiverJid: object;
        paymentTransactionTimestamp: number;
        paymentStatus: number;
        paymentTxnStatus: number;
        paymentNote: string;
    }

    /** A customer note of a WhatsApp Business account (one per person's chat) */
    export interface CustomerNote {
        chatId: string;
        content: string;
        createdAt: number;
        id: string;
        modifiedAt: number;
        type: string;
    }

    /** Options of createChannel */
    export interface CreateChannelOptions {
        /** The channel description */
        description?: string;
        /** The channel picture: an image, cut square and drawn at 640 px */
        picture?: MessageMedia;
    }

    /** What createChannel answers */
    export interface CreateChannelResult {
        title: string;
        /** The new channel's id (server 'newsletter') */
        nid: ChatId;
        /** https://whatsapp.com/channel/<code> */
        inviteLink: string;
        /** When it was created (Unix seconds) */
        createdAtTs: number;
    }

    /** Options of unsubscribeFromChannel */
    export interface UnsubscribeOptions {
        /** true (the default): the channel leaves the page; false: it stays, as a guest's */
        deleteLocalModels?: boolean;
    }

    /** Options of searchChannels */
    export interface SearchChannelsOptions {
        searchText?: string;
        /** ISO 3166-1 alpha-2 codes; none: the page's region */
        countryCodes?: string[];
        skipSubscribedNewsletters?: boolean;
        /** 0 recommended, 1 trending, 2 popular, 3 new */
        view?: number;
        /** 1..1000, default 50 */
        limit?: number;
    }

    /** Options of transferChannelOwnership */
    export interface TransferChannelOwnershipOptions {
        shouldDismissSelfAsAdmin?: boolean;
    }

    /** Options of a channel post */
    export interface MessageSendChannelOptions {
        caption?: string;
        mentions?: string[];
        media?: MessageMedia;
        extra?: any;
    }

    /** A channel (newsletter) */
    export interface Channel {
        id: {
            server: string;
            user: string;
            _serialized: string;
        };
        name: string;
        description: string;
        isChannel: boolean;
        isGroup: boolean;
        /** True unless the account owns or administers it */
        isReadOnly: boolean;
        unreadCount: number;
        timestamp: number;
        isMuted: boolean;
        muteExpiration: number;
        lastMessage: Message | undefined;
        /** The page's metadata: name, description, inviteCode, membershipType, subscribersCount, verified, reactionCodesSetting, createdAtTs */
        channelMetadata?: { [key: string]: string | number | boolean | null };

        /** The subscribers in the address book with their roles (owners and admins only) */
        getSubscribers(limit?: number): Promise<{ contact: Contact; role: string }[]>;
        setSubject(newSubject: string): Promise<boolean>;
        setDescription(newDescription: string): Promise<boolean>;
        /** An image, cut square and drawn at 640 px; false when refused */
        setProfilePicture(newProfilePicture: MessageMedia): Promise<boolean>;
        /** 0 no reactions, 1 the basic ones, 2 all */
        setReactionSetting(reactionCode: number): Promise<boolean>;
        mute(): Promise<boolean>;
        unmute(): Promise<boolean>;
        /** A post (owners and admins): a text, a picture, video or audio, or a poll */
        sendMessage(content: string | MessageMedia | Poll, options?: MessageSendChannelOptions): Promise<Message>;
        sendSeen(): Promise<boolean>;
        /** Invites a person to be an admin (owner only) */
        sendChannelAdminInvite(chatId: string, options?: { comment?: string }): Promise<boolean>;
        acceptChannelAdminInvite(): Promise<boolean>;
        revokeChannelAdminInvite(userId: string): Promise<boolean>;
        demoteChannelAdmin(userId: string): Promise<boolean>;
        /** The channel's messages, earliest first */
        fetchMessages: (searchOptions: MessageSearchOptions) => Promise<Message[]>;
        /** Hands the channel to one of its admins */
        transferChannelOwnership(newOwnerId: string, options?: TransferChannelOwnershipOptions): Promise<boolean>;
        deleteChannel(): Promise<boolean>;
    }

    /** A WhatsApp Business label */
    export interface Label {
        /** Label name */
        name: string;
        /** Label ID (a digit string) */
        id: string;
        /** Colour of the label, e.g. "#ff9485" */
        hexColor: string;
        /** The chats this label is on */
        getChats: () => Promise<Chat[]>;
    }

    /** One poster's status updates (stories) */
    export interface Broadcast {
        /** The poster's id */
        id: {
            server: string;
            user: string;
            _serialized: string;
        };
        /** Unix timestamp of the latest status */
        timestamp: number;
        /** Number of statuses */
        totalCount: number;
        /** Number not viewed */
        unreadCount: number;
        /** The statuses, as messages of status@broadcast */
        msgs: Message[];
        /** The chat with the poster */
        getChat: () => Promise<Chat>;
        /** The poster */
        getContact: () => Promise<Contact>;
    }

    export interface PrivateChat extends Chat {}

    export type GroupParticipant = {
        id: ContactId;
        isAdmin: boolean;
        isSuperAdmin: boolean;
    };

    export interface GroupChat extends Chat {
        /** Group owner */
        owner: ContactId;
        /** Date at which the group was created */
        createdAt: Date;
        /** Group description */
        description: string;
        /** Group participants */
        participants: Array<GroupParticipant>;
        /** Adds a list of participants by ID to the group */
        addParticipants: (
            participantIds: string | string[],
            options?: AddParticipantsOptions,
        ) => Promise<{ [key: string]: AddParticipantsResult } | string>;
        /** Removes a list of participants by ID to the group */
        removeParticipants: (
            participantIds: string[],
        ) => Promise<{ status: number }>;
        /** Gets the invite code for a specific group */
        getInviteCode: () => Promise<string>;
        /** Makes the bot leave the group */
        leave: () => Promise<void>;
        /** Promotes participants by IDs to admins */
        promoteParticipants: ChangeParticipantsPermissions;
        /** Demotes participants by IDs to regular users */
        demoteParticipants: ChangeParticipantsPermissions;
        /** Updates the group subject; false without the permission */
        setSubject: (subject: string) => Promise<boolean>;
        /** Updates the group description; false without the permission */
        setDescription: (description: string) => Promise<boolean>;
        /** Only admins may add members (default true); false without the permission */
        setAddMembersAdminsOnly: (adminsOnly?: boolean) => Promise<boolean>;
        /** Only admins may send messages (default true); false without the permission */
        setMessagesAdminsOnly: (adminsOnly?: boolean) => Promise<boolean>;
        /** Only admins may edit the group's info (default true); false without the permission */
        setInfoAdminsOnly: (adminsOnly?: boolean) => Promise<boolean>;
        /** Gets an array of membership requests */
        getGroupMembershipRequests: () => Promise<Array<GroupMembershipRequest>>;
        /** Approves membership requests if any */
        approveGroupMembershipRequests: (options?: MembershipRequestActionOptions) => Promise<Array<MembershipRequestActionResult>>;
        /** Rejects membership requests if any */
        rejectGroupMembershipRequests: (options?: MembershipRequestActionOptions) => Promise<Array<MembershipRequestActionResult>>;
        /** Invalidates the current group invite code; resolves the new one */
        revokeInvite: () => Promise<string>;
        /** Sets the group's picture (an image) */
        setPicture: (media: MessageMedia) => Promise<boolean>;
        /** Deletes the group's picture */
        deletePicture: () => Promise<boolean>;
    }

    export type ChangeParticipantsPermissions = (participantIds: Array<string>) => Promise<{ status: number }>;

    /** The group an invite code leads to (WAWebGroupQueryJob.queryGroupInvite) */
    export interface InviteInfo {
        id: ChatId;
        subject?: string;
        owner?: ContactId;
        creation?: number;
        desc?: string;
        descId?: string;
        participants?: Array<GroupParticipant>;
        size?: number;
        announce?: boolean;
        restrict?: boolean;
        membershipApprovalMode?: boolean;
        isLidAddressingMode?: boolean;
    }

    /** An object that handles the information about the group membership request */
    export interface GroupMembershipRequest {
        /** The wid of a user who requests to enter the group */
        id: ContactId;
        /** The wid of a user who created that request */
        addedBy: ContactId;
        /** The wid of a community parent group to which the current group is linked */
        parentGroupId: ChatId | null;
        /** The method used to create the request: NonAdminAdd/InviteLink/LinkedGroupJoin */
        requestMethod: string;
        /** The timestamp the request was created at */
        t: number;
    }

    /** An object that handles the result for membership request action */
    export interface MembershipRequestActionResult {
        /** User ID whose membership request was approved/rejected */
        requesterId: string;
        /** An error code that occurred during the operation for the participant */
        error?: number;
        /** A message with a result of membership request action */
        message: string;
    }

    /** Options for performing a membership request action */
    export interface MembershipRequestActionOptions {
        /** User ID/s who requested to join the group; none: every request of the group */
        requesterIds?: Array<string> | string | null;
        /** Milliseconds between requesters, or [min, max] (default [250, 500]); null for none */
        sleep?: Array<number> | number | null;
    }

    /** An object that handles the result for addParticipants method */
    export interface AddParticipantsResult {
        [participantId: string]: {
            code: number;
            message: string;
            isInviteV4Sent: boolean;
        };
    }

    /** An object that handles options for adding participants */
    export interface AddParticipantsOptions {
        /**
         * The number of milliseconds to wait before adding the next participant.
         * If it is an array, a random sleep time between the sleep[0] and sleep[1] values will be added
         * (the difference must be >=100 ms, otherwise, a random sleep time between sleep[1] and sleep[1] + 100
         * will be added). If sleep is a number, a sleep time equal to its value will be added
         * @default [250,500]
         */
        sleep?: Array<number> | number;
        /**
         * If true, the inviteV4 will be sent to those participants
         * who have restricted others from being automatically added to groups,
         * otherwise the inviteV4 won't be sent
         * @default true
         */
        autoSendInviteV4?: boolean;
        /**
         * The comment to be added to an inviteV4 (empty string by default)
         * @default ''
         */
        comment?: string;
    }

    export interface GroupNotification {
        /** ContactId for the user that produced the GroupNotification */
        author: string;
        /** Extra content */
        body: string;
        /** ID for the Chat that this groupNotification was sent for */
        chatId: string;
        /** ID that represents the groupNotification */
        id: object;
        /** Contact IDs for the users that were affected by this GroupNotification */
        recipientIds: string[];
        /** Unix timestamp for when the groupNotification was created */
        timestamp: number;
        /** GroupNotification type */
        type: GroupNotificationTypes;
        /** Returns the Chat this GroupNotification was sent in */
        getChat: () => Promise<Chat>;
        /** Returns the Contact this GroupNotification was produced by */
        getContact: () => Promise<Contact>;
        /** Returns the Contacts affected by this GroupNotification */
        getRecipients: () => Promise<Contact[]>;
        /** Sends a message to the same chat this GroupNotification was produced in */
        reply: (content: MessageContent, options?: MessageSendOptions) => Promise<Message>;
    }

    export enum GroupNotificationTypes {
        ADD = 'add',
        INVITE = 'invite',
        REMOVE = 'remove',
        LEAVE = 'leave',
        PROMOTE = 'promote',
        DEMOTE = 'demote',
        SUBJECT = 'subject',
        DESCRIPTION = 'description',
        PICTURE = 'picture',
        ANNOUNCE = 'announce',
        RESTRICT = 'restrict',
    }

    export interface Contact {
        /** Contact's phone number */
        number: string;
        /** Indicates if the contact is a business contact */
        isBusiness: boolean;
        /** ID that represents the contact */
        id: ContactId;
        /** Indicates if the contact is an enterprise contact */
        isEnterprise: boolean;
        /** Indicates if the contact is a group contact */
        isGroup: boolean;
        /** Indicates if the contact is the current user's contact */
        isMe: boolean;
        /** Indicates if the number is saved in the current phone's contacts */
        isMyContact: boolean;
        /** Indicates if the contact is a user contact */
        isUser: boolean;
        /** Indicates if the number is registered on WhatsApp */
        isWAContact: boolean;
        /** Indicates if you have blocked this contact */
        isBlocked: boolean;
        labels?: string[];
        /** The contact's name, as saved by the current user */
        name?: string;
        /** The name that the contact has configured to be shown publically */
        pushname: string;
        sectionHeader: string;
        /** A shortened version of name */
        shortName?: string;
        /** Indicates if the status from the contact is muted */
        statusMute: boolean;
        type: string;
        verifiedLevel?: undefined;
        verifiedName?: undefined;
        /** Returns the contact's profile picture URL, if privacy settings allow it */
        getProfilePicUrl: () => Promise<string>;
        /** Gets the Contact's current "about" info. Returns null if you don't have permission to read their status.  */
        getAbout: () => Promise<string | null>;
        /** Blocks this contact from WhatsApp */
        block: () => Promise<boolean>;
        /** Unlocks this contact from WhatsApp */
        unblock: () => Promise<boolean>;
        /** The ids of the groups the account shares with this contact */
        getCommonGroups: () => Promise<ChatId[]>;
        /** This contact's status updates */
        getBroadcast: () => Promise<Broadcast>;
        /** Returns the Chat that corresponds to this Contact. Will return null for the currently logged in user. */
        getChat: () => Promise<Chat>;
        /** Returns the contact's countrycode, (1541859685@c.us) => (1) */
        getCountryCode(): Promise<string>;
        /** Returns the contact's formatted phone number, (12345678901@c.us) => (+1 (234) 5678-901) */
        getFormattedNumber(): Promise<string>;
    }

    export interface PrivateContact extends Contact {}

    export interface BusinessCategory {
        id: string;
        localized_display_name: string;
    }

    export interface BusinessHoursOfDay {
        mode: string;
        hours: number[];
    }

    export interface BusinessHours {
        config: {
            sun: BusinessHoursOfDay;
            mon: BusinessHoursOfDay;
            tue: BusinessHoursOfDay;
            wed: BusinessHoursOfDay;
            thu: BusinessHoursOfDay;
            fri: BusinessHoursOfDay;
        };
        timezone: string;
    }

    export interface BusinessContact extends Contact {
        /** The business's profile, as WhatsApp's server gives it */
        businessProfile: {
            id: ContactId;
            tag: string;
            description: string;
            categories: BusinessCategory[];
            profileOptions: {
                commerceExperience: string;
                cartEnabled: boolean;
            };
            email: string;
            website: string[];
            latitude: number;
            longitude: number;
            businessHours: BusinessHours;
            address: string;
            fbPage: object;
            ifProfileLinked: boolean;
            /** The profile's cover photo as WhatsApp Web's serialize() gives it (null when it has none) */
            coverPhoto: null | any;
        };
    }

    /** Message ACK */
    export enum MessageAck {
        ACK_ERROR = -1,
        ACK_PENDING = 0,
        ACK_SERVER = 1,
        ACK_DEVICE = 2,
        ACK_READ = 3,
        ACK_PLAYED = 4,
    }

    /** Message types */
    export enum MessageTypes {
        TEXT = 'chat',
        AUDIO = 'audio',
        VOICE = 'ptt',
        IMAGE = 'image',
        ALBUM = 'album',
        VIDEO = 'video',
        DOCUMENT = 'document',
        STICKER = 'sticker',
        LOCATION = 'location',
        CONTACT_CARD = 'vcard',
        CONTACT_CARD_MULTI = 'multi_vcard',
        REVOKED = 'revoked',
        ORDER = 'order',
        PRODUCT = 'product',
        PAYMENT = 'payment',
        UNKNOWN = 'unknown',
        GROUP_INVITE = 'groups_v4_invite',
        LIST = 'list',
        LIST_RESPONSE = 'list_response',
        BUTTONS_RESPONSE = 'buttons_response',
        BROADCAST_NOTIFICATION = 'broadcast_notification',
        CALL_LOG = 'call_log',
        CIPHERTEXT = 'ciphertext',
        DEBUG = 'debug',
        E2E_NOTIFICATION = 'e2e_notification',
        GP2 = 'gp2',
        GROUP_NOTIFICATION = 'group_notification',
        HSM = 'hsm',
        INTERACTIVE = 'interactive',
        NATIVE_FLOW = 'native_flow',
        NOTIFICATION = 'notification',
        NOTIFICATION_TEMPLATE = 'notification_template',
        OVERSIZED = 'oversized',
        PROTOCOL = 'protocol',
        REACTION = 'reaction',
        TEMPLATE_BUTTON_REPLY = 'template_button_reply',
        POLL_CREATION = 'poll_creation',
        SCHEDULED_EVENT_CREATION = 'scheduled_event_creation',
    }

    /** Chat types */
    export enum ChatTypes {
        SOLO = 'solo',
        GROUP = 'group',
        UNKNOWN = 'unknown',
    }

    /** An error from whatsapp-web-rs: `code` is stable (e.g. 'ERR_PAIRING_RATE_LIMITED'). */
    export interface WhatsAppWebRsError extends Error {
        code: string;
    }

    export const WhatsWebURL: string;
    export const DefaultOptions: ClientOptions;
    /** whatsapp-web-rs's own package version (whatsapp-web.js exports its own the same way) */
    export const version: string;

    export enum Status {
        INITIALIZING = 0,
        AUTHENTICATING = 1,
        READY = 3,
    }

    export enum WAState {
        CONFLICT = 'CONFLICT',
        CONNECTED = 'CONNECTED',
        DEPRECATED_VERSION = 'DEPRECATED_VERSION',
        OPENING = 'OPENING',
        PAIRING = 'PAIRING',
        PROXYBLOCK = 'PROXYBLOCK',
        SMB_TOS_BLOCK = 'SMB_TOS_BLOCK',
        TIMEOUT = 'TIMEOUT',
        TOS_BLOCK = 'TOS_BLOCK',
        UNLAUNCHED = 'UNLAUNCHED',
        UNPAIRED = 'UNPAIRED',
        UNPAIRED_IDLE = 'UNPAIRED_IDLE',
    }

    export enum Events {
        AUTHENTICATED = 'authenticated',
        AUTHENTICATION_FAILURE = 'auth_failure',
        READY = 'ready',
        QR_RECEIVED = 'qr',
        CODE_RECEIVED = 'code',
        CODE_ERROR = 'code_error',
        LOADING_SCREEN = 'loading_screen',
        DISCONNECTED = 'disconnected',
        STATE_CHANGED = 'change_state',
        BATTERY_CHANGED = 'change_battery',
        REMOTE_SESSION_SAVED = 'remote_session_saved',
        MESSAGE_RECEIVED = 'message',
        MESSAGE_CREATE = 'message_create',
        MESSAGE_CIPHERTEXT = 'message_ciphertext',
        MESSAGE_CIPHERTEXT_FAILED = 'message_ciphertext_failed',
        MESSAGE_ACK = 'message_ack',
        MESSAGE_REVOKED_EVERYONE = 'message_revoke_everyone',
        MESSAGE_REVOKED_ME = 'message_revoke_me',
        MESSAGE_EDIT = 'message_edit',
        UNREAD_COUNT = 'unread_count',
        CHAT_REMOVED = 'chat_removed',
        CHAT_ARCHIVED = 'chat_archived',
        MESSAGE_REACTION = 'message_reaction',
        MEDIA_UPLOADED = 'media_uploaded',
        VOTE_UPDATE = 'vote_update',
        GROUP_JOIN = 'group_join',
        GROUP_LEAVE = 'group_leave',
        GROUP_ADMIN_CHANGED = 'group_admin_changed',
        GROUP_MEMBERSHIP_REQUEST = 'group_membership_request',
        GROUP_UPDATE = 'group_update',
        CONTACT_CHANGED = 'contact_changed',
        INCOMING_CALL = 'call',
    }
}

export = WhatsAppWebRs;
