// `client.info` after login: the connection's public fields and the account's wid.
function readInfo() {
  const conn = window.require('WAWebConnModel').Conn.serialize();
  const me = window.require('WAWebUserPrefsMeUser');
  const wid = me.getMaybeMePnUser() || me.getMaybeMeLidUser();
  const plainWid = wid
    ? { server: wid.server, user: wid.user, _serialized: wid._serialized || `${wid.user}@${wid.server}` }
    : null;
  return { pushname: conn.pushname ?? null, platform: conn.platform ?? null, wid: plainWid };
}
