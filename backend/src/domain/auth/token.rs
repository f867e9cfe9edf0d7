//! Short-lived access tokens: HS256 JWTs with an explicit algorithm, expiry, issuer and
//! audience, all checked on the way in.
//!
//! Every token names its signing key in the `kid` header, so the key can be rotated
//! without logging everyone out: the server signs with the current key and still
//! verifies with the previous ones until their tokens have expired.

use base64::Engine;
use chrono::{Duration, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, errors::ErrorKind};
use rand::Rng;
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use shared::UserId;

use super::session::SessionId;

pub const ISSUER: &str = "wholesale-portal";
pub const AUDIENCE: &str = "wholesale-portal-web";
/// Signed download links (invoice PDFs, statements): a different audience, so a link's
/// token never works as a session and a session token never as a link.
pub const DOWNLOAD_AUDIENCE: &str = "wholesale-portal-download";
/// How long a signed download link works.
pub const DOWNLOAD_LINK_MINUTES: i64 = 10;
const ALGORITHM: Algorithm = Algorithm::HS256;

#[derive(Debug, Serialize, Deserialize)]
pub struct Claims {
    /// The user's id.
    pub sub: String,
    pub iss: String,
    pub aud: String,
    pub iat: i64,
    pub exp: i64,
    /// The session the token belongs to: every request checks that it is still open,
    /// so logging out ends the token at once. Required: a token without it is refused
    /// (optional here only so that an expired old token still says it expired).
    #[serde(default)]
    pub sid: Option<i64>,
}

/// What a valid access token names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Verified {
    pub user: UserId,
    pub session: SessionId,
}

/// The claims of a signed download link: who may download which resource, until when.
#[derive(Debug, Serialize, Deserialize)]
pub struct DownloadClaims {
    pub sub: String,
    pub iss: String,
    pub aud: String,
    pub iat: i64,
    pub exp: i64,
    /// The one resource the link opens, e.g. `invoice:42`.
    pub res: String,
}

/// The signing and verifying keys, built once from the configured secrets.
#[derive(Clone)]
pub struct TokenKeys {
    /// Signs every new token.
    current: SigningKey,
    /// The current secret, for keyed hashes of link tokens ([`TokenKeys::link_token`]).
    link_secret: SecretString,
    /// Still verify the tokens they signed before a rotation.
    previous: Vec<SigningKey>,
    lifetime: Duration,
}

#[derive(Clone)]
struct SigningKey {
    /// The `kid` of the tokens this key signs: a fingerprint of the secret.
    id: String,
    encoding: EncodingKey,
    decoding: DecodingKey,
}

impl SigningKey {
    fn new(secret: &SecretString) -> SigningKey {
        let bytes = secret.expose_secret().as_bytes();
        SigningKey {
            id: key_id(secret),
            encoding: EncodingKey::from_secret(bytes),
            decoding: DecodingKey::from_secret(bytes),
        }
    }
}

/// A key's public name: 72 bits of a domain-separated SHA-256 of the secret, enough to
/// tell a handful of keys apart and useless for recovering a random secret.
pub fn key_id(secret: &SecretString) -> String {
    let mut hasher = Sha256::new();
    hasher.update(b"wholesale-portal signing key id\0");
    hasher.update(secret.expose_secret().as_bytes());
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&hasher.finalize()[..9])
}

/// Why a presented token was refused; the messages are safe to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenRejection {
    Expired,
    Invalid,
}

impl TokenRejection {
    pub fn message(self) -> &'static str {
        match self {
            TokenRejection::Expired => "Your session has expired; sign in again",
            TokenRejection::Invalid => "The session token is not valid; sign in again",
        }
    }
}

impl TokenKeys {
    pub fn new(secret: &SecretString, lifetime_minutes: i64) -> TokenKeys {
        TokenKeys {
            current: SigningKey::new(secret),
            link_secret: secret.clone(),
            previous: Vec::new(),
            lifetime: Duration::minutes(lifetime_minutes),
        }
    }

    /// Also accepts the tokens signed with `previous` secrets (a rotation in progress).
    pub fn accepting_previous(mut self, previous: &[SecretString]) -> TokenKeys {
        self.previous = previous.iter().map(SigningKey::new).collect();
        self
    }

    fn header(&self) -> Header {
        let mut header = Header::new(ALGORITHM);
        header.kid = Some(self.current.id.clone());
        header
    }

