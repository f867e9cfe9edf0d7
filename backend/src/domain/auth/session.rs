//! Sessions and their rotating refresh tokens.
//!
//! A sign-in starts a **session** (30 days at most, never extended) with its first
//! **refresh token**. The browser keeps the refresh token in an HttpOnly cookie and
//! trades it at `POST /auth/refresh` for a short-lived access token and a new refresh
//! token ([`refresh`]): each refresh token is used once. Access tokens name their
//! session (`sid`) and every request checks that it is still open ([`is_open`]), so a
//! revocation ends them at once.
//!
//! **Reuse detection.** A refresh token presented again more than
//! [`REUSE_GRACE_SECONDS`] after it was used means that two parties hold it (a stolen
//! cookie): the whole session is revoked and audited. Within the grace (two tabs of one
//! browser refreshing at the same moment) the late one gets a fresh rotation of the same
//! session instead.
//!
//! Only the SHA-256 of a refresh token is stored.

use base64::Engine;
use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter, QuerySelect,
};
use serde_json::json;
use sha2::{Digest, Sha256};
use shared::UserId;

use crate::domain::DomainError;
use crate::domain::audit::{AuditAction, Entry};
use crate::entities::{refresh_token, session, user};

/// The absolute lifetime of a session.
pub const SESSION_DAYS: i64 = 30;
/// How long after its use a refresh token is still answered with a fresh rotation
/// instead of being treated as stolen.
pub const REUSE_GRACE_SECONDS: i64 = 10;
/// The one message of every refused refresh: which check failed is not revealed.
pub const SESSION_ENDED: &str = "Your session has ended; sign in again";

/// A session's id, as access tokens name it (`sid`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SessionId(pub i64);

/// Why a session ended, stored as the SCREAMING_SNAKE_CASE name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RevokeReason {
    Logout,
    LogoutEverywhere,
    PasswordChanged,
    PasswordReset,
    UserDeactivated,
    RefreshTokenReuse,
}

impl RevokeReason {
    pub fn as_str(self) -> &'static str {
        match self {
            RevokeReason::Logout => "LOGOUT",
            RevokeReason::LogoutEverywhere => "LOGOUT_EVERYWHERE",
            RevokeReason::PasswordChanged => "PASSWORD_CHANGED",
            RevokeReason::PasswordReset => "PASSWORD_RESET",
            RevokeReason::UserDeactivated => "USER_DEACTIVATED",
            RevokeReason::RefreshTokenReuse => "REFRESH_TOKEN_REUSE",
        }
    }
}

/// Where a sign-in came from, kept with the session.
#[derive(Clone, Debug, Default)]
pub struct ClientInfo {
    pub ip: Option<String>,
    pub user_agent: Option<String>,
}

/// A session with a refresh token to hand to the browser.
#[derive(Debug)]
pub struct Issued {
    pub session_id: SessionId,
    pub user_id: UserId,
    /// The refresh token itself: only ever in the cookie, never stored or logged.
    pub refresh_token: String,
    pub expires_at: DateTime<Utc>,
}

impl Issued {
    /// Seconds until the session ends (the cookie's `Max-Age`).
    pub fn seconds_left(&self) -> i64 {
        (self.expires_at - Utc::now()).num_seconds().max(0)
    }
}

