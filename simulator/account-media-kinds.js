'use strict';
// The kinds of media the account sends (methods of AccountWorld, see account.js): what the server
// makes of a sent message's kind (simulator/page/account-media-kinds.js sends it as `kind`) and
// how the contact's inbox shows it. A sticker must be a WebP: its size and its sticker metadata
// are read here from the file itself (the EXIF chunk whatsapp-web.js writes, src/util/Util.js
// formatToWebpSticker), so what the inbox shows is what the contact's phone would find.

module.exports = {
    // The kind of a message the page sends, or { error } to refuse it. `media` is the file the
    // server keeps ({ mimetype, data, ... }), `msgType` the message's type.
    _mediaKindOf(sent, msgType, file) {
        const kind = sent && typeof sent.kind === 'object' && sent.kind ? sent.kind : {};
        const out = { isViewOnce: kind.isViewOnce === true, isGif: kind.isGif === true && msgType === 'video' };
        const whole = (v) => (Number.isInteger(v) && v > 0 && v < 1e6 ? v : undefined);
        if (whole(kind.width) && whole(kind.height)) out.dimensions = { width: kind.width, height: kind.height };
        if (msgType === 'ptt' && Array.isArray(kind.waveform)) out.waveform = kind.waveform.slice(0, 64).map((n) => Math.max(0, Math.min(255, Number(n) | 0)));
        if (msgType === 'sticker') {
            const sticker = file ? readWebp(file.data) : null;
            if (!sticker) return { error: 'sticker-not-webp' };
            out.sticker = sticker;
        }
        return out;
    },

    // The inbox's fields for a message's kind.
    _inboxKind(m) {
        const k = m.mediaKind;
        if (!k) return {};
        return {
            isViewOnce: k.isViewOnce,
            isGif: k.isGif,
            ...(k.dimensions ? { dimensions: k.dimensions } : {}),
            ...(k.waveform ? { waveform: k.waveform } : {}),
            ...(k.sticker ? { sticker: k.sticker } : {}),
        };
    },
};

// A WebP file: { width, height, animated, metadata } (metadata: the sticker's JSON from its EXIF,
// or null), or null when it is not a WebP.
function readWebp(data) {
    if (!Buffer.isBuffer(data) || data.length < 20 || data.toString('latin1', 0, 4) !== 'RIFF' || data.toString('latin1', 8, 12) !== 'WEBP') return null;
    let width;
    let height;
    let animated = false;
    let metadata = null;
    for (let at = 12; at + 8 <= data.length; ) {
        const tag = data.toString('latin1', at, at + 4);
        const size = data.readUInt32LE(at + 4);
        const body = data.subarray(at + 8, Math.min(data.length, at + 8 + size));
        if (tag === 'VP8X' && body.length >= 10) {
            animated = (body[0] & 0x02) !== 0;
            width = body.readUIntLE(4, 3) + 1;
            height = body.readUIntLE(7, 3) + 1;
        } else if (tag === 'VP8 ' && width === undefined && body.length >= 10) {
            width = body.readUInt16LE(6) & 0x3fff;
            height = body.readUInt16LE(8) & 0x3fff;
        } else if (tag === 'VP8L' && width === undefined && body.length >= 5) {
            const bits = body.readUInt32LE(1);
            width = (bits & 0x3fff) + 1;
            height = ((bits >>> 14) & 0x3fff) + 1;
        } else if (tag === 'EXIF') {
            metadata = stickerMetadata(body);
        }
        at += 8 + size + (size % 2);
    }
    return width ? { width, height, animated, metadata } : null;
}

// The sticker metadata in an EXIF block read as TIFF: byte order, the first IFD, and in it the
// entry with tag 0x5741 whose value (type 7, UNDEFINED) is the JSON. null when there is none.
function stickerMetadata(exif) {
    try {
        const le = exif.toString('latin1', 0, 2) === 'II';
        if (!le && exif.toString('latin1', 0, 2) !== 'MM') return null;
        const u16 = (o) => (le ? exif.readUInt16LE(o) : exif.readUInt16BE(o));
        const u32 = (o) => (le ? exif.readUInt32LE(o) : exif.readUInt32BE(o));
        if (u16(2) !== 42) return null;
        const ifd = u32(4);
        for (let i = 0, n = u16(ifd); i < n; i++) {
            const entry = ifd + 2 + i * 12;
            if (u16(entry) !== 0x5741 || u16(entry + 2) !== 7) continue;
            const count = u32(entry + 4);
            const offset = count <= 4 ? entry + 8 : u32(entry + 8);
            return JSON.parse(exif.toString('utf8', offset, offset + count));
        }
    } catch {
        // A malformed block: no metadata.
    }
    return null;
}

module.exports.readWebp = readWebp;
