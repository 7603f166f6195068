'use strict';
// Which `Host` the linking server answers. Binding to 127.0.0.1 is not
// enough: a web page whose name the attacker rebinds to 127.0.0.1 (DNS
// rebinding) reaches the server from the user's own browser, and its
// requests carry a matching Host and Origin (`attacker.example:3000`), so
// the Origin check alone passes them. The Host is the one thing such a page
// cannot choose: it is the name in its own address bar. So only names that
// are this machine (`localhost`, 127.0.0.0/8, [::1]) or that the operator
// listed in `allowedHosts` are answered.

// A Host header: a name, an IPv4 address or a bracketed IPv6 address, and an
// optional port. Nothing else (no user info, no path): what does not parse is refused.
const HOST_RE = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)(?::(\d{1,5}))?$/;
const IPV4_LOOPBACK_RE = /^127\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;
const MAX_ALLOWED_HOSTS = 100;

/** `"Example.com:8080"` -> `{ name: 'example.com', port: '8080' }`; null when it is not a host. */
function parseHost(value) {
  if (typeof value !== 'string' || value.length > 255) return null;
  const m = HOST_RE.exec(value);
  if (!m) return null;
  const port = m[2];
  if (port !== undefined && !(Number(port) >= 1 && Number(port) <= 65535)) return null;
  return { name: m[1].toLowerCase(), port: port === undefined ? null : String(Number(port)) };
}

/** `localhost`, 127.0.0.0/8 or [::1] (as a Host names it, IPv6 in brackets). */
function isLoopbackName(name) {
  return name === 'localhost' || IPV4_LOOPBACK_RE.test(name) || name === '[::1]';
}

/** A `listen()` host: the same names, with IPv6 as Node takes it (no brackets). */
function isLoopbackListenHost(host) {
  const name = String(host).toLowerCase();
  return isLoopbackName(name) || name === '::1';
}

function optionError(message) {
  const error = new TypeError(message);
  error.code = 'ERR_INVALID_OPTION';
  return error;
}

/**
 * Checks the `allowedHosts` option: an array of host names, each with or
 * without a port ("link.example.com", "link.example.com:8443",
 * "[2001:db8::1]"). Returns them parsed; throws ERR_INVALID_OPTION naming the bad entry.
 */
function parseAllowedHosts(value) {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > MAX_ALLOWED_HOSTS) {
    throw optionError(`allowedHosts must be an array of at most ${MAX_ALLOWED_HOSTS} host names such as "link.example.com" or "link.example.com:8443"`);
  }
  return value.map((entry) => {
    const parsed = parseHost(entry);
    if (!parsed) throw optionError(`allowedHosts: ${JSON.stringify(entry)} is not a host name (a name or address, optionally with ":port"; no scheme or path)`);
    return parsed;
  });
}

/** Is the request's Host this machine, or one the operator allowed? A listed name without a port allows any port. */
function hostAllowed(hostHeader, allowed) {
  const host = parseHost(hostHeader);
  if (!host) return false;
  if (isLoopbackName(host.name)) return true;
  return allowed.some((a) => a.name === host.name && (a.port === null || a.port === host.port));
}

module.exports = { parseAllowedHosts, hostAllowed, isLoopbackListenHost };