/// 32 random bytes as URL-safe text.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// The SHA-256 of a token, as lower-case hex: what the database keeps.
pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// Starts a session for `user` (at sign-in), with its first refresh token.
pub async fn start(
    txn: &impl ConnectionTrait,
    user: UserId,
    client: &ClientInfo,
) -> Result<Issued, DomainError> {
    let now = Utc::now();
    let expires_at = now + Duration::days(SESSION_DAYS);
    let truncate = |text: &Option<String>, max: usize| {
        text.as_ref()
            .map(|text| text.replace('\0', "").chars().take(max).collect::<String>())
    };
    let row = session::ActiveModel {
        user_id: Set(user.0),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(expires_at),
        revoked_at: Set(None),
        revoked_reason: Set(None),
        ip: Set(truncate(&client.ip, 64)),
        user_agent: Set(truncate(&client.user_agent, 256)),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    let refresh_token = new_refresh_token(txn, row.id).await?;
    Ok(Issued {
        session_id: SessionId(row.id),
        user_id: user,
        refresh_token,
        expires_at,
    })
}

async fn new_refresh_token(
    txn: &impl ConnectionTrait,
    session: i64,
) -> Result<String, DomainError> {
    let token = random_token();
    refresh_token::ActiveModel {
        session_id: Set(session),
        token_hash: Set(token_hash(&token)),
        created_at: Set(Utc::now()),
        used_at: Set(None),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(token)
}

/// Trades a refresh token for a new one of the same session (see the module's
/// documentation for reuse). Any refusal is `UNAUTHENTICATED` with [`SESSION_ENDED`].
pub async fn refresh(db: &DatabaseConnection, presented: &str) -> Result<Issued, DomainError> {
    let refused = || DomainError::Unauthenticated(SESSION_ENDED);
    let txn = crate::db::begin_write(db).await?;
    let Some(token) = refresh_token::Entity::find()
        .filter(refresh_token::Column::TokenHash.eq(token_hash(presented)))
        .one(&txn)
        .await?
    else {
        return Err(refused());
    };
    let now = Utc::now();
    let Some(session) = session::Entity::find_by_id(token.session_id)
        .one(&txn)
        .await?
        .filter(|session| session.revoked_at.is_none() && session.expires_at > now)
    else {
        return Err(refused());
    };
    // A deactivated user's sessions are revoked with the deactivation; this is the
    // second line of defence.
    let active = user::Entity::find_by_id(session.user_id)
        .filter(user::Column::Active.eq(true))
        .select_only()
        .column(user::Column::Id)
        .into_tuple::<i64>()
        .one(&txn)
        .await?
        .is_some();
    if !active {
        return Err(refused());
    }
    match token.used_at {
        Some(used_at) if now - used_at > Duration::seconds(REUSE_GRACE_SECONDS) => {
            revoke_in(&txn, SessionId(session.id), RevokeReason::RefreshTokenReuse).await?;
            Entry::new(AuditAction::SessionRevoked)
                .by_user(
                    Some(UserId(session.user_id)),
                    &user_email(&txn, session.user_id).await?,
                )
                .company(user_company(&txn, session.user_id).await?)
                .target("session", session.id)
                .after(json!({ "reason": RevokeReason::RefreshTokenReuse.as_str() }))
                .record(&txn)
                .await?;
            txn.commit().await?;
            return Err(refused());
        }
        Some(_) => {
            // Within the grace: another tab of this browser rotated it a moment ago.
        }
        None => {
            // Conditional, so that of two simultaneous refreshes exactly one marks it;
            // the other one is within the grace by definition.
            refresh_token::Entity::update_many()
                .col_expr(refresh_token::Column::UsedAt, Expr::value(now))
                .filter(refresh_token::Column::Id.eq(token.id))
                .filter(refresh_token::Column::UsedAt.is_null())
                .exec(&txn)
                .await?;
        }
    }
    let refresh_token = new_refresh_token(&txn, session.id).await?;
    session::Entity::update_many()
        .col_expr(session::Column::LastSeenAt, Expr::value(now))
        .filter(session::Column::Id.eq(session.id))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(Issued {
        session_id: SessionId(session.id),
        user_id: UserId(session.user_id),
        refresh_token,
        expires_at: session.expires_at,
    })
}

async fn user_email(db: &impl ConnectionTrait, user: i64) -> Result<String, DomainError> {
    Ok(user::Entity::find_by_id(user)
        .one(db)
        .await?
        .map(|user| user.email)
        .unwrap_or_default())
}

async fn user_company(
    db: &impl ConnectionTrait,
    user: i64,
) -> Result<Option<shared::CompanyId>, DomainError> {
    Ok(user::Entity::find_by_id(user)
        .one(db)
        .await?
        .and_then(|user| user.company_id)
        .map(shared::CompanyId))
}

/// Ends one session (if still open); tells whether it was open.
pub async fn revoke_in(
    db: &impl ConnectionTrait,
    session: SessionId,
    reason: RevokeReason,
) -> Result<bool, DomainError> {
    let result = session::Entity::update_many()
        .col_expr(session::Column::RevokedAt, Expr::value(Utc::now()))
        .col_expr(
            session::Column::RevokedReason,
            Expr::value(reason.as_str().to_owned()),
        )
        .filter(session::Column::Id.eq(session.0))
        .filter(session::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(result.rows_affected > 0)
}

/// Logs out the session of a refresh token (the cookie at `POST /auth/logout`),
/// whether or not the token was already used: the browser's latest cookie may be one
/// rotation behind another tab's. Audited when a session ended.
pub async fn revoke(db: &DatabaseConnection, presented: &str) -> Result<(), DomainError> {
    let txn = crate::db::begin_write(db).await?;
    let Some(token) = refresh_token::Entity::find()
        .filter(refresh_token::Column::TokenHash.eq(token_hash(presented)))
        .one(&txn)
        .await?
    else {
        return Ok(());
    };
    let Some(session) = session::Entity::find_by_id(token.session_id)
        .one(&txn)
        .await?
    else {
        return Ok(());
    };
    if revoke_in(&txn, SessionId(session.id), RevokeReason::Logout).await? {
        Entry::new(AuditAction::LoggedOut)
            .by_user(
                Some(UserId(session.user_id)),
                &user_email(&txn, session.user_id).await?,
            )
            .company(user_company(&txn, session.user_id).await?)
            .target("session", session.id)
            .record(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// Ends every open session of `user` except `keep` (the caller's own, when it
/// changes its password); returns how many ended. The caller audits.
pub async fn revoke_all_for_user(
    db: &impl ConnectionTrait,
    user: UserId,
    keep: Option<SessionId>,
    reason: RevokeReason,
) -> Result<u64, DomainError> {
    let mut update = session::Entity::update_many()
        .col_expr(session::Column::RevokedAt, Expr::value(Utc::now()))
        .col_expr(
            session::Column::RevokedReason,
            Expr::value(reason.as_str().to_owned()),
        )
        .filter(session::Column::UserId.eq(user.0))
        .filter(session::Column::RevokedAt.is_null());
    if let Some(keep) = keep {
        update = update.filter(session::Column::Id.ne(keep.0));
    }
    Ok(update.exec(db).await?.rows_affected)
}

/// Whether `session` of `user` is open: not revoked, not past its end. One read by
/// primary key, made on every authenticated request.
pub async fn is_open(
    db: &impl ConnectionTrait,
    user: UserId,
    session: SessionId,
) -> Result<bool, DomainError> {
    let found = session::Entity::find_by_id(session.0)
        .filter(open_session_of(user))
        .select_only()
        .column(session::Column::Id)
        .into_tuple::<i64>()
        .one(db)
        .await?;
    Ok(found.is_some())
}

/// The conditions on a `sessions` row that `user` may still use.
fn open_session_of(user: UserId) -> sea_orm::Condition {
    sea_orm::Condition::all()
        .add(session::Column::UserId.eq(user.0))
        .add(session::Column::RevokedAt.is_null())
        .add(session::Column::ExpiresAt.gt(Utc::now()))
}

/// The user of a token, read in one query with its session's check: the user row,
/// if the user is active **and** `session` is open. `None` says only that one of the
/// two failed; [`is_open`] tells which (a refusal is rare, a request is not).
pub async fn active_user_in_session(
    db: &impl ConnectionTrait,
    user: UserId,
    session: SessionId,
) -> Result<Option<user::Model>, DomainError> {
    let open = sea_orm::sea_query::Query::select()
        .expr(Expr::val(1))
        .from(session::Entity)
        .and_where(session::Column::Id.eq(session.0))
        .cond_where(open_session_of(user))
        .to_owned();
    Ok(user::Entity::find_by_id(user.0)
        .filter(user::Column::Active.eq(true))
        .filter(Expr::exists(open))
        .one(db)
        .await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_hashed_as_hex() {
        let first = random_token();
        assert_ne!(first, random_token());
        assert_eq!(first.len(), 43, "32 bytes in URL-safe base64");
        let hash = token_hash(&first);
        assert_eq!(hash.len(), 64);
        assert!(
            hash.chars()
                .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
        );
        assert_eq!(
            token_hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
