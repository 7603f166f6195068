'use strict';
// whatsapp-web.js's Reaction: the fields come from Rust (src/reaction.rs).
const { Record } = require('./Base');

class Reaction extends Record {}

module.exports = Reaction;
