'use strict';
// MessageMedia.fromUrl's download. Not exported by the package: the third
// argument of download() is a test seam no user code reaches.
//
// Why not Node's fetch: it buffers the whole body before anyone can look at its
// size, and it follows redirects without telling which address each hop reached.
// Here every connection goes through checkedLookup, so the address that is
// checked is the one connected to (a name that resolves differently the second
// time, DNS rebinding, gains nothing), the body is counted as it arrives (after
// decompression) and the request is torn down at the limit.
const http = require('http');
const https = require('https');
const dns = require('dns');
const net = require('net');
const zlib = require('zlib');

// WhatsApp's limits, as src/account/mod.rs (MEDIA_LIMIT, DOCUMENT_LIMIT) checks them when sending.
const MEDIA_LIMIT = 16 * 1024 * 1024;
const DOCUMENT_LIMIT = 100 * 1024 * 1024;
// node-fetch's default for `follow`, which whatsapp-web.js's reqOptions go to.
const MAX_REDIRECTS = 20;
// The Rust side refuses longer file names (src/account/messages.rs).
const MAX_FILENAME_BYTES = 255;

function failure(code, message, TypeErrorClass = Error) {
  const error = new TypeErrorClass(message);
  error.code = code;
  return error;
}

/** Pictures, video and audio: 16 MiB; anything else is sent as a document: 100 MiB. */
function limitFor(mimetype) {
  const essence = String(mimetype || '').split(';')[0].trim().toLowerCase();
  return /^(image|video|audio)\//.test(essence)
    ? { limit: MEDIA_LIMIT, what: 'pictures, video and audio' }
    : { limit: DOCUMENT_LIMIT, what: 'documents' };
}

function ipv4Scope(address) {
  const [a, b] = address.split('.').map(Number);
  if (a === 127) return 'loopback';
  if (a === 0) return 'unspecified'; // 0.0.0.0 reaches this machine on Linux
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private';
  if (a === 100 && b >= 64 && b <= 127) return 'private'; // carrier-grade NAT, RFC 6598
  if (a === 169 && b === 254) return 'link-local';
  if (a >= 224) return 'reserved'; // multicast, reserved, broadcast
  return 'public';
}

/**
 * Where an IP address leads: 'loopback', 'private' (RFC 1918, CGNAT, IPv6 ULA),
 * 'link-local', 'unspecified', 'reserved', or 'public'. Not an IP address: 'invalid'.
 */
function addressScope(address) {
  const text = String(address).replace(/^\[|\]$/g, '');
  const kind = net.isIP(text);
  if (kind === 4) return ipv4Scope(text);
  if (kind !== 6) return 'invalid';
  const lower = text.toLowerCase();
  // IPv4-mapped (::ffff:a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) addresses lead to their IPv4 address.
  const embedded = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (embedded) return ipv4Scope(embedded[1]);
  const mappedHex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (mappedHex) {
    const hi = parseInt(mappedHex[1], 16);
    const lo = parseInt(mappedHex[2], 16);
    return ipv4Scope(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
  }
  const blocks = expandIpv6(lower);
  if (blocks.every((x) => x === 0)) return 'unspecified';
  if (blocks.slice(0, 7).every((x) => x === 0) && blocks[7] === 1) return 'loopback';
  if ((blocks[0] & 0xfe00) === 0xfc00) return 'private'; // fc00::/7, unique local
  if ((blocks[0] & 0xffc0) === 0xfe80) return 'link-local'; // fe80::/10
  if ((blocks[0] & 0xff00) === 0xff00) return 'reserved'; // multicast
  return 'public';
}

/** The eight 16-bit blocks of a valid IPv6 address (net.isIP checked it). */
function expandIpv6(text) {
  const withoutZone = text.split('%')[0];
  const [head, tail] = withoutZone.includes('::') ? withoutZone.split('::') : [withoutZone, null];
  const parse = (part) => (part ? part.split(':') : []).flatMap((piece) => {
    if (piece.includes('.')) {
      const [a, b, c, d] = piece.split('.').map(Number);
      return [(a << 8) | b, (c << 8) | d];
    }
    return [parseInt(piece, 16)];
  });
  const left = parse(head);
  if (tail === null) return left;
  const right = parse(tail);
  return [...left, ...new Array(8 - left.length - right.length).fill(0), ...right];
}

// Scopes that lead to this machine or its own network.
const LOCAL_SCOPES = new Set(['loopback', 'private', 'link-local', 'unspecified']);

/**
 * Whether a redirect may lead from a hop fetched from an address of scope `from`
 * to an address of scope `to` (addressScope's words). A server out on the
 * internet may not send the download to this machine or its network: that
 * would be a request the caller never chose, to services that trust local
 * callers. Where the caller started on a local address, local redirects are
 * the caller's own. An unknown `from` counts as public.
 */
function redirectAllowed(from, to) {
  return LOCAL_SCOPES.has(from) || to === 'public';
}

/**
 * A file name fit to save and show: the last part of `name` (no '/' or '\'),
 * without control or direction-changing characters, not '.' or '..', at most
 * 255 bytes (the extension kept). null when nothing usable is left.
 */
function safeFileName(name) {
  if (typeof name !== 'string') return null;
  // eslint-disable-next-line no-control-regex
  const cleaned = name.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
  let base = cleaned.split(/[/\\]/).pop().trim();
  if (base === '' || base === '.' || base === '..') return null;
  if (Buffer.byteLength(base) > MAX_FILENAME_BYTES) {
    const dot = base.lastIndexOf('.');
    const ext = dot > 0 && base.length - dot <= 16 ? base.slice(dot) : '';
    let stem = Array.from(ext ? base.slice(0, dot) : base);
    while (stem.length && Buffer.byteLength(stem.join('') + ext) > MAX_FILENAME_BYTES) stem.pop();
    base = stem.join('') + ext;
  }
  return base;
}

/** The file name a Content-Disposition header gives (filename*= first, as RFC 6266 says), unchecked. */
function dispositionFileName(header) {
  if (typeof header !== 'string') return null;
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (extended) {
    try {
      return decodeURIComponent(extended[2].trim());
    } catch {
      // Malformed percent-encoding: fall back to the plain parameter.
    }
  }
  const quoted = /filename\s*=\s*"((?:[^"\\]|\\.)*)"/i.exec(header);
  if (quoted) return quoted[1].replace(/\\(.)/g, '$1');
  const token = /filename\s*=\s*([^;\s]+)/i.exec(header);
  return token ? token[1] : null;
}

