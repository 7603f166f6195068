//! WhatsApp Business: customer notes (`addOrEditCustomerNote`, `getCustomerNote`), orders
//! (`Message.getOrder`, `Product.getData`) and payments (`Message.getPayment`), with
//! whatsapp-web.js 1.34.7's names and shapes (src/Client.js addOrEditCustomerNote /
//! getCustomerNote, src/structures/Chat.js, Message.js getOrder/getPayment, Order.js, Product.js,
//! ProductMetadata.js, Payment.js; main 2dc9466 src/Client.js:3333-3398). The page
//! functions are src/page/business/*.js; a business contact's profile comes with the contact
//! (src/page/business/profile.js, src/contact.rs).
//!
//! Where whatsapp-web.js quietly does nothing (adding) or answers null (reading) on an account
//! that is not WhatsApp Business, here it is ERR_NOT_SUPPORTED: the note was not kept.

use serde_json::{json, Value};

use super::{AccountCall, Method};
use crate::errors::ClientError;
use crate::wid;

pub(super) const METHODS: &[Method] = &[
    ("addOrEditCustomerNote", |args| {
        let user = customer_id(&args.get(0))?;
        let note = match args.get(1) {
            Value::String(s) if s.chars().count() <= MAX_NOTE => s,
            Value::String(_) => return Err(ClientError::InvalidArgument { name: "note".into(), reason: format!("at most {MAX_NOTE} characters") }),
            other => return Err(ClientError::InvalidArgument { name: "note".into(), reason: format!("must be a string, got {}", crate::options::describe(&other)) }),
        };
        Ok(AccountCall::new("saving a customer note", ADD_NOTE, vec![json!(user), json!(note)]).answer(|raw| {
            not_business(&raw, "addOrEditCustomerNote")?;
            match raw.get("ok") {
                Some(Value::Bool(true)) => Ok(Value::Null),
                _ => Err(bad_answer("an unknown verdict on addOrEditCustomerNote")),
            }
        }))
    }),
    ("getCustomerNote", |args| {
        let user = customer_id(&args.get(0))?;
        Ok(AccountCall::new("reading a customer note", GET_NOTE, vec![json!(user)]).answer(|raw| {
            not_business(&raw, "getCustomerNote")?;
            match raw.get("note") {
                Some(Value::Null) => Ok(Value::Null),
                Some(note) => customer_note(note),
                None => Err(bad_answer("an unknown answer to getCustomerNote")),
            }
        }))
    }),
    ("getOrder", |args| {
        let id = super::messages::message_id(&args.get(0), "messageId")?;
        Ok(AccountCall::new("reading an order", GET_ORDER, vec![json!(id)]).answer(|raw| {
            if let Some(none) = not_found(&raw) {
                return none;
            }
            match raw.get("order") {
                Some(Value::Null) => Ok(Value::Null),
                Some(order) => order_of(order),
                None => Err(bad_answer("an unknown answer to getOrder")),
            }
        }))
    }),
    ("getProductMetadata", |args| {
        let id = match args.get(0) {
            Value::String(s) if (1..=64).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-') => s,
            other => return Err(ClientError::InvalidArgument { name: "productId".into(), reason: format!("a product id must be a string like \"123456789\", got {}", crate::options::describe(&other)) }),
        };
        Ok(AccountCall::new("reading a product", PRODUCT, vec![json!(id)]).answer(|raw| match raw {
            Value::Null => Ok(Value::Null),
            data => product_metadata(&data),
        }))
    }),
    ("getPayment", |args| {
        let id = super::messages::message_id(&args.get(0), "messageId")?;
        Ok(AccountCall::new("reading a payment", GET_PAYMENT, vec![json!(id)]).answer(|raw| {
            if let Some(none) = not_found(&raw) {
                return none;
            }
            match raw.get("payment") {
                Some(payment) if payment.is_object() => payment_of(payment),
                _ => Err(bad_answer("an unknown answer to getPayment")),
            }
        }))
    }),
];

const GET_ORDER: &str = page_fn!("business/get_order.js");
const PRODUCT: &str = page_fn!("business/product.js");
const GET_PAYMENT: &str = page_fn!("business/get_payment.js");
const ADD_NOTE: &str = page_fn!("business/add_note.js");
const GET_NOTE: &str = page_fn!("business/get_note.js");

