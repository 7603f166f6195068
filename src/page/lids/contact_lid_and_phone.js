// client.getContactLidAndPhone(ids): each id's LID and phone number, as
// whatsapp-web.js main 2dc9466 finds them (src/util/Injected/Utils.js:1694-1722,
// enforceLidAndPnRetrieval): what WAWebApiContact knows (getCurrentLid,
// getPhoneNumber), else WAWebQueryExistsJob.queryWidExists asks the server, after
// which WAWebApiContact is asked again. Returns [{ lid, pn }] (wid texts or null).
async function contactLidAndPhone(userIds) {
  const M = accountModels();
  const Api = need('WAWebApiContact', 'getCurrentLid', 'getPhoneNumber');
  const exists = async (wid) => Boolean((await need('WAWebQueryExistsJob', 'queryWidExists').queryWidExists(wid))?.wid);
  const one = async (userId) => {
    const wid = M.WidFactory.createWid(userId);
    const isLid = wid.server === 'lid';
    let lid = isLid ? wid : Api.getCurrentLid(wid);
    let pn = isLid ? Api.getPhoneNumber(wid) : wid;
    if (!isLid && !lid) {
      if (!(await exists(wid))) return { lid: null, pn: null };
      lid = Api.getCurrentLid(wid);
    }
    if (isLid && !pn) {
      if (!(await exists(wid))) return { lid: null, pn: null };
      pn = Api.getPhoneNumber(wid);
    }
    return { lid: lid ? M.text(lid) : null, pn: pn ? M.text(pn) : null };
  };
  return Promise.all(userIds.map(one));
}