/** The file name of a URL's last path segment, percent-decoded, unchecked. */
function urlFileName(url) {
  const last = url.pathname.split('/').pop();
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** reqOptions.size (node-fetch's byte cap, which whatsapp-web.js documents), checked. */
function sizeOption(value) {
  if (value === undefined || value === null || value === 0) return null;
  if (!Number.isSafeInteger(value) || value < 0) {
    throw failure('ERR_INVALID_OPTION', `option reqOptions.size: must be a whole number of bytes, got ${String(value)}`, TypeError);
  }
  return Math.min(value, DOCUMENT_LIMIT);
}

/**
 * GETs `url`, following redirects as redirectAllowed permits, and resolves
 * `{ body, headers, url }` once the body is in, or rejects with a typed error:
 * ERR_MEDIA_TOO_LARGE as soon as the body passes its limit (the connection is
 * closed there), ERR_MEDIA_REDIRECT_REFUSED (see redirectAllowed), ERR_MEDIA_FETCH
 * (network, status, too many redirects). `limitOf(headers)` gives `{ limit, what }` for the final
 * response. `seam.scopeOf(url, address)` stands in for addressScope in tests.
 */
function download(url, reqOptions = {}, limitOf, seam = {}) {
  const scopeOf = seam.scopeOf || ((_url, address) => addressScope(address));
  const follow = Number.isSafeInteger(reqOptions.follow) && reqOptions.follow >= 0 ? reqOptions.follow : MAX_REDIRECTS;
  const capped = sizeOption(reqOptions.size);
  return new Promise((resolve, reject) => {
    let settled = false;
    const done = (error, value) => {
      if (settled) return;
      settled = true;
      if (error) reject(error);
      else resolve(value);
    };
    if (reqOptions.signal) {
      if (reqOptions.signal.aborted) return done(failure('ABORT_ERR', 'the download was aborted'));
    }

    // One hop: `previous` is where the hop before it was fetched from (null for the URL the caller gave).
    const hop = (current, method, body, headers, previous, left) => {
      if (current.protocol !== 'http:' && current.protocol !== 'https:') {
        return done(failure('ERR_MEDIA_FETCH', `fetching ${current.href} failed: only http and https URLs can be fetched`));
      }
      // Why the connection to `address` is refused, or null: the first hop is the caller's choice.
      const refuse = (address) => {
        if (!previous) return null;
        const from = scopeOf(previous.url, previous.address);
        const to = scopeOf(current, address);
        if (redirectAllowed(from, to)) return null;
        return `a redirect from ${previous.url.host} (${from} address ${previous.address}) to ${current.host} (${to} address ${address}) is refused`;
      };
      const literal = current.hostname.replace(/^\[|\]$/g, '');
      if (net.isIP(literal)) {
        const why = refuse(literal);
        if (why) return done(failure('ERR_MEDIA_REDIRECT_REFUSED', why));
      }
      // Runs for names only (Node does not look up IP literals): checks every address the name has.
      const lookup = (hostname, options, callback) => {
        dns.lookup(hostname, options, (error, address, family) => {
          if (error) return callback(error);
          const all = Array.isArray(address) ? address : [{ address, family }];
          for (const entry of all) {
            const why = refuse(entry.address);
            if (why) return callback(failure('ERR_MEDIA_REDIRECT_REFUSED', why));
          }
          callback(null, address, family);
        });
      };
      const transport = current.protocol === 'https:' ? https : http;
      // agent: false: a pooled connection would skip the lookup, and with it the check.
      const request = transport.request(current, { method, headers, lookup, agent: false, signal: reqOptions.signal });
      if (Number.isSafeInteger(reqOptions.timeout) && reqOptions.timeout > 0) {
        request.setTimeout(reqOptions.timeout, () => request.destroy(failure('ERR_MEDIA_FETCH', `fetching ${current.href} timed out after ${reqOptions.timeout} ms`)));
      }
      request.on('error', (error) => {
        if (error && typeof error.code === 'string' && error.code.startsWith('ERR_MEDIA_')) return done(error);
        if (error && error.name === 'AbortError') return done(failure('ABORT_ERR', 'the download was aborted'));
        const wrapped = failure('ERR_MEDIA_FETCH', `fetching ${current.href} failed: ${error && error.message}`);
        wrapped.cause = error;
        done(wrapped);
      });
      request.on('response', (response) => {
        const here = { url: current, address: response.socket && response.socket.remoteAddress };
        const status = response.statusCode;
        if ([301, 302, 303, 307, 308].includes(status) && response.headers.location) {
          // Its body is not wanted: closed rather than drained (a server could send it for ever).
          response.destroy();
          if (left <= 0) return done(failure('ERR_MEDIA_FETCH', `fetching ${url} failed: more than ${follow} redirects`));
          let next;
          try {
            next = new URL(response.headers.location, current);
          } catch {
            return done(failure('ERR_MEDIA_FETCH', `fetching ${current.href} failed: the redirect goes to a malformed URL`));
          }
          // As fetch does: 303, and 301/302 after a POST, become a GET without a body;
          // credentials do not go to another origin.
          const keep = status === 307 || status === 308 || (method === 'GET' || method === 'HEAD');
          const nextHeaders = { ...headers };
          if (next.origin !== current.origin) {
            for (const name of Object.keys(nextHeaders)) {
              if (['authorization', 'cookie', 'proxy-authorization'].includes(name.toLowerCase())) delete nextHeaders[name];
            }
          }
          return hop(next, keep ? method : 'GET', keep ? body : undefined, nextHeaders, here, left - 1);
        }
        if (status < 200 || status > 299) {
          response.destroy();
          const error = failure('ERR_MEDIA_FETCH', `fetching ${url} failed: ${status}`);
          error.status = status;
          return done(error);
        }
        const { limit, what } = capped !== null ? { limit: capped, what: 'this download (reqOptions.size)' } : limitOf(response.headers);
        const tooLarge = (size) => failure('ERR_MEDIA_TOO_LARGE', `the media is ${size} bytes or more; WhatsApp takes at most ${limit} bytes for ${what}`);
        const declared = Number(response.headers['content-length']);
        if (Number.isFinite(declared) && declared > limit && !response.headers['content-encoding']) {
          request.destroy();
          return done(tooLarge(declared));
        }
        let stream = response;
        const encoding = String(response.headers['content-encoding'] || '').trim().toLowerCase();
        const decoder = { gzip: zlib.createGunzip, 'x-gzip': zlib.createGunzip, deflate: zlib.createInflate, br: zlib.createBrotliDecompress }[encoding];
        if (decoder) {
          stream = response.pipe(decoder());
          stream.on('error', (error) => done(failure('ERR_MEDIA_FETCH', `fetching ${url} failed: the ${encoding} body is damaged (${error.message})`)));
        }
        const chunks = [];
        let received = 0;
        stream.on('data', (chunk) => {
          received += chunk.length;
          if (received > limit) {
            // Counted as it arrives (decompressed): the rest is never read.
            request.destroy();
            stream.destroy();
            return done(tooLarge(received));
          }
          chunks.push(chunk);
        });
        stream.on('end', () => done(null, { body: Buffer.concat(chunks, received), headers: response.headers, url: current }));
        response.on('error', (error) => done(failure('ERR_MEDIA_FETCH', `fetching ${url} failed: the connection closed before the whole body came (${error.message})`)));
      });
      if (body !== undefined && body !== null) request.write(body);
      request.end();
    };

    const headers = { accept: 'image/* video/* text/* audio/*', 'accept-encoding': 'gzip, deflate, br' };
    // Lower-cased, so that the caller's Accept replaces ours instead of going out as a second header.
    for (const [name, value] of Object.entries(plainHeaders(reqOptions.headers))) headers[name.toLowerCase()] = value;
    const method = typeof reqOptions.method === 'string' ? reqOptions.method.toUpperCase() : 'GET';
    hop(new URL(url), method, reqOptions.body, headers, null, follow);
  });
}

/** Headers as fetch takes them (object, array of pairs or Headers) as a plain object. */
function plainHeaders(headers) {
  if (!headers) return {};
  if (typeof headers.entries === 'function' && !Array.isArray(headers)) return Object.fromEntries(headers.entries());
  if (Array.isArray(headers)) return Object.fromEntries(headers);
  return { ...headers };
}

module.exports = { download, addressScope, redirectAllowed, safeFileName, dispositionFileName, urlFileName, limitFor, MEDIA_LIMIT, DOCUMENT_LIMIT };