/// A customer note's length at most (the simulator's bound for a text; WhatsApp's is not known).
const MAX_NOTE: usize = 65536;

/// A customer's id: a person's chat, `<digits>@c.us` (a note belongs to a person's chat).
fn customer_id(value: &Value) -> Result<String, ClientError> {
    let id = wid::chat_id(value)?;
    if id.ends_with("@c.us") {
        Ok(id)
    } else {
        Err(ClientError::InvalidChatId(format!("{id:?} is not a person's chat: a customer note belongs to a \"<digits>@c.us\" chat")))
    }
}

fn not_business(raw: &Value, method: &str) -> Result<(), ClientError> {
    if raw.get("notBusiness") == Some(&Value::Bool(true)) {
        return Err(ClientError::NotSupported(format!("{method}: customer notes are for WhatsApp Business accounts only; this account is not one")));
    }
    Ok(())
}

fn bad_answer(why: &str) -> ClientError {
    ClientError::PageScript(format!("the page answered with {why}"))
}

/// whatsapp-web.js's note: `{ chatId, content, createdAt, id, modifiedAt, type }`.
fn customer_note(raw: &Value) -> Result<Value, ClientError> {
    let text = |key: &str| raw.get(key).and_then(Value::as_str).map(str::to_owned);
    let time = |key: &str| raw.get(key).filter(|t| t.is_number()).cloned();
    match (text("chatId"), text("content"), time("createdAt"), text("id"), time("modifiedAt"), text("type")) {
        (Some(chat_id), Some(content), Some(created), Some(id), Some(modified), Some(kind)) => {
            Ok(json!({ "chatId": chat_id, "content": content, "createdAt": created, "id": id, "modifiedAt": modified, "type": kind }))
        }
        _ => Err(bad_answer("a malformed customer note")),
    }
}

/// The page's answer when the message is not there (ERR_MESSAGE_NOT_FOUND) or is not an order or
/// payment (undefined, as in whatsapp-web.js).
fn not_found(raw: &Value) -> Option<Result<Value, ClientError>> {
    if raw.get("noMessage") == Some(&Value::Bool(true)) {
        return Some(Err(ClientError::MessageNotFound("the message".into())));
    }
    if raw.get("notOrder") == Some(&Value::Bool(true)) || raw.get("notPayment") == Some(&Value::Bool(true)) {
        return Some(Ok(Value::Null));
    }
    None
}

fn text_or_null(raw: &Value, key: &str) -> Result<Value, ClientError> {
    match raw.get(key) {
        None | Some(Value::Null) => Ok(Value::Null),
        Some(Value::String(s)) => Ok(Value::String(s.clone())),
        Some(Value::Number(n)) => Ok(Value::String(n.to_string())),
        Some(_) => Err(bad_answer(&format!("a malformed {key}"))),
    }
}

fn number_or_null(raw: &Value, key: &str) -> Result<Value, ClientError> {
    match raw.get(key) {
        None | Some(Value::Null) => Ok(Value::Null),
        Some(Value::Number(n)) => Ok(Value::Number(n.clone())),
        Some(_) => Err(bad_answer(&format!("a malformed {key}"))),
    }
}

