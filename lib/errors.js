'use strict';
// Errors from the native side cross N-API as "[Kind:CODE] message"; here they become Error or
// TypeError objects with a stable `code` (src/errors.rs), for the Client and the session pool.

// Native errors cross N-API as "[Kind:CODE] message".
const WIRE_ERROR = /^\[(TypeError|Error):([A-Z0-9_]+)\] ([\s\S]*)$/;
function typed(error) {
  const match = error && typeof error.message === 'string' && WIRE_ERROR.exec(error.message);
  if (!match) return error;
  const result = match[1] === 'TypeError' ? new TypeError(match[3]) : new Error(match[3]);
  result.code = match[2];
  // WhatsApp's server refusing a call: its status also as a number (src/errors.rs ServerStatus).
  const status = result.code === 'ERR_SERVER_REFUSED' && /: (\d{3}) \(/.exec(result.message);
  if (status) result.status = Number(status[1]);
  return result;
}
function call(fn) {
  let result;
  try {
    result = fn();
  } catch (error) {
    throw typed(error);
  }
  return result && typeof result.then === 'function'
    ? result.catch((error) => {
        throw typed(error);
      })
    : result;
}

module.exports = { typed, call };
