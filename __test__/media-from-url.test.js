'use strict';
// MessageMedia.fromUrl against web servers this test starts on 127.0.0.1: the
// body is cut at WhatsApp's limit while it arrives, a public server cannot
// redirect the download to this machine, and the file name is a base name.
// No browser and no addon: fromUrl is JavaScript (lib/media-download.js).
const test = require('node:test');
const assert = require('node:assert/strict');
const http = require('http');
const zlib = require('zlib');
const MessageMedia = require('../lib/structures/MessageMedia');
const media = require('../lib/media-download');

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

/**
 * A server on 127.0.0.1 answering with `handler`; stopped after the test even
 * when it fails. `seen` lists the paths it was asked for.
 */
async function serve(t, handler) {
  const seen = [];
  const server = http.createServer((req, res) => {
    seen.push(req.url);
    handler(req, res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    server.closeAllConnections();
    server.close();
  });
  return { base: `http://127.0.0.1:${server.address().port}`, port: server.address().port, seen };
}

/**
 * Streams up to `total` bytes of zeros in 64 KiB chunks, as fast as the client
 * reads them; `result` resolves with { sent, finished } when the connection ends:
 * sent counts the bytes the socket took, finished whether all were sent.
 */
function streamZeros(res, total, headers) {
  return new Promise((resolve) => {
    const chunk = Buffer.alloc(64 * 1024);
    let sent = 0;
    res.writeHead(200, headers);
    res.on('close', () => resolve({ sent, finished: res.writableFinished }));
    const pump = () => {
      while (sent < total) {
        sent += chunk.length;
        if (!res.write(chunk)) return res.once('drain', pump);
      }
      res.end();
    };
    pump();
  });
}

test('a URL the caller gives on loopback is fetched; the name comes from the URL', async (t) => {
  const { base } = await serve(t, (req, res) => {
    if (req.url === '/missing.png') {
      res.writeHead(404);
      return res.end();
    }
    const gzip = req.url.startsWith('/gz/');
    res.writeHead(200, { 'content-type': 'image/png', ...(gzip ? { 'content-encoding': 'gzip' } : {}) });
    res.end(gzip ? zlib.gzipSync(PNG) : PNG);
  });
  const got = await MessageMedia.fromUrl(`${base}/files/dot.png`);
  assert.deepEqual([got.mimetype, got.filename, got.filesize], ['image/png', 'dot.png', PNG.length]);
  assert.ok(Buffer.from(got.data, 'base64').equals(PNG));
  // A compressed answer arrives unpacked, as fetch gave it.
  const unpacked = await MessageMedia.fromUrl(`${base}/gz/dot.png`);
  assert.ok(Buffer.from(unpacked.data, 'base64').equals(PNG));
  await assert.rejects(MessageMedia.fromUrl(`${base}/missing.png`), { code: 'ERR_MEDIA_FETCH', status: 404 });
});

test('a body over the limit is refused while it arrives: the server sees the connection closed early', async (t) => {
  const total = 64 * 1024 * 1024;
  let server;
  const { base } = await serve(t, (req, res) => {
    // No Content-Length: only counting the body as it comes can stop it.
    server = streamZeros(res, total, { 'content-type': 'image/png' });
  });
  await assert.rejects(MessageMedia.fromUrl(`${base}/big.png`), (error) => {
    assert.equal(error.code, 'ERR_MEDIA_TOO_LARGE');
    assert.match(error.message, /16777216 bytes for pictures, video and audio/);
    return true;
  });
  const { sent, finished } = await server;
  assert.equal(finished, false, 'the server did not get to send everything');
  assert.ok(sent < total, `the server sent ${sent} of ${total} bytes`);

  // A declared Content-Length over the limit is refused before the body is read at all.
  let declared;
  const second = await serve(t, (req, res) => {
    declared = streamZeros(res, 2 * total, { 'content-type': 'application/pdf', 'content-length': String(2 * total) });
  });
  await assert.rejects(MessageMedia.fromUrl(`${second.base}/big.pdf`), { code: 'ERR_MEDIA_TOO_LARGE', message: /104857600 bytes for documents/ });
  assert.equal((await declared).finished, false);

  // A compressed body is measured as it unpacks: 20 MiB of zeros in a few KiB of gzip.
  const bomb = zlib.gzipSync(Buffer.alloc(20 * 1024 * 1024));
  const third = await serve(t, (req, res) => {
    res.writeHead(200, { 'content-type': 'image/png', 'content-encoding': 'gzip', 'content-length': String(bomb.length) });
    res.end(bomb);
  });
  await assert.rejects(MessageMedia.fromUrl(`${third.base}/small.png`), { code: 'ERR_MEDIA_TOO_LARGE' });
});

test('reqOptions.size (node-fetch\'s cap, as whatsapp-web.js documents it) lowers the limit', async (t) => {
  let server;
  const { base } = await serve(t, (req, res) => {
    server = streamZeros(res, 8 * 1024 * 1024, { 'content-type': 'image/png' });
  });
  await assert.rejects(MessageMedia.fromUrl(`${base}/a.png`, { reqOptions: { size: 100000 } }), { code: 'ERR_MEDIA_TOO_LARGE', message: /reqOptions\.size/ });
  assert.equal((await server).finished, false);
  await assert.rejects(MessageMedia.fromUrl(`${base}/a.png`, { reqOptions: { size: -1 } }), { code: 'ERR_INVALID_OPTION', name: 'TypeError' });
});

test('the file name from Content-Disposition or the URL is a base name without separators or control characters', async (t) => {
  const names = {
    '/d1': 'attachment; filename="../../x"',
    '/d2': 'attachment; filename="..\\\\..\\\\.ssh\\\\authorized_keys"',
    // filename* is percent-encoded: it can carry a newline, a slash or a right-to-left override.
    '/d3': "attachment; filename*=UTF-8''..%2F..%2Fevil%0A%E2%80%AEgnp.exe",
    '/d4': 'attachment; filename=".."',
  };
  const { base } = await serve(t, (req, res) => {
    const headers = { 'content-type': 'application/pdf' };
    if (names[req.url]) headers['content-disposition'] = names[req.url];
    res.writeHead(200, headers);
    res.end('%PDF-1.4');
  });
  const nameOf = async (p) => (await MessageMedia.fromUrl(`${base}${p}`, { unsafeMime: true })).filename;
  assert.equal(await nameOf('/d1'), 'x');
  assert.equal(await nameOf('/d2'), 'authorized_keys');
  assert.equal(await nameOf('/d3'), 'evilgnp.exe');
  // Nothing usable in the header: the URL's last segment, decoded, then reduced.
  assert.equal(await nameOf('/d4'), 'd4');
  assert.equal(await nameOf('/files/..%2F..%2Fetc%2Fpasswd'), 'passwd');
  assert.equal(await nameOf('/files/%2E%2E'), 'file');
  // A name the caller gives is the caller's.
  assert.equal((await MessageMedia.fromUrl(`${base}/d1`, { unsafeMime: true, filename: 'mine.pdf' })).filename, 'mine.pdf');
});

test('redirects: loopback to loopback is the caller\'s choice; from a public address to this machine is refused', async (t) => {
  const target = await serve(t, (req, res) => {
    res.writeHead(200, { 'content-type': 'image/png' });
    res.end(PNG);
  });
  const redirector = await serve(t, (req, res) => {
    const to = { '/literal.png': `${target.base}/x.png`, '/name.png': `http://localhost:${target.port}/x.png`, '/relative.png': '/here.png' }[req.url];
    if (to) {
      res.writeHead(302, { location: to });
      res.end();
    } else {
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end(PNG);
    }
  });
  // The caller chose a loopback URL: its redirects to loopback are followed.
  const got = await MessageMedia.fromUrl(`${redirector.base}/literal.png`);
  assert.ok(Buffer.from(got.data, 'base64').equals(PNG));
  assert.deepEqual(target.seen, ['/x.png']);

  // The test seam (lib/media-download.js is not exported by the package): the
  // redirecting server's port counts as a public address, everything else as its address says.
  const seam = (publicPorts) => ({
    scopeOf: (url, address) => (publicPorts.includes(Number(url.port)) ? 'public' : media.addressScope(address)),
  });
  const png = () => media.limitFor('image/png');
  for (const p of ['/literal.png', '/name.png']) {
    await assert.rejects(media.download(`${redirector.base}${p}`, {}, png, seam([redirector.port])), (error) => {
      assert.equal(error.code, 'ERR_MEDIA_REDIRECT_REFUSED');
      assert.match(error.message, /redirect from 127\.0\.0\.1:\d+ \(public address .*\) to .* \(loopback address (127\.0\.0\.1|::1)\) is refused/);
      return true;
    });
  }
  assert.deepEqual(target.seen, ['/x.png'], 'the loopback server was never asked');
  // Public to public, and a redirect within the same public server, are followed.
  const both = await media.download(`${redirector.base}/literal.png`, {}, png, seam([redirector.port, target.port]));
  assert.ok(both.body.equals(PNG));
  const same = await media.download(`${redirector.base}/relative.png`, {}, png, seam([redirector.port]));
  assert.equal(same.url.pathname, '/here.png');
});

test('addressScope and redirectAllowed: what counts as this machine or its network', () => {
  const scopes = {
    '127.0.0.1': 'loopback', '127.8.9.10': 'loopback', '::1': 'loopback', '::ffff:127.0.0.1': 'loopback', '::ffff:7f00:1': 'loopback',
    '10.1.2.3': 'private', '172.16.0.1': 'private', '172.31.255.255': 'private', '192.168.1.1': 'private', '100.64.0.1': 'private',
    'fc00::1': 'private', 'fd12:3456::1': 'private',
    '169.254.169.254': 'link-local', 'fe80::1': 'link-local', 'fe80::1%eth0': 'link-local',
    '0.0.0.0': 'unspecified', '::': 'unspecified', '224.0.0.1': 'reserved', 'ff02::1': 'reserved',
    '8.8.8.8': 'public', '172.32.0.1': 'public', '2001:4860:4860::8888': 'public', '::ffff:8.8.8.8': 'public',
    'localhost': 'invalid', '': 'invalid',
  };
  for (const [address, scope] of Object.entries(scopes)) assert.equal(media.addressScope(address), scope, address);

  assert.equal(media.redirectAllowed('public', 'loopback'), false);
  assert.equal(media.redirectAllowed('public', 'private'), false);
  assert.equal(media.redirectAllowed('public', 'link-local'), false);
  assert.equal(media.redirectAllowed('public', 'unspecified'), false);
  assert.equal(media.redirectAllowed('invalid', 'loopback'), false, 'an unknown origin counts as public');
  assert.equal(media.redirectAllowed('public', 'public'), true);
  assert.equal(media.redirectAllowed('loopback', 'loopback'), true, 'the caller chose loopback');
  assert.equal(media.redirectAllowed('private', 'loopback'), true);
});

test('safeFileName keeps a base name within 255 bytes, its extension kept', () => {
  assert.equal(media.safeFileName('../../x'), 'x');
  assert.equal(media.safeFileName('a\u0000b\u001fc\u007f.txt'), 'abc.txt');
  assert.equal(media.safeFileName('C:\\Users\\me\\report.pdf'), 'report.pdf');
  assert.equal(media.safeFileName('..'), null);
  assert.equal(media.safeFileName('dir/'), null);
  assert.equal(media.safeFileName(5), null);
  const long = media.safeFileName(`${'é'.repeat(300)}.jpeg`);
  assert.ok(Buffer.byteLength(long) <= 255 && long.endsWith('.jpeg'), long);
});
