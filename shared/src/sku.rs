use serde::{Deserialize, Serialize};

/// A stock keeping unit code: trimmed, upper-cased, 1 to 64 of `A-Z 0-9 - _ . /`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Sku(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not a valid SKU (1-64 letters, digits, '-', '_', '.', '/')")]
pub struct InvalidSku(pub String);

impl Sku {
    pub const MAX_LENGTH: usize = 64;

    pub fn parse(text: &str) -> Result<Sku, InvalidSku> {
        let normalized = text.trim().to_uppercase();
        let valid = !normalized.is_empty()
            && normalized.len() <= Self::MAX_LENGTH
            && normalized
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'));
        if valid {
            Ok(Sku(normalized))
        } else {
            Err(InvalidSku(text.chars().take(70).collect()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Sku {
    type Error = InvalidSku;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        Sku::parse(&text)
    }
}

impl From<Sku> for String {
    fn from(sku: Sku) -> String {
        sku.0
    }
}

impl std::fmt::Display for Sku {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skus_are_trimmed_and_upper_cased() {
        assert_eq!(
            Sku::parse(" gh-scr-0001 ").map(|s| s.as_str().to_owned()),
            Ok("GH-SCR-0001".to_owned())
        );
    }

    #[test]
    fn malformed_skus_are_refused() {
        for bad in ["", "   ", "A B", "A;DROP", "שלום", &"X".repeat(65), "A%"] {
            assert!(Sku::parse(bad).is_err(), "{bad}");
        }
    }
}