    /// The key a token names. A token without `kid` (issued before key ids) can only be
    /// the current key's; a `kid` we do not hold is refused outright.
    fn decoding_key(&self, token: &str) -> Result<&DecodingKey, TokenRejection> {
        let header = jsonwebtoken::decode_header(token).map_err(|_| TokenRejection::Invalid)?;
        let Some(kid) = header.kid else {
            return Ok(&self.current.decoding);
        };
        std::iter::once(&self.current)
            .chain(&self.previous)
            .find(|key| key.id == kid)
            .map(|key| &key.decoding)
            .ok_or(TokenRejection::Invalid)
    }

    /// The token of an e-mailed link, derived from a random `nonce` with an HMAC of
    /// the current secret: the e-mail job stores only the nonce and the database only
    /// the token's SHA-256, so neither alone opens the link.
    pub fn link_token(&self, purpose: &str, nonce: &str) -> String {
        use hmac::{Hmac, Mac};
        let mut mac =
            match Hmac::<Sha256>::new_from_slice(self.link_secret.expose_secret().as_bytes()) {
                Ok(mac) => mac,
                // HMAC takes a key of any length; this branch is unreachable.
                Err(_) => return String::new(),
            };
        mac.update(purpose.as_bytes());
        mac.update(b"\0");
        mac.update(nonce.as_bytes());
        // 168 bits: the link (with the demo's address) stays within an e-mail line.
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&mac.finalize().into_bytes()[..21])
    }

    pub fn lifetime(&self) -> Duration {
        self.lifetime
    }

    /// An access token of `user` in `session`.
    pub fn issue(&self, user: UserId, session: SessionId) -> anyhow::Result<String> {
        let now = Utc::now();
        let claims = Claims {
            sub: user.0.to_string(),
            iss: ISSUER.to_owned(),
            aud: AUDIENCE.to_owned(),
            iat: now.timestamp(),
            exp: (now + self.lifetime).timestamp(),
            sid: Some(session.0),
        };
        Ok(jsonwebtoken::encode(
            &self.header(),
            &claims,
            &self.current.encoding,
        )?)
    }

    pub fn verify(&self, token: &str) -> Result<Verified, TokenRejection> {
        let mut validation = Validation::new(ALGORITHM);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        validation.leeway = 5;
        let key = self.decoding_key(token)?;
        let data =
            jsonwebtoken::decode::<Claims>(token, key, &validation).map_err(|error| match error
                .kind()
            {
                ErrorKind::ExpiredSignature => TokenRejection::Expired,
                _ => TokenRejection::Invalid,
            })?;
        let user = UserId::parse(&data.claims.sub).ok_or(TokenRejection::Invalid)?;
        let session = data
            .claims
            .sid
            .map(SessionId)
            .ok_or(TokenRejection::Invalid)?;
        Ok(Verified { user, session })
    }
}

impl TokenKeys {
    /// A token for a signed link to `resource`, on behalf of `user`, valid for
    /// [`DOWNLOAD_LINK_MINUTES`].
    pub fn issue_download(&self, user: UserId, resource: &str) -> anyhow::Result<String> {
        let now = Utc::now();
        let claims = DownloadClaims {
            sub: user.0.to_string(),
            iss: ISSUER.to_owned(),
            aud: DOWNLOAD_AUDIENCE.to_owned(),
            iat: now.timestamp(),
            exp: (now + Duration::minutes(DOWNLOAD_LINK_MINUTES)).timestamp(),
            res: resource.to_owned(),
        };
        Ok(jsonwebtoken::encode(
            &self.header(),
            &claims,
            &self.current.encoding,
        )?)
    }

    /// The user a link's token was issued to, if it is genuine, unexpired and for
    /// exactly `resource`.
    pub fn verify_download(&self, token: &str, resource: &str) -> Result<UserId, TokenRejection> {
        let mut validation = Validation::new(ALGORITHM);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[DOWNLOAD_AUDIENCE]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        validation.leeway = 5;
        let key = self.decoding_key(token)?;
        let data =
            jsonwebtoken::decode::<DownloadClaims>(token, key, &validation).map_err(|error| {
                match error.kind() {
                    ErrorKind::ExpiredSignature => TokenRejection::Expired,
                    _ => TokenRejection::Invalid,
                }
            })?;
        if data.claims.res != resource {
            return Err(TokenRejection::Invalid);
        }
        UserId::parse(&data.claims.sub).ok_or(TokenRejection::Invalid)
    }
}

