// `client.info` after login: the connection's public fields and the account's wid.
// Without WAWebUserPrefsMeUser the wid is null (the warning after `ready` names it).
function readInfo() {
  const conn = need('WAWebConnModel', 'Conn.serialize').Conn.serialize();
  let wid = null;
  try {
    const me = need('WAWebUserPrefsMeUser', 'getMaybeMePnUser', 'getMaybeMeLidUser');
    wid = me.getMaybeMePnUser() || me.getMaybeMeLidUser();
  } catch (_) {
    wid = null;
  }
  const plainWid = wid
    ? { server: wid.server, user: wid.user, _serialized: wid._serialized || `${wid.user}@${wid.server}` }
    : null;
  return { pushname: conn.pushname ?? null, platform: conn.platform ?? null, wid: plainWid };
}
