//! Which WhatsApp Web internals the client uses are missing from the live page
//! (`client.getPageSupport()`, the warning after `ready`, and the login's own
//! check 30 s after the page loaded). src/page/internals.json is the one table
//! of internals and the features each one carries; the page only reads, never
//! calls, and its answer is checked against that table before it is believed.

use std::sync::OnceLock;
use std::time::Duration;

use serde::Deserialize;
use serde_json::{json, Value};

use super::{commands::call, PageHandle};
use crate::errors::ClientError;
use crate::session::MissingInternal;

const TABLE_JSON: &str = include_str!("../page/internals.json");
const PAGE_SUPPORT_JS: &str = include_str!("../page/page_support.js");

/// One row of internals.json: members of a module (a trailing `()`: a function)
/// and what stops working without them.
#[derive(Debug, Deserialize)]
pub(crate) struct Row {
    pub module: String,
    pub members: Vec<String>,
    #[serde(default)]
    pub login: bool,
    pub features: Vec<String>,
}

#[derive(Deserialize)]
struct Table {
    internals: Vec<Row>,
}

pub(crate) fn table() -> &'static [Row] {
    static TABLE: OnceLock<Vec<Row>> = OnceLock::new();
    TABLE.get_or_init(|| serde_json::from_str::<Table>(TABLE_JSON).expect("src/page/internals.json is valid").internals)
}

/// The rows a name the page gave covers: a whole module's, or one member's.
fn rows_of(name: &str) -> Vec<&'static Row> {
    table()
        .iter()
        .filter(|row| {
            row.module == name
                || name.strip_prefix(row.module.as_str()).and_then(|rest| rest.strip_prefix('.')).is_some_and(|member| {
                    row.members.iter().any(|m| m.strip_suffix("()").unwrap_or(m) == member)
                })
        })
        .collect()
}

/// The names the page reported, each checked against the table (anything else
/// is not ours to report), with the features they carry.
pub(crate) fn missing_of(names: &Value) -> Result<Vec<MissingInternal>, ClientError> {
    let names = names.as_array().ok_or_else(|| ClientError::PageScript("the page support check did not answer with a list".into()))?;
    let mut missing: Vec<MissingInternal> = Vec::new();
    for name in names.iter().filter_map(Value::as_str) {
        let rows = rows_of(name);
        if rows.is_empty() || missing.iter().any(|m| m.internal == name) {
            crate::debug_log!("page support: ignored {:?}", name.chars().take(80).collect::<String>());
            continue;
        }
        let mut features: Vec<String> = Vec::new();
        for feature in rows.iter().flat_map(|row| row.features.iter()) {
            if !features.contains(feature) {
                features.push(feature.clone());
            }
        }
        missing.push(MissingInternal { internal: name.to_string(), features, login: rows.iter().any(|row| row.login) });
    }
    Ok(missing)
}

/// Checks the live page against the table.
pub async fn check(page: &PageHandle) -> Result<Vec<MissingInternal>, ClientError> {
    let rows: Vec<Value> = table().iter().map(|row| json!({ "module": row.module, "members": row.members })).collect();
    let answer = call(page, "checking the page's internals", PAGE_SUPPORT_JS, vec![Value::Array(rows)], Duration::from_secs(20)).await?;
    missing_of(&answer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_reads_and_names_what_need_names() {
        assert!(table().len() > 50);
        assert!(table().iter().all(|row| crate::errors::is_internal_name(&row.module)));
        for row in table() {
            for member in &row.members {
                let name = format!("{}.{}", row.module, member.strip_suffix("()").unwrap_or(member));
                assert!(crate::errors::is_internal_name(&name), "{name}");
            }
        }
    }

    #[test]
    fn a_missing_module_carries_the_features_of_all_its_members() {
        let missing = missing_of(&json!(["WAWebAltDeviceLinkingApi"])).unwrap();
        assert_eq!(missing.len(), 1);
        let features = &missing[0].features;
        assert!(features.contains(&"requestPairingCode".to_string()) && features.contains(&"cancelPairingCode".to_string()), "{features:?}");
        assert!(!missing[0].login);
        let missing = missing_of(&json!(["WAWebSendReactionMsgAction.sendReactionToMsg"])).unwrap();
        assert_eq!(missing[0].features, vec!["sendReaction", "Message.react"]);
    }

    #[test]
    fn the_pages_answer_is_checked_against_the_table() {
        let missing = missing_of(&json!(["WAWebConnModel", "NotOurs", "WAWebConnModel.Other", "<script>", 3, "WAWebConnModel", "Debug.VERSION"])).unwrap();
        let names: Vec<_> = missing.iter().map(|m| m.internal.as_str()).collect();
        assert_eq!(names, vec!["WAWebConnModel", "Debug.VERSION"]);
        assert!(missing.iter().all(|m| m.login));
        assert!(missing_of(&json!({ "a": 1 })).is_err());
    }
}