/// 48 random bytes from the OS generator, as URL-safe text.
pub fn random_secret() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut rng = rand::rng();
    (0..64)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SESSION: SessionId = SessionId(3);

    fn keys(secret: &str) -> TokenKeys {
        TokenKeys::new(&SecretString::from(secret.to_owned()), 15)
    }

    fn verified(user: i64) -> Verified {
        Verified {
            user: UserId(user),
            session: SESSION,
        }
    }

    #[test]
    fn a_token_without_a_session_is_refused() {
        #[derive(Serialize)]
        struct OldClaims {
            sub: String,
            iss: String,
            aud: String,
            iat: i64,
            exp: i64,
        }
        let keys = keys("first secret of enough length 1234567");
        let now = Utc::now().timestamp();
        let old = jsonwebtoken::encode(
            &keys.header(),
            &OldClaims {
                sub: "7".to_owned(),
                iss: ISSUER.to_owned(),
                aud: AUDIENCE.to_owned(),
                iat: now,
                exp: now + 600,
            },
            &keys.current.encoding,
        )
        .unwrap_or_default();
        assert_eq!(keys.verify(&old), Err(TokenRejection::Invalid));
    }

    #[test]
    fn a_token_verifies_with_its_own_key_only() {
        let token = keys("first secret of enough length 1234567").issue(UserId(7), SESSION);
        let token = token.unwrap_or_default();
        assert_eq!(
            keys("first secret of enough length 1234567").verify(&token),
            Ok(verified(7))
        );
        assert_eq!(
            keys("other secret of enough length 1234567").verify(&token),
            Err(TokenRejection::Invalid)
        );
    }

    #[test]
    fn garbage_is_invalid() {
        let keys = keys("first secret of enough length 1234567");
        assert_eq!(keys.verify("not-a-jwt"), Err(TokenRejection::Invalid));
        assert_eq!(keys.verify(""), Err(TokenRejection::Invalid));
    }

    #[test]
    fn a_download_token_opens_its_own_resource_only_and_is_no_session() {
        let keys = keys("first secret of enough length 1234567");
        let token = keys
            .issue_download(UserId(7), "invoice:42")
            .unwrap_or_default();
        assert_eq!(keys.verify_download(&token, "invoice:42"), Ok(UserId(7)));
        assert_eq!(
            keys.verify_download(&token, "invoice:43"),
            Err(TokenRejection::Invalid)
        );
        assert_eq!(keys.verify(&token), Err(TokenRejection::Invalid));
        let session = keys.issue(UserId(7), SESSION).unwrap_or_default();
        assert_eq!(
            keys.verify_download(&session, "invoice:42"),
            Err(TokenRejection::Invalid)
        );
        let tampered = format!("{token}A");
        assert_eq!(
            keys.verify_download(&tampered, "invoice:42"),
            Err(TokenRejection::Invalid)
        );
    }

    #[test]
    fn after_a_rotation_old_tokens_still_verify_and_new_ones_name_the_new_key() {
        let old_secret = SecretString::from("first secret of enough length 1234567");
        let new_secret = SecretString::from("second secret of enough length 765432");
        let before = keys("first secret of enough length 1234567")
            .issue(UserId(7), SESSION)
            .unwrap_or_default();
        let rotated =
            TokenKeys::new(&new_secret, 15).accepting_previous(std::slice::from_ref(&old_secret));
        assert_eq!(rotated.verify(&before), Ok(verified(7)));
        let after = rotated.issue(UserId(7), SESSION).unwrap_or_default();
        let kid = jsonwebtoken::decode_header(&after).ok().and_then(|h| h.kid);
        assert_eq!(kid, Some(key_id(&new_secret)));
        assert_ne!(key_id(&new_secret), key_id(&old_secret));
        // Once the old key is dropped, its tokens end.
        assert_eq!(
            TokenKeys::new(&new_secret, 15).verify(&before),
            Err(TokenRejection::Invalid)
        );
    }

    #[test]
    fn random_secrets_differ() {
        assert_ne!(random_secret(), random_secret());
        assert_eq!(random_secret().len(), 64);
    }
}
