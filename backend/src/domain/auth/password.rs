//! Password hashing with argon2id (the crate's defaults: m=19 MiB, t=2, p=1, as OWASP
//! recommends). Hashing is CPU-heavy, so it runs on the blocking pool.

use std::sync::OnceLock;

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};

use crate::domain::DomainError;

pub use super::policy::check_new_password;

pub async fn hash(password: String) -> Result<String, DomainError> {
    tokio::task::spawn_blocking(move || hash_blocking(&password))
        .await
        .map_err(DomainError::internal)?
}

fn hash_blocking(password: &str) -> Result<String, DomainError> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|hash| hash.to_string())
        .map_err(|error| DomainError::internal(anyhow::anyhow!("argon2 hashing failed: {error}")))
}

/// Verifies `password` against `stored_hash`, or against a dummy hash when there is no
/// user, so that an unknown e-mail costs the same time as a wrong password.
pub async fn verify(password: String, stored_hash: Option<String>) -> Result<bool, DomainError> {
    tokio::task::spawn_blocking(move || {
        let hash = stored_hash.as_deref().unwrap_or_else(|| dummy_hash());
        let matches = verify_blocking(&password, hash);
        matches && stored_hash.is_some()
    })
    .await
    .map_err(DomainError::internal)
}

fn verify_blocking(password: &str, hash: &str) -> bool {
    match PasswordHash::new(hash) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(error) => {
            tracing::error!(%error, "a stored password hash cannot be parsed");
            false
        }
    }
}

/// A real argon2id hash of a random password with the same parameters as real
/// hashes; computed once (call [`warm_up`] at start-up so the first login is not
/// slower for unknown e-mails).
fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        let random_password = super::token::random_secret();
        hash_blocking(&random_password).unwrap_or_default()
    })
}

pub async fn warm_up() {
    let _ = tokio::task::spawn_blocking(dummy_hash).await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_its_password_only() {
        let stored = hash("correct horse battery".to_owned()).await.ok();
        assert!(
            stored
                .as_deref()
                .is_some_and(|h| h.starts_with("$argon2id$"))
        );
        assert_eq!(
            verify("correct horse battery".to_owned(), stored.clone())
                .await
                .ok(),
            Some(true)
        );
        assert_eq!(
            verify("wrong horse battery".to_owned(), stored).await.ok(),
            Some(false)
        );
    }

    #[tokio::test]
    async fn no_user_never_verifies() {
        assert_eq!(
            verify("anything at all".to_owned(), None).await.ok(),
            Some(false)
        );
    }
}