/// whatsapp-web.js's Order data: `{ products, subtotal, total, currency, createdAt, sellerJid }`
/// (prices as text), each product `{ id, price, thumbnailUrl, currency, name, quantity }`.
fn order_of(raw: &Value) -> Result<Value, ClientError> {
    let products = raw.get("products").and_then(Value::as_array).ok_or_else(|| bad_answer("an order without products"))?;
    let products = products
        .iter()
        .map(|p| {
            let id = text_or_null(p, "id")?;
            if id.is_null() {
                return Err(bad_answer("a product without an id"));
            }
            Ok(json!({
                "id": id,
                "price": text_or_null(p, "price")?,
                "thumbnailUrl": text_or_null(p, "thumbnailUrl")?,
                "currency": text_or_null(p, "currency")?,
                "name": text_or_null(p, "name")?,
                "quantity": number_or_null(p, "quantity")?,
            }))
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(json!({
        "products": products,
        "subtotal": text_or_null(raw, "subtotal")?,
        "total": text_or_null(raw, "total")?,
        "currency": text_or_null(raw, "currency")?,
        "createdAt": number_or_null(raw, "createdAt")?,
        "sellerJid": text_or_null(raw, "sellerJid")?,
    }))
}

/// whatsapp-web.js's ProductMetadata data: `{ id, retailer_id, name, description }`.
fn product_metadata(raw: &Value) -> Result<Value, ClientError> {
    let id = text_or_null(raw, "id")?;
    if id.is_null() {
        return Err(bad_answer("a product without an id"));
    }
    Ok(json!({ "id": id, "retailer_id": text_or_null(raw, "retailer_id")?, "name": text_or_null(raw, "name")?, "description": text_or_null(raw, "description")? }))
}

/// whatsapp-web.js's Payment data: the message's key as `id` (its remote a wid object), the
/// receiver as a wid object, and the payment's fields.
fn payment_of(raw: &Value) -> Result<Value, ClientError> {
    let wid = |v: Option<&Value>| v.and_then(Value::as_str).and_then(crate::wid::Wid::parse).map(|w| w.to_value());
    let key = raw.get("id").ok_or_else(|| bad_answer("a payment without an id"))?;
    let remote = wid(key.get("remote")).ok_or_else(|| bad_answer("a payment whose id has no chat"))?;
    let (Some(fresh), Some(serialized)) = (key.get("id").and_then(Value::as_str), key.get("_serialized").and_then(Value::as_str)) else {
        return Err(bad_answer("a malformed payment id"));
    };
    Ok(json!({
        "id": { "fromMe": key.get("fromMe").and_then(Value::as_bool).unwrap_or(false), "remote": remote, "id": fresh, "_serialized": serialized },
        "paymentCurrency": text_or_null(raw, "paymentCurrency")?,
        "paymentAmount1000": number_or_null(raw, "paymentAmount1000")?,
        "paymentMessageReceiverJid": wid(raw.get("paymentMessageReceiverJid")).unwrap_or(Value::Null),
        "paymentTransactionTimestamp": number_or_null(raw, "paymentTransactionTimestamp")?,
        "paymentStatus": number_or_null(raw, "paymentStatus")?,
        "paymentTxnStatus": number_or_null(raw, "paymentTxnStatus")?,
        "paymentNote": text_or_null(raw, "paymentNote")?,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_and_ids() {
        assert_eq!(customer_id(&json!("15551234567@c.us")).unwrap(), "15551234567@c.us");
        assert!(matches!(customer_id(&json!("123-456@g.us")), Err(ClientError::InvalidChatId(_))));
        assert!(matches!(customer_id(&json!(5)), Err(ClientError::InvalidChatId(_))));
        assert!(matches!(not_business(&json!({ "notBusiness": true }), "x"), Err(ClientError::NotSupported(_))));
        let note = json!({ "chatId": "1555@c.us", "content": "hi", "createdAt": 1, "id": "A", "modifiedAt": 2, "type": "unstructured" });
        assert_eq!(customer_note(&note).unwrap(), note);
        assert!(customer_note(&json!({ "chatId": "1555@c.us" })).is_err());
    }

    #[test]
    fn orders_and_payments() {
        let order = order_of(&json!({ "products": [{ "id": "7", "price": "1500", "currency": "USD", "name": "Rye", "quantity": 2 }], "subtotal": "3000", "total": "3000", "currency": "USD", "createdAt": 5 })).unwrap();
        assert_eq!(order["products"][0]["thumbnailUrl"], Value::Null);
        assert_eq!(order["total"], "3000");
        assert!(order_of(&json!({ "products": [{ "price": "1" }] })).is_err());
        assert!(matches!(not_found(&json!({ "noMessage": true })), Some(Err(ClientError::MessageNotFound(_)))));
        assert_eq!(not_found(&json!({ "notPayment": true })).unwrap().unwrap(), Value::Null);
        let payment = payment_of(&json!({ "id": { "fromMe": false, "remote": "1555@c.us", "id": "A", "_serialized": "false_1555@c.us_A" }, "paymentAmount1000": 1000, "paymentMessageReceiverJid": "1666@c.us" })).unwrap();
        assert_eq!(payment["id"]["remote"]["user"], "1555");
        assert_eq!(payment["paymentMessageReceiverJid"]["_serialized"], "1666@c.us");
        assert!(payment_of(&json!({ "id": 1 })).is_err());
    }
}
