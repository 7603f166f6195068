//! whatsapp-web-rs: the login and session layer of whatsapp-web.js, in Rust.

pub mod errors;
pub mod phone;
pub mod session;
