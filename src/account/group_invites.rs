//! Private group invites (`groups_v4_invite` messages): `client.acceptGroupV4Invite(inviteInfo)`
//! and `msg.acceptGroupV4Invite()`, as whatsapp-web.js main (src/Client.js:1918-1940,
//! src/structures/Message.js:483-489). The invite's fields are checked here, before anything
//! reaches the page; the page function is src/page/groups/accept_invite_v4.js.

use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{json, Value};

use super::{invalid, AccountCall, Args, Method};
use crate::errors::ClientError;
use crate::wid;

pub(super) const METHODS: &[Method] = &[("acceptGroupV4Invite", accept_v4)];

const ACCEPT_V4: &str = page_fn!("groups/accept_invite_v4.js", "server_refusal.js");

/// The longest invite code taken (WhatsApp's are about 22 characters).
const MAX_CODE: usize = 64;

/// `inviteInfo` is `msg.inviteV4`: `{ inviteCode, inviteCodeExp, groupId, fromId, ... }`.
fn accept_v4(args: &Args) -> Result<AccountCall, ClientError> {
    let info = args.get(0);
    let Value::Object(info) = info else {
        return Err(invalid("inviteInfo", format!("must be the message's inviteV4 object, got {}", crate::options::describe(&info))));
    };
    let field = |name: &str| info.get(name).cloned().unwrap_or(Value::Null);
    // As whatsapp-web.js: no code is refused first, then an expiry of 0.
    let code = match field("inviteCode") {
        Value::String(c) if !c.is_empty() && c.len() <= MAX_CODE && c.bytes().all(|b| b.is_ascii_alphanumeric() || b"+/=_-".contains(&b)) => c,
        _ => return Err(invalid("inviteInfo.inviteCode", "Invalid invite code, try passing the message.inviteV4 object".into())),
    };
    let expiration = match field("inviteCodeExp") {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.parse::<u64>().ok(),
        _ => None,
    }
    .ok_or_else(|| invalid("inviteInfo.inviteCodeExp", "must be the invite's expiry in Unix seconds".into()))?;
    // whatsapp-web.js refuses 0; an expiry already past is refused too, as whatsmeow's
    // JoinGroupWithInvite does (ErrInviteExpired), with nothing sent.
    let now = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    if expiration == 0 || expiration <= now {
        return Err(invalid("inviteInfo.inviteCodeExp", "Expired invite code".into()));
    }
    let group = super::groups::group_id(&field("groupId")).map_err(|e| invalid("inviteInfo.groupId", e.to_string()))?;
    let from = wid::person_id(&field("fromId")).map_err(|e| invalid("inviteInfo.fromId", e.to_string()))?;
    Ok(AccountCall::new("accepting a private group invite", ACCEPT_V4, vec![json!(code), json!(expiration.to_string()), json!(group), json!(from)]).answer(|raw| {
        let status = raw.get("status").and_then(Value::as_i64).ok_or_else(|| ClientError::PageScript("the page answered without a status".into()))?;
        Ok(json!({ "status": status }))
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::account::AccountCall;

    fn call(info: Value) -> Result<AccountCall, ClientError> {
        AccountCall::parse("acceptGroupV4Invite", &json!([info]))
    }

    #[test]
    fn checks_the_invite_before_the_page() {
        let later = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs() + 3600;
        let good = json!({ "inviteCode": "AbC_d-9", "inviteCodeExp": later, "groupId": "120363000000000001@g.us", "fromId": "15557654321@c.us" });
        assert_eq!(call(good.clone()).unwrap().args(), [json!("AbC_d-9"), json!(later.to_string()), json!("120363000000000001@g.us"), json!("15557654321@c.us")]);
        let code = |v: Value| call(v).unwrap_err().to_string();
        assert!(code(Value::Null).contains("inviteV4"));
        let mut no_code = good.clone();
        no_code["inviteCode"] = json!("");
        assert!(code(no_code).contains("Invalid invite code"));
        for exp in [json!(0), json!(1_000_000), json!("x")] {
            let mut expired = good.clone();
            expired["inviteCodeExp"] = exp;
            assert_eq!(call(expired).unwrap_err().code(), "ERR_INVALID_ARGUMENT");
        }
        let mut person = good.clone();
        person["groupId"] = json!("15557654321@c.us");
        assert_eq!(call(person).unwrap_err().code(), "ERR_INVALID_ARGUMENT");
        assert_eq!(call(good).unwrap().read(json!({ "status": 200, "x": 1 })).unwrap(), json!({ "status": 200 }));
    }
}
