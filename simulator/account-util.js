'use strict';
// Small checks shared by the account world's files (account.js, account-groups.js,
// account-media.js): every control input is validated into a 400 with a clear message.

const crypto = require('crypto');

// A contact's number: digits with the country code, as WhatsApp wants it (E.164, no '+').
const NUMBER_RE = /^[1-9]\d{6,14}$/;
const MAX_BODY = 65536;
// Only within 15 minutes of sending may a message be edited (WhatsApp's limit).
const EDIT_WINDOW_MS = 15 * 60 * 1000;

function httpError(status, message) {
    return Object.assign(new Error(message), { status });
}

// '15551234567', '+1 555 123 4567' or '15551234567@c.us' -> '15551234567'; anything else is a 400.
function parseNumber(value, what) {
    if (typeof value === 'number' && Number.isSafeInteger(value)) value = String(value);
    if (typeof value !== 'string') throw httpError(400, `${what} must be a phone number like "15551234567", not ${JSON.stringify(value)}`);
    const digits = value.replace(/@c\.us$/, '').replace(/^\+/, '').replace(/[\s().-]/g, '');
    if (!NUMBER_RE.test(digits)) throw httpError(400, `${what} must be a phone number like "15551234567" (7-15 digits, no leading 0), not ${JSON.stringify(value)}`);
    return digits;
}

function optionalString(value, what, max = 1000) {
    if (value === undefined || value === null) return null;
    if (typeof value !== 'string' || value.length > max) throw httpError(400, `${what} must be a string of at most ${max} characters`);
    return value;
}

// A shared location: { latitude, longitude, description?, url? }, or null when none was given.
function parseLocation(spec) {
    if (spec === undefined || spec === null) return null;
    const ok = (v, max) => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= max;
    if (typeof spec !== 'object' || !ok(spec.latitude, 90) || !ok(spec.longitude, 180)) {
        throw httpError(400, 'location must be {"latitude": -90..90, "longitude": -180..180, "description"?, "url"?}');
    }
    return {
        latitude: spec.latitude,
        longitude: spec.longitude,
        description: optionalString(spec.description, 'location.description', 1000),
        url: optionalString(spec.url, 'location.url', 2000),
    };
}

// A stanza id like an Android phone's: 32 upper-case hex digits.
const phoneMessageId = () => crypto.randomBytes(16).toString('hex').toUpperCase();

module.exports = { NUMBER_RE, MAX_BODY, EDIT_WINDOW_MS, httpError, parseNumber, optionalString, parseLocation, phoneMessageId };
