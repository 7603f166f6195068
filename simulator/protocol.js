'use strict';
// Server-side pieces of the login protocol the simulator models: QR parsing, refs, pairing codes
// and the crypto of the code exchange. The page does the same steps with WebCrypto (page/socket.js).

const crypto = require('crypto');

// The alphabet of pairing codes: base32 without 0, I, O and U (easy to read and type).
const CODE_ALPHABET = '123456789ABCDEFGHJKLMNPQRSTVWXYZ';
const QR_PREFIX = 'https://wa.me/settings/linked_devices#';
// PBKDF2-SHA256 with 131072 iterations wraps the ephemeral key in the code exchange.
const PBKDF2_ITERATIONS = 131072;

// A ref: an opaque server string starting "2@".
function newRef() {
    return `2@${crypto.randomBytes(54).toString('base64')}`;
}

// A linking code as the companion picks it: 8 characters of CODE_ALPHABET.
const LINKING_CODE_RE = /^[1-9A-HJ-NP-TV-Z]{8}$/;

// People type codes with a dash ("ABCD-EFGH"), spaces or in lower case; the phone does not mind.
function normaliseCode(code) {
    return String(code).toUpperCase().replace(/[\s-]/g, '');
}

const B64_32 = /^[A-Za-z0-9+/]{43}=$/;

// `ref,noisePub,identityPub,advSecret,platform`, optionally behind the wa.me prefix.
// Returns null when it is not a well-formed login QR.
function parseQr(text) {
    if (typeof text !== 'string') return null;
    let body = text.trim();
    if (body.startsWith(QR_PREFIX)) body = body.slice(QR_PREFIX.length);
    const parts = body.split(',');
    if (parts.length !== 5) return null;
    const [ref, noisePub, identityPub, advSecret, platform] = parts;
    if (!ref.startsWith('2@') || ref.length < 3) return null;
    for (const key of [noisePub, identityPub, advSecret]) {
        if (!B64_32.test(key) || Buffer.from(key, 'base64').length !== 32) return null;
    }
    if (!/^\d+$/.test(platform)) return null;
    return { ref, noisePub, identityPub, advSecret, platform };
}

function randomB64(n) {
    return crypto.randomBytes(n).toString('base64');
}

// HMAC-SHA256 keyed by the base64-decoded ADV secret over the base64-decoded details.
function hmacB64(secretB64, detailsB64) {
    return crypto
        .createHmac('sha256', Buffer.from(secretB64, 'base64'))
        .update(Buffer.from(detailsB64, 'base64'))
        .digest('base64');
}

function x25519Generate() {
    const { publicKey, privateKey } = crypto.generateKeyPairSync('x25519');
    const publicRaw = Buffer.from(publicKey.export({ format: 'jwk' }).x, 'base64url');
    return { publicKey, privateKey, publicRaw };
}

function x25519PublicFromRaw(raw) {
    if (raw.length !== 32) throw new Error('X25519 public key must be 32 bytes');
    return crypto.createPublicKey({
        key: { kty: 'OKP', crv: 'X25519', x: Buffer.from(raw).toString('base64url') },
        format: 'jwk',
    });
}

function x25519Shared(privateKey, publicKey) {
    return crypto.diffieHellman({ privateKey, publicKey });
}

function pbkdf2Key(code, salt) {
    return new Promise((resolve, reject) =>
        crypto.pbkdf2(Buffer.from(code, 'utf8'), salt, PBKDF2_ITERATIONS, 32, 'sha256', (err, key) =>
            err ? reject(err) : resolve(key),
        ),
    );
}

// AES-256-GCM, tag appended (the layout WebCrypto uses).
function aesGcmEncrypt(key, iv, plaintext) {
    const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
    return Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

// AES-256-CTR with a 16-byte initial counter block (the companion's key wrap).
function aesCtr(key, iv, data) {
    const cipher = crypto.createCipheriv('aes-256-ctr', key, iv);
    return Buffer.concat([cipher.update(data), cipher.final()]);
}

function aesGcmDecrypt(key, iv, data) {
    const decipher = crypto.createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAuthTag(data.subarray(data.length - 16));
    return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]);
}

function hkdf(ikm, salt, info) {
    return Buffer.from(crypto.hkdfSync('sha256', ikm, salt, Buffer.from(info, 'utf8'), 32));
}

module.exports = {
    CODE_ALPHABET,
    QR_PREFIX,
    PBKDF2_ITERATIONS,
    newRef,
    LINKING_CODE_RE,
    aesCtr,
    normaliseCode,
    parseQr,
    randomB64,
    hmacB64,
    x25519Generate,
    x25519PublicFromRaw,
    x25519Shared,
    pbkdf2Key,
    aesGcmEncrypt,
    aesGcmDecrypt,
    hkdf,
};
