// groupChat.getInviteCode(): WAWebMexFetchGroupInviteCodeJob, as whatsapp-web.js
// (src/structures/GroupChat.js:577-590); a ServerStatusCodeError (not an admin)
// gives null (undefined in JavaScript).
async function getInviteCode(groupId) {
  let answer;
  try {
    answer = await need('WAWebMexFetchGroupInviteCodeJob', 'fetchMexGroupInviteCode').fetchMexGroupInviteCode(groupId);
  } catch (error) {
    if (error && error.name === 'ServerStatusCodeError') return null;
    throw error;
  }
  return answer?.code ? answer.code : answer ?? null;
}
