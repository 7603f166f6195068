'use strict';
// The media server of the account world (methods of AccountWorld, see account.js): files phones
// send, and files the page uploads, kept under direct paths on the page's own origin (the real
// one is mmg.whatsapp.net, with the files encrypted).

const crypto = require('crypto');
const { httpError, optionalString } = require('./account-util');

// What a request to the media server may not do: each becomes a 4xx, never a throw.
const MAX_FILENAME = 255;

module.exports = {
    // A file a phone sends: kept by the media server under a direct path the page downloads from.
    // Capped per file (maxMediaBytes) and in all (maxMediaTotalBytes): a 413 beyond either.
    _upload(media) {
        if (media === undefined || media === null) return null;
        if (typeof media !== 'object' || typeof media.mimetype !== 'string' || typeof media.data !== 'string') {
            throw httpError(400, 'media must be {"mimetype": "image/png", "data": "<base64>", "filename"?: "..."}');
        }
        if (!/^[\w.+-]+\/[\w.+-]+$/.test(media.mimetype)) throw httpError(400, `media.mimetype ${JSON.stringify(media.mimetype)} is not a MIME type`);
        if (!/^[A-Za-z0-9+/]*={0,2}$/.test(media.data)) throw httpError(400, 'media.data must be base64');
        const data = Buffer.from(media.data, 'base64');
        const filename = optionalString(media.filename, 'media.filename', MAX_FILENAME);
        this._checkMediaRoom(data.length);
        const directPath = `/v/t62.7118-24/${crypto.randomBytes(12).toString('hex')}`;
        const record = { mimetype: media.mimetype, filename, data };
        this.media.set(directPath, record);
        return { directPath, mimetype: record.mimetype, filename: record.filename, size: data.length, mediaKey: crypto.randomBytes(32).toString('base64') };
    },

    // Throws a 413 when a file of `size` bytes is over the per-file cap or would take the files
    // kept past the total cap.
    _checkMediaRoom(size) {
        const { maxMediaBytes, maxMediaTotalBytes } = this.sim.options;
        if (size > maxMediaBytes) throw httpError(413, `a file is at most maxMediaBytes (${maxMediaBytes} bytes)`);
        let kept = 0;
        for (const file of this.media.values()) kept += file.data.length;
        if (kept + size > maxMediaTotalBytes) {
            throw httpError(413, `the media server keeps at most maxMediaTotalBytes (${maxMediaTotalBytes} bytes) in all; ${kept} are taken`);
        }
    },

    // The media server, on the page's origin: POST /_media/upload (the file as the body, its type
    // as content-type, its name percent-encoded in x-filename, empty for none) answers
    // { directPath, mediaKey, ... }; GET /_media/<direct path> gives the file back. The Host,
    // Origin and content-type checks were made by the caller (refuseForeignRequest in index.js);
    // everything else a request can get wrong is a 4xx here, and never a throw.
    onMedia(req, res, pathname) {
        const fail = (status, message) => {
            if (res.headersSent || res.destroyed) return;
            // The rest of a refused body is not read: the connection closes after the answer.
            res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', connection: 'close' });
            res.end(JSON.stringify({ error: message }));
            this.sim._log('media-refused', { status, error: message });
        };
        if (pathname === '/_media/upload') {
            if (req.method !== 'POST') return fail(405, 'POST the file to /_media/upload');
            let filename;
            try {
                filename = parseFilename(req.headers['x-filename']);
                const declared = req.headers['content-length'];
                if (declared !== undefined) this._checkMediaRoom(Number(declared));
            } catch (err) {
                return fail(err.status || 400, err.message);
            }
            const mimetype = String(req.headers['content-type']).split(';')[0].trim().toLowerCase();
            const chunks = [];
            let size = 0;
            let failed = false;
            req.on('data', (chunk) => {
                if (failed) return;
                size += chunk.length;
                if (size > this.sim.options.maxMediaBytes) {
                    failed = true;
                    chunks.length = 0;
                    fail(413, `a file is at most maxMediaBytes (${this.sim.options.maxMediaBytes} bytes)`);
                    return;
                }
                chunks.push(chunk);
            });
            // A client gone mid-upload: nothing to answer, nothing kept.
            req.on('error', () => {
                failed = true;
            });
            req.on('end', () => {
                if (failed) return;
                try {
                    const media = this._upload({ mimetype, data: Buffer.concat(chunks).toString('base64'), filename });
                    this.sim._log('media-uploaded', { directPath: media.directPath, mimetype, size: media.size });
                    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
                    res.end(JSON.stringify(media));
                } catch (err) {
                    fail(err.status || 400, String(err.message));
                }
            });
            return;
        }
        if (req.method !== 'GET' && req.method !== 'HEAD') return fail(405, 'GET only');
        const file = this.media.get(pathname.slice('/_media'.length));
        if (!file) {
            res.writeHead(404, { 'content-type': 'text/plain' });
            res.end('no such media');
            return;
        }
        res.writeHead(200, { 'content-type': file.mimetype, 'content-length': file.data.length, 'cache-control': 'no-store' });
        res.end(req.method === 'HEAD' ? undefined : file.data);
    },
};

// x-filename: the file's name, percent-encoded (encodeURIComponent); '' or absent for none.
// Malformed encoding, control characters or a name too long: a 400.
function parseFilename(header) {
    if (header === undefined || header === '') return null;
    let name;
    try {
        name = decodeURIComponent(String(header));
    } catch {
        throw httpError(400, 'x-filename must be the file name percent-encoded (encodeURIComponent)');
    }
    // eslint-disable-next-line no-control-regex
    if (name.length > MAX_FILENAME || /[\u0000-\u001f\u007f]/.test(name)) {
        throw httpError(400, `x-filename must be a name of at most ${MAX_FILENAME} characters without control characters`);
    }
    return name;
}
