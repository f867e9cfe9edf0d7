use serde::{Deserialize, Serialize};

/// The languages of the UI. Hebrew is written right to left.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    He,
    En,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::He, Language::En];

    /// The BCP 47 code, also stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            Language::He => "he",
            Language::En => "en",
        }
    }

    pub fn parse(code: &str) -> Option<Language> {
        Language::ALL
            .into_iter()
            .find(|language| language.code() == code)
    }

    pub fn is_right_to_left(self) -> bool {
        self == Language::He
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hebrew_is_right_to_left_and_codes_round_trip() {
        assert!(Language::He.is_right_to_left());
        assert!(!Language::En.is_right_to_left());
        for language in Language::ALL {
            assert_eq!(Language::parse(language.code()), Some(language));
        }
        assert_eq!(Language::parse("fr"), None);
    }
}
