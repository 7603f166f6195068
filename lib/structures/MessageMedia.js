'use strict';
// whatsapp-web.js's MessageMedia: a file as base64 with its MIME type (what
// message.downloadMedia() resolves with). Sending media is not supported yet.
class MessageMedia {
  constructor(mimetype, data, filename, filesize) {
    this.mimetype = mimetype;
    this.data = data;
    this.filename = filename;
    this.filesize = filesize;
  }
}

module.exports = MessageMedia;
