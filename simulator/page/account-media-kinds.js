'use strict';
// The kinds of media the simulated page sends (stickers, voice notes, GIFs, HD pictures, view
// once), as whatsapp-web.js main 2dc9466 asks for them (src/util/Injected/Utils.js:145-175
// sendMessage, :647-681 processStickerData, :683-801 processMediaData). Served after
// account-actions.js, whose send (addAndSendMsgToChat) checks each kind's fields with
// `checkMediaKind` below and passes `mediaKindOf` to the server (../account-media-kinds.js).
(function () {
    const sim = window.__waSimPage;
    if (!sim || !sim.account) return;
    const { modules } = sim;

    // A file being prepared for sending: its type, hash and, after the upload, where it is.
    class MediaData {
        constructor(fields) {
            Object.assign(this, fields);
        }
        set(fields) {
            Object.assign(this, fields);
        }
        toJSON() {
            const { mediaBlob, ...rest } = this;
            return { ...rest };
        }
    }

    // The largest side of a picture as the page sends it: 1600 pixels in standard quality (what
    // WhatsApp Web is commonly seen to send; not confirmed from its source), up to
    // params.maxDimension for HD (whatsapp-web.js passes 2560 with sendMediaAsHd, Utils.js:710-712;
    // PR 3535: pictures wider than 2560 are sent at 2560, smaller ones as they are).
    const STANDARD_MAX = 1600;
    async function pictureOf(blob, maxDimension) {
        let bitmap;
        try {
            bitmap = await createImageBitmap(blob);
        } catch {
            return { blob }; // not a picture the page can read: sent as it is, with no size
        }
        const { width, height } = bitmap;
        const scale = Math.min(1, maxDimension / Math.max(width, height));
        if (scale === 1) return { blob, width, height };
        const w = Math.max(1, Math.round(width * scale));
        const h = Math.max(1, Math.round(height * scale));
        const canvas = new OffscreenCanvas(w, h);
        canvas.getContext('2d').drawImage(bitmap, 0, 0, w, h);
        const scaled = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
        return { blob: scaled, width: w, height: h };
    }

    // params (processMediaData, Utils.js:700-712): asDocument; isPtt makes audio a voice note
    // (type 'ptt', Utils.js:730); asGif makes a video play as a GIF (isGif, read by
    // msgToMediaType, Utils.js:719-723); maxDimension (HD) bounds a picture's size; asSticker makes
    // a WebP a sticker (whatsapp-web.js sends it true only for a channel, whose sticker goes through
    // processMediaData, Utils.js:155-166; a chat's goes through processStickerData). The simulator
    // models a sticker of a WebP only (whatsapp-web.js always makes one first); asSticker with any
    // other file is a TypeError.
    const mediaTypeOf = (mimetype, params) => {
        if (params.asSticker === true) {
            if (mimetype !== 'image/webp') throw new TypeError(`prepRawMedia: asSticker needs a WebP (the simulator's model), got ${mimetype}`);
            return 'sticker';
        }
        if (params.asDocument) return 'document';
        if (/^image\//.test(mimetype)) return 'image';
        if (/^video\//.test(mimetype)) return 'video';
        if (/^audio\//.test(mimetype)) return params.isPtt ? 'ptt' : 'audio';
        return 'document';
    };
    modules.WAWebPrepRawMedia = {
        prepRawMedia(opaque, params = {}) {
            if (!params || typeof params !== 'object') throw new TypeError('prepRawMedia: params must be an object');
            if (params.maxDimension !== undefined && !(Number.isInteger(params.maxDimension) && params.maxDimension > 0)) {
                throw new TypeError('prepRawMedia: maxDimension must be a positive whole number of pixels');
            }
            return {
                async waitForPrep() {
                    const type = mediaTypeOf(opaque.blob.type, params);
                    const picture = type === 'image' ? await pictureOf(opaque.blob, params.maxDimension || STANDARD_MAX) : { blob: opaque.blob };
                    const blob = picture.blob;
                    const mediaBlob = blob === opaque.blob ? opaque : await modules.WAWebMediaOpaqueData.createFromData(blob, blob.type);
                    const bytes = await blob.arrayBuffer();
                    const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
                    return new MediaData({
                        type,
                        mimetype: blob.type,
                        filename: opaque.blob.name || undefined,
                        size: bytes.byteLength,
                        filehash: btoa(String.fromCharCode(...hash)),
                        isGif: type === 'video' && params.asGif === true,
                        ...(picture.width ? { width: picture.width, height: picture.height } : {}),
                        mediaBlob,
                    });
                },
            };
        },
    };

    // The sticker upload (processStickerData, Utils.js:655-668): the file, its type 'sticker', an
    // abort signal, the media key the caller chose and an upload QPL. Answers where the file is;
    // whatsapp-web.js reads `url` and `encFilehash` of the answer and spreads the rest into the
    // message (directPath and mediaKey among them here; the real answer's other fields are not known).
    modules.WAWebUploadManager = {
        async encryptAndUpload({ blob, type, signal, mediaKey, uploadQpl } = {}) {
            if (!(blob instanceof Blob)) throw new TypeError('encryptAndUpload: blob must be the file');
            if (typeof type !== 'string' || !type) throw new TypeError('encryptAndUpload: type must be a media type such as "sticker"');
            if (!(signal instanceof AbortSignal)) throw new TypeError('encryptAndUpload: signal must be an AbortSignal');
            if (typeof mediaKey !== 'string' || !mediaKey) throw new TypeError('encryptAndUpload: mediaKey must be a string');
            if (!uploadQpl || typeof uploadQpl !== 'object') throw new TypeError('encryptAndUpload: uploadQpl must come from startMediaUploadQpl');
            const res = await fetch('/_media/upload', {
                method: 'POST',
                headers: { 'content-type': blob.type || 'application/octet-stream', 'x-filename': encodeURIComponent(blob.name || '') },
                body: blob,
                signal,
            });
            if (!res.ok) throw new Error(`upload failed: ${res.status}`);
            const up = await res.json();
            const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()));
            return {
                url: `${location.origin}/_media${up.directPath}`,
                directPath: up.directPath,
                mediaKey,
                mediaKeyTimestamp: Math.floor(Date.now() / 1000),
                encFilehash: btoa(String.fromCharCode(...hash)),
            };
        },
    };
    modules.WAWebStartMediaUploadQpl = {
        startMediaUploadQpl({ entryPoint } = {}) {
            if (typeof entryPoint !== 'string') throw new TypeError('startMediaUploadQpl: entryPoint must be a string');
            return { entryPoint, startedAt: Date.now() };
        },
    };

    // A picture made a sticker for whatsapp-web.js (toStickerData, Utils.js:631-645, which then
    // reads the answer's arrayBuffer()): 512×512, scaled to fit and centred on a transparent
    // square, as WebP (Chromium's canvas encoder). A file the page cannot decode is refused.
    modules.WAWebImageUtils = {
        async toWebpSticker(file) {
            if (!(file instanceof Blob)) throw new TypeError('toWebpSticker: the argument must be the picture as a File or Blob');
            const bitmap = await createImageBitmap(file);
            const scale = 512 / Math.max(bitmap.width, bitmap.height);
            const w = Math.max(1, Math.round(bitmap.width * scale));
            const h = Math.max(1, Math.round(bitmap.height * scale));
            const canvas = new OffscreenCanvas(512, 512);
            canvas.getContext('2d').drawImage(bitmap, Math.floor((512 - w) / 2), Math.floor((512 - h) / 2), w, h);
            return canvas.convertToBlob({ type: 'image/webp' });
        },
    };

    // What a media message of each kind may carry besides its file, checked by
    // addAndSendMsgToChat: isViewOnce a boolean (whatsapp-web.js sets it on every media message,
    // Utils.js:171); isGif true only on a video; a voice note's waveform at most 64 levels
    // (generateWaveform, Utils.js:1147-1177); a picture's width and height whole pixels.
    const isFlag = (v) => v === undefined || typeof v === 'boolean';
    function checkMediaKind(data, fail) {
        if (!isFlag(data.isViewOnce)) fail('isViewOnce must be a boolean');
        if (!isFlag(data.isGif)) fail('isGif must be a boolean');
        if (data.isGif === true && data.type !== 'video') fail(`a message of type ${data.type} cannot be a GIF (isGif is for videos)`);
        if (data.waveform !== undefined && data.waveform !== null) {
            if (data.type !== 'ptt') fail('only a voice note (type ptt) has a waveform');
            if (!(data.waveform instanceof Uint8Array) || data.waveform.length > 64) fail('a waveform is a Uint8Array of at most 64 levels');
        }
        for (const side of ['width', 'height']) {
            if (data[side] !== undefined && !(Number.isInteger(data[side]) && data[side] > 0)) fail(`${side} must be whole pixels`);
        }
    }

    // What the server learns of a message's kind (../account-media-kinds.js).
    function mediaKindOf(msg) {
        return {
            isViewOnce: msg.isViewOnce === true,
            isGif: msg.isGif === true,
            width: msg.width,
            height: msg.height,
            waveform: msg.waveform instanceof Uint8Array ? Array.from(msg.waveform) : undefined,
        };
    }
    Object.assign(sim.account, { checkMediaKind, mediaKindOf });
})();
