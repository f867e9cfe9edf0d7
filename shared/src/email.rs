use serde::{Deserialize, Serialize};

/// A syntactically plausible e-mail address, trimmed and lower-cased so that one
/// mailbox has one spelling in the database.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not a valid e-mail address")]
pub struct InvalidEmail(pub String);

impl Email {
    pub const MAX_LENGTH: usize = 254;

    pub fn parse(text: &str) -> Result<Email, InvalidEmail> {
        let normalized = text.trim().to_lowercase();
        let invalid = || InvalidEmail(text.chars().take(80).collect());
        if normalized.len() > Self::MAX_LENGTH || normalized.chars().any(char::is_whitespace) {
            return Err(invalid());
        }
        let (local, domain) = normalized.split_once('@').ok_or_else(invalid)?;
        let domain_is_plausible = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains('@')
            && !domain.contains("..");
        if local.is_empty() || !domain_is_plausible {
            return Err(invalid());
        }
        Ok(Email(normalized))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Email {
    type Error = InvalidEmail;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        Email::parse(&text)
    }
}

impl From<Email> for String {
    fn from(email: Email) -> String {
        email.0
    }
}

impl std::fmt::Display for Email {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_trimmed_and_lower_cased() {
        let email = Email::parse("  Buyer@Demo.TEST ").map(|e| e.as_str().to_owned());
        assert_eq!(email, Ok("buyer@demo.test".to_owned()));
    }

    #[test]
    fn malformed_emails_are_refused() {
        for bad in [
            "",
            "buyer",
            "@demo.test",
            "buyer@",
            "buyer@demo",
            "a b@demo.test",
            "a@b@c.d",
            "a@.test",
            "a@demo..test",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad} should be refused");
        }
        assert!(Email::parse(&format!("{}@demo.test", "a".repeat(260))).is_err());
    }
}
