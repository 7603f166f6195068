'use strict';
const { Base } = require('./Base');
const Message = require('./Message');
const Reaction = require('./Reaction');
const MessageMedia = require('./MessageMedia');
const { Buttons, List } = require('./Buttons');
const Location = require('./Location');
const GroupNotification = require('./GroupNotification');
const Poll = require('./Poll');
const PollVote = require('./PollVote');
const ScheduledEvent = require('./ScheduledEvent');
const Call = require('./Call');
const ClientInfo = require('./ClientInfo');
const { Chat, PrivateChat, GroupChat } = require('./Chat');
const { Contact, PrivateContact, BusinessContact } = require('./Contact');
const ProductMetadata = require('./ProductMetadata');
const Broadcast = require('./Broadcast');

module.exports = { Base, Call, ClientInfo, Message, MessageMedia, Location, Reaction, GroupNotification, Poll, PollVote, ScheduledEvent, Buttons, List, Chat, PrivateChat, GroupChat, Contact, PrivateContact, BusinessContact, ProductMetadata, Broadcast };
