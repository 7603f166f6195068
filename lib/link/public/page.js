'use strict';
// The linking page: draws the account's state as the server streams it
// (Server-Sent Events, one whole snapshot per change) and sends the person's
// choices back as small JSON requests. No framework, nothing from elsewhere.
(function linkPage() {
  const account = document.querySelector('meta[name="account"]').content;
  const api = `../../api/accounts/${encodeURIComponent(account)}`;
  const $ = (id) => document.getElementById(id);

  // The library's error codes, in words a person can act on.
  const ERROR_WORDS = {
    ERR_PHONE_NUMBER_TOO_SHORT: 'That number is too short. Enter the whole number with its country code, for example +1 555 123 4567.',
    ERR_PHONE_NUMBER_TOO_LONG: 'That number is too long: a phone number has at most 15 digits with its country code.',
    ERR_PHONE_NUMBER_LEADING_ZERO: 'Start with your country code instead of 0: for example +44 7911 123456, not 07911 123456.',
    ERR_PHONE_NUMBER_INVALID_CHARACTER: 'Use digits only. Spaces, dashes, dots, brackets and a + at the start are fine.',
    ERR_PHONE_NUMBER_NOT_STRING: 'Enter your phone number.',
    ERR_PAIRING_RATE_LIMITED: 'WhatsApp refused: too many attempts. Wait a while before you try again (it can take hours), or scan the QR code instead.',
    ERR_PAIRING_NOT_AVAILABLE: 'Linking with a phone number is not available right now. Scan the QR code instead.',
    ERR_PAIRING_BAD_REQUEST: 'WhatsApp refused the request. Check the number, or scan the QR code instead.',
    ERR_PAIRING_REFUSED: 'WhatsApp refused the request. Check the number, or scan the QR code instead.',
    ERR_ACCOUNT_NOT_LOGGING_IN: 'This login is not waiting for a code any more.',
    ERR_ALREADY_LOGGED_IN: 'This account is linked already.',
  };
  const words = (error) => (error && ERROR_WORDS[error.code]) || `Something went wrong${error && error.code ? ` (${error.code})` : ''}. Try again, or scan the QR code instead.`;

  let snapshot = null;
  let wantPhone = false; // this tab's choice: the phone-number form rather than the QR
  let awaitingQr = false; // "Use a QR code instead" was pressed: the fresh QR is on its way
  let phoneError = null; // the last refused request, shown next to the field
  let busy = false;
  let gone = null; // why the page no longer follows the account
  let offline = false;
  let shownView = null;
  let shownQr = null;

  /** "15550100001@c.us" -> "+1 555 010 0001" (North American numbers grouped, others as digits). */
  function phoneOf(wid) {
    const digits = String(wid || '').split('@')[0].replace(/\D/g, '');
    if (!digits) return '';
    if (digits.length === 11 && digits[0] === '1') return `+1 ${digits.slice(1, 4)} ${digits.slice(4, 7)} ${digits.slice(7)}`;
    return `+${digits}`;
  }
  const formatCode = (code) => `${code.slice(0, 4)}-${code.slice(4)}`;

  function endedMessage(s) {
    if (s.phase === 'auth_failure') return 'WhatsApp did not accept the saved login. Start again to link the account anew.';
    if (s.phase === 'failed') return `The login could not start (${(s.error && s.error.code) || 'error'}). Start again to try once more.`;
    if (s.reason === 'LOGOUT') return 'The account was logged out (the device was removed on the phone, or logged out here). Start again to link it anew.';
    if (s.reason === 'Max qrcode retries reached') return 'No QR code was scanned in time. Start again for a new one.';
    return `The connection to WhatsApp ended${s.reason ? ` (${s.reason})` : ''}. Start again to link the account.`;
  }

  // Which section to show, and what the status line says.
  function decide() {
    if (gone) return { view: 'gone', status: gone };
    if (!snapshot) return { view: 'starting', status: 'Connecting…' };
    const s = snapshot;
    switch (s.phase) {
      case 'starting':
      case 'stopped':
        return { view: 'starting', status: 'Getting a QR code ready…' };
      case 'qr':
      case 'code':
        if (wantPhone) {
          if (s.phase === 'code' && s.code) return { view: 'phone', status: `Your code is ${formatCode(s.code)}. Enter it on your phone.` };
          return { view: 'phone', status: 'Enter your phone number to get a code.' };
        }
        if (s.phase === 'qr' && s.qrSvg) return { view: 'qr', status: 'Waiting for you to scan the QR code.' };
        return { view: 'qr', status: 'Getting a new QR code…' };
      case 'loading':
        return { view: 'loading', status: 'Linked on the phone. Loading your chats…' };
      case 'ready':
        return { view: 'ready', status: `Linked as ${phoneOf(s.wid)}.` };
      default:
        // The reason is the section's own text; the status line just says what happened.
        return { view: 'ended', status: s.phase === 'failed' ? 'The login could not start.' : 'The login ended.' };
    }
  }

  function render() {
    const { view, status } = decide();
    const s = snapshot || {};
    for (const name of ['starting', 'qr', 'phone', 'loading', 'ready', 'ended', 'gone']) $(`${name}-view`).hidden = name !== view;
    const statusText = offline && !gone ? 'Lost the connection to the server. Trying again…' : status;
    if ($('status').textContent !== statusText) $('status').textContent = statusText;
    // Where the section below says the same in large, the line is for screen readers only.
    $('status').classList.toggle('visually-hidden', !offline && ['loading', 'ready', 'ended', 'gone'].includes(view));

    // The QR: replaced the moment a new one arrives.
    const qr = $('qr');
    const svg = s.phase === 'qr' ? s.qrSvg : null;
    if (svg !== shownQr) {
      shownQr = svg;
      if (svg) qr.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
      else qr.removeAttribute('src');
    }
    qr.classList.toggle('waiting', !svg);

    // The phone-number form and the code.
    const hasCode = s.phase === 'code' && typeof s.code === 'string' && s.code.length === 8;
    $('code-box').hidden = !hasCode;
    if (hasCode && $('code').textContent !== formatCode(s.code)) $('code').textContent = formatCode(s.code);
    const error = phoneError || s.error || null;
    $('phone-error').hidden = !error;
    $('phone-error').textContent = error ? words(error) : '';
    $('phone').setAttribute('aria-invalid', error ? 'true' : 'false');
    $('get-code').textContent = hasCode ? 'Get a new code' : 'Get code';
    for (const id of ['get-code', 'to-qr', 'to-phone', 'restart']) $(id).disabled = busy;
    $('phone-form').setAttribute('aria-busy', String(busy));

    // Progress after the phone accepted.
    const percent = Number.isFinite(s.percent) ? s.percent : 0;
    $('progress').value = percent;
    $('percent').textContent = `${percent}%`;
    $('linked-as').textContent = s.phase === 'ready' ? `Linked as ${phoneOf(s.wid)}${s.pushname ? ` (${s.pushname})` : ''}` : '';
    if (view === 'ended') $('ended-message').textContent = endedMessage(s);
    if (view === 'gone') $('gone-message').textContent = gone;

    // Keyboard and screen-reader users land on what changed; not on first load.
    if (view !== shownView) {
      const first = shownView === null;
      shownView = view;
      if (!first) focusFor(view);
    }
  }

  function focusFor(view) {
    const target = { phone: 'phone', ended: 'restart' }[view] || `${view}-heading`;
    $(target).focus();
  }

  async function post(action, body) {
    let response;
    try {
      response = await fetch(`${api}/${action}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body || {}) });
    } catch {
      throw { code: 'ERR_NETWORK', message: 'the server could not be reached' };
    }
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) throw answer.error || { code: `HTTP_${response.status}` };
    return answer;
  }

  async function act(fn) {
    if (busy) return;
    busy = true;
    render();
    try {
      await fn();
    } finally {
      busy = false;
      render();
    }
  }

  $('to-phone').addEventListener('click', () => {
    wantPhone = true;
    phoneError = null;
    render();
  });

  $('phone-form').addEventListener('submit', (event) => {
    event.preventDefault();
    act(async () => {
      phoneError = null;
      try {
        await post('code', { phone: $('phone').value });
      } catch (error) {
        phoneError = error;
        render();
        $('phone').focus();
      }
    });
  });

  $('to-qr').addEventListener('click', () => {
    act(async () => {
      wantPhone = false;
      phoneError = null;
      if (snapshot && snapshot.phase === 'code') {
        awaitingQr = true;
        render();
        try {
          await post('qr');
        } catch (error) {
          // Could not leave code mode: stay on the form and say why.
          wantPhone = true;
          phoneError = error;
        } finally {
          awaitingQr = false;
        }
      }
    });
  });

  $('restart').addEventListener('click', () => {
    act(async () => {
      wantPhone = false;
      phoneError = null;
      await post('restart').catch((error) => {
        $('ended-message').textContent = words(error);
      });
    });
  });

  const events = new EventSource(`${api}/events`);
  events.addEventListener('state', (event) => {
    offline = false;
    snapshot = JSON.parse(event.data);
    // Another tab (or the app) asked for a code: follow it, unless this tab is leaving code mode.
    if (snapshot.phase === 'code' && !awaitingQr) wantPhone = true;
    if (!['qr', 'code'].includes(snapshot.phase)) wantPhone = false;
    render();
  });
  events.addEventListener('removed', (event) => {
    const { reason } = JSON.parse(event.data);
    events.close();
    gone = reason === 'server-closed' ? 'The linking server stopped. Reload the page when it is back.' : 'This account was removed from the server.';
    render();
  });
  events.addEventListener('error', () => {
    // EventSource retries by itself; CLOSED means the server refused the stream (e.g. no such account).
    if (events.readyState === EventSource.CLOSED && !gone) gone = 'This account does not exist on the server (any more).';
    else offline = true;
    render();
  });
  render();
})();
