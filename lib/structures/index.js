'use strict';
const { Base } = require('./Base');
const Message = require('./Message');
const { Chat, PrivateChat, GroupChat } = require('./Chat');
const { Contact, PrivateContact, BusinessContact } = require('./Contact');

module.exports = { Base, Message, Chat, PrivateChat, GroupChat, Contact, PrivateContact, BusinessContact };
