//! Phone numbers for pairing-code login.
//!
//! WhatsApp wants digits only, country code first, no `+`, no trunk `0`.
//! People paste numbers as they see them (`+44 (7911) 123-456`), so the
//! usual separators are stripped; anything else is refused before a byte
//! reaches the page.

use crate::errors::ClientError;

/// A phone number already checked to be 7–15 digits without a leading 0.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneNumber(String);

impl PhoneNumber {
    pub const MIN_DIGITS: usize = 7;
    pub const MAX_DIGITS: usize = 15;

    pub fn parse(input: &str) -> Result<Self, ClientError> {
        let trimmed = input.trim();
        let body = trimmed.strip_prefix('+').unwrap_or(trimmed);
        let mut digits = String::with_capacity(body.len());
        for c in body.chars() {
            match c {
                '0'..='9' => digits.push(c),
                ' ' | '-' | '.' | '(' | ')' => {}
                other => return Err(ClientError::PhoneNumberInvalidCharacter(other)),
            }
        }
        if digits.len() < Self::MIN_DIGITS {
            return Err(ClientError::PhoneNumberTooShort(digits.len()));
        }
        if digits.len() > Self::MAX_DIGITS {
            return Err(ClientError::PhoneNumberTooLong(digits.len()));
        }
        if digits.starts_with('0') {
            return Err(ClientError::PhoneNumberLeadingZero);
        }
        Ok(PhoneNumber(digits))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_international_forms() {
        for input in ["15551234567", "+1 555 123 4567", "+44 (7911) 123-456", "49.30.1234567", " 5511955501234 "] {
            let p = PhoneNumber::parse(input).unwrap();
            assert!(p.as_str().chars().all(|c| c.is_ascii_digit()), "{input}");
        }
        assert_eq!(PhoneNumber::parse("+1 (555) 123-4567").unwrap().as_str(), "15551234567");
    }

    #[test]
    fn refuses_with_named_errors() {
        assert_eq!(PhoneNumber::parse("123456"), Err(ClientError::PhoneNumberTooShort(6)));
        assert_eq!(PhoneNumber::parse(""), Err(ClientError::PhoneNumberTooShort(0)));
        assert_eq!(PhoneNumber::parse("1234567890123456"), Err(ClientError::PhoneNumberTooLong(16)));
        assert_eq!(PhoneNumber::parse("07911123456"), Err(ClientError::PhoneNumberLeadingZero));
        assert_eq!(PhoneNumber::parse("++15551234567"), Err(ClientError::PhoneNumberInvalidCharacter('+')));
        assert_eq!(
            PhoneNumber::parse("1'); alert(1); //"),
            Err(ClientError::PhoneNumberInvalidCharacter('\''))
        );
        assert_eq!(PhoneNumber::parse("1555123456７"), Err(ClientError::PhoneNumberInvalidCharacter('７')));
    }
}
