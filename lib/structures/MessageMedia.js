'use strict';
// whatsapp-web.js's MessageMedia: a file as base64 with its MIME type, to send
// (client.sendMessage(chatId, media, { caption })) or as message.downloadMedia()
// resolves it. Rust checks it before sending (src/account/mod.rs Media).
const fs = require('fs');
const path = require('path');
const { download, limitFor, safeFileName, dispositionFileName, urlFileName } = require('../media-download');

// MIME types by file extension: the common ones people send. whatsapp-web.js uses
// the `mime` package; an unknown extension gives application/octet-stream here
// (a document), where whatsapp-web.js gives null.
const MIME_TYPES = {
  jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp', bmp: 'image/bmp', svg: 'image/svg+xml', heic: 'image/heic',
  mp4: 'video/mp4', '3gp': 'video/3gpp', mov: 'video/quicktime', webm: 'video/webm', mkv: 'video/x-matroska', avi: 'video/x-msvideo',
  mp3: 'audio/mpeg', ogg: 'audio/ogg', oga: 'audio/ogg', opus: 'audio/opus', m4a: 'audio/mp4', aac: 'audio/aac', wav: 'audio/wav', amr: 'audio/amr', flac: 'audio/flac',
  pdf: 'application/pdf', txt: 'text/plain', csv: 'text/csv', html: 'text/html', json: 'application/json', xml: 'application/xml', zip: 'application/zip',
  doc: 'application/msword', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint', pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  vcf: 'text/vcard', apk: 'application/vnd.android.package-archive',
};
const mimeOf = (name) => MIME_TYPES[path.extname(name).slice(1).toLowerCase()] || null;

class MessageMedia {
  constructor(mimetype, data, filename, filesize) {
    this.mimetype = mimetype;
    this.data = data;
    this.filename = filename;
    this.filesize = filesize;
  }

  /** A file from disk, its MIME type from its extension. */
  static fromFilePath(filePath) {
    const data = fs.readFileSync(filePath, { encoding: 'base64' });
    return new MessageMedia(mimeOf(filePath) || 'application/octet-stream', data, path.basename(filePath));
  }

  /**
   * A file from a URL. The MIME type comes from the URL's extension, else, with
   * `unsafeMime: true`, from the response; `filename` names it, else the
   * response's Content-Disposition or the URL, reduced to a base name.
   * `reqOptions`: headers, method, body, follow, timeout, signal and size (a byte
   * cap below WhatsApp's limit for the kind, as node-fetch's `size`). The body is
   * counted as it arrives and refused (ERR_MEDIA_TOO_LARGE) past 16 MiB for
   * pictures, video and audio, 100 MiB for anything else; a redirect from a
   * public address to a local one is refused (ERR_MEDIA_REDIRECT_REFUSED).
   */
  static async fromUrl(url, options = {}) {
    const parsed = new URL(url);
    let mimetype = mimeOf(parsed.pathname);
    if (!mimetype && !options.unsafeMime) {
      throw new Error('Unable to determine MIME type using URL. Set unsafeMime to true to download it anyway.');
    }
    const response = await download(parsed.href, options.reqOptions || {}, (headers) => limitFor(mimetype || headers['content-type']));
    if (!mimetype) mimetype = response.headers['content-type'] || null;
    const filename =
      options.filename || safeFileName(dispositionFileName(response.headers['content-disposition'])) || safeFileName(urlFileName(parsed)) || 'file';
    return new MessageMedia(mimetype, response.body.toString('base64'), filename, response.body.length);
  }
}

module.exports = MessageMedia;
