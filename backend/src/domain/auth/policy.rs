//! The password policy, applied whenever a password is set (a user created by a
//! company admin, a change, a reset), never at sign-in: existing passwords (the demo
//! users' `demo-password`) keep working.
//!
//! A password must have 10 to 128 characters, must not be the account's e-mail, and
//! must not be one of the 20,000 most common passwords of that length
//! (`backend/assets/common-passwords.txt`, see its README for where it comes from),
//! compared in lower case.

use std::collections::HashSet;
use std::sync::OnceLock;

use crate::domain::DomainError;

pub const MIN_PASSWORD_LENGTH: usize = 10;
pub const MAX_PASSWORD_LENGTH: usize = 128;

const COMMON_PASSWORDS: &str = include_str!("../../../assets/common-passwords.txt");

/// The bundled list, built once.
fn common_passwords() -> &'static HashSet<&'static str> {
    static LIST: OnceLock<HashSet<&'static str>> = OnceLock::new();
    LIST.get_or_init(|| {
        COMMON_PASSWORDS
            .lines()
            .map(str::trim_end)
            .filter(|line| !line.is_empty())
            .collect()
    })
}

/// Whether `password` is on the bundled list of common passwords (in any case).
pub fn is_common(password: &str) -> bool {
    common_passwords().contains(password.to_lowercase().as_str())
}

/// Checks a new password of the account with `email`; the error says what to do.
pub fn check_new_password(password: &str, email: &str) -> Result<(), DomainError> {
    let length = password.chars().count();
    if length < MIN_PASSWORD_LENGTH {
        return Err(DomainError::bad_input(format!(
            "The password must have at least {MIN_PASSWORD_LENGTH} characters: a few unrelated words make a long password that is easy to remember"
        )));
    }
    if length > MAX_PASSWORD_LENGTH {
        return Err(DomainError::bad_input(format!(
            "The password must have at most {MAX_PASSWORD_LENGTH} characters"
        )));
    }
    if password.trim().eq_ignore_ascii_case(email.trim()) {
        return Err(DomainError::bad_input(
            "The password must not be your e-mail address: choose something else",
        ));
    }
    if is_common(password) {
        return Err(DomainError::bad_input(
            "This password is one of the most common passwords and easy to guess: choose a less common one",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const EMAIL: &str = "buyer@demo.test";

    fn refused(password: &str) -> bool {
        check_new_password(password, EMAIL).is_err()
    }

    #[test]
    fn short_and_huge_passwords_are_refused() {
        assert!(refused("short"));
        assert!(refused("nine char"));
        assert!(!refused("ten chars!"));
        assert!(!refused(&"x7".repeat(64)));
        assert!(refused(&("x7".repeat(64) + "y")));
    }

    #[test]
    fn the_email_is_refused_in_any_case() {
        assert!(refused(EMAIL));
        assert!(refused("Buyer@Demo.Test"));
    }

    #[test]
    fn common_passwords_are_refused_in_any_case() {
        assert!(common_passwords().len() > 10_000);
        assert!(refused("qwertyuiop"));
        assert!(refused("QwertyUIOP"));
        assert!(refused("1234567890"));
        assert!(!refused("harbour lantern cobalt"));
    }

    #[test]
    fn the_list_holds_only_what_the_length_rule_would_let_through() {
        assert!(common_passwords().iter().all(|password| {
            (MIN_PASSWORD_LENGTH..=MAX_PASSWORD_LENGTH).contains(&password.chars().count())
                && password.to_lowercase() == *password
        }));
    }

    #[test]
    fn the_demo_password_is_not_common() {
        assert!(!is_common("demo-password"));
    }
}
