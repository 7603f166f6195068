'use strict';
// The media server of the account world (methods of AccountWorld, see account.js): files phones
// send, and files the page uploads, kept under direct paths on the page's own origin (the real
// one is mmg.whatsapp.net, with the files encrypted).

const crypto = require('crypto');
const { httpError, optionalString } = require('./account-util');

module.exports = {
    // A file a phone sends: kept by the media server under a direct path the page downloads from.
    _upload(media) {
        if (media === undefined || media === null) return null;
        if (typeof media !== 'object' || typeof media.mimetype !== 'string' || typeof media.data !== 'string') {
            throw httpError(400, 'media must be {"mimetype": "image/png", "data": "<base64>", "filename"?: "..."}');
        }
        if (!/^[\w.+-]+\/[\w.+-]+$/.test(media.mimetype)) throw httpError(400, `media.mimetype ${JSON.stringify(media.mimetype)} is not a MIME type`);
        if (!/^[A-Za-z0-9+/]*={0,2}$/.test(media.data)) throw httpError(400, 'media.data must be base64');
        const data = Buffer.from(media.data, 'base64');
        const directPath = `/v/t62.7118-24/${crypto.randomBytes(12).toString('hex')}`;
        const record = { mimetype: media.mimetype, filename: optionalString(media.filename, 'media.filename', 255), data };
        this.media.set(directPath, record);
        return { directPath, mimetype: record.mimetype, filename: record.filename, size: data.length, mediaKey: crypto.randomBytes(32).toString('base64') };
    },

    // The media server, on the page's origin: POST /_media/upload (the file as the body, its type
    // as content-type, its name in x-filename) answers { directPath, mediaKey, ... };
    // GET /_media/<direct path> gives the file back.
    onMedia(req, res, pathname) {
        if (req.method === 'POST' && pathname === '/_media/upload') {
            const chunks = [];
            let size = 0;
            req.on('data', (chunk) => {
                size += chunk.length;
                if (size > this.sim.options.maxMediaBytes) req.destroy();
                else chunks.push(chunk);
            });
            req.on('end', () => {
                const data = Buffer.concat(chunks);
                const mimetype = String(req.headers['content-type'] || 'application/octet-stream');
                const filename = req.headers['x-filename'] ? decodeURIComponent(String(req.headers['x-filename'])) : null;
                const media = this._upload({ mimetype, data: data.toString('base64'), filename });
                this.sim._log('media-uploaded', { directPath: media.directPath, mimetype, size: media.size });
                res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
                res.end(JSON.stringify(media));
            });
            return;
        }
        const file = this.media.get(pathname.slice('/_media'.length));
        if (!file) {
            res.writeHead(404, { 'content-type': 'text/plain' });
            res.end('no such media');
            return;
        }
        res.writeHead(200, { 'content-type': file.mimetype, 'content-length': file.data.length, 'cache-control': 'no-store' });
        res.end(file.data);
    },
};
