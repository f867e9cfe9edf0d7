//! Typed IDs: a `CompanyId` can never be passed where a `UserId` is expected.

use serde::{Deserialize, Serialize};

macro_rules! typed_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl $name {
            /// Parses the decimal form used in GraphQL `ID`s.
            pub fn parse(text: &str) -> Option<Self> {
                text.trim().parse::<i64>().ok().filter(|id| *id > 0).map(Self)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    };
}

typed_id!(
    /// A customer company.
    CompanyId
);
typed_id!(
    /// A user: supplier staff or a customer company's user.
    UserId
);
typed_id!(
    /// An invitation to create a user of a company.
    InvitationId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_parse_only_positive_integers() {
        assert_eq!(CompanyId::parse("42"), Some(CompanyId(42)));
        assert_eq!(UserId::parse(" 7 "), Some(UserId(7)));
        assert_eq!(CompanyId::parse("0"), None);
        assert_eq!(CompanyId::parse("-1"), None);
        assert_eq!(CompanyId::parse("abc"), None);
        assert_eq!(CompanyId::parse("1; DROP TABLE users"), None);
    }
}
