//! Password reset by an e-mailed, single-use link, and password changes.
//!
//! [`request`] answers the same whatever the e-mail (the resolver always says `true`,
//! after the same minimum time): for an active account it stores the SHA-256 of a new
//! token, valid [`RESET_LINK_MINUTES`], and queues the e-mail **in the same
//! transaction**. The token is derived from a random nonce with the signing secret
//! ([`TokenKeys::link_token`]), so the job row holds only the nonce and the table only
//! the hash. [`complete`] sets the new password once and ends every session.

use chrono::{Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter,
};
use serde_json::json;
use shared::{Email, Language, UserId};

use super::session::{self, RevokeReason, SessionId, token_hash};
use super::token::TokenKeys;
use super::{password, policy};
use crate::domain::audit::{AuditAction, Entry};
use crate::domain::{Actor, DomainError};
use crate::entities::{password_reset, user};
use crate::notifications::queue::{self, PasswordResetMail};

/// How long a reset link works.
pub const RESET_LINK_MINUTES: i64 = 30;
/// The purpose mixed into the link token's HMAC.
pub const LINK_PURPOSE: &str = "password-reset";
/// The one message for an unknown, used or expired link.
pub const LINK_NOT_VALID: &str = "This password reset link is not valid any more (it was used, or more than 30 minutes have passed): ask for a new one";

/// The secret of an e-mailed single-use link (a reset, an invitation): the e-mail job
/// keeps only `nonce` (the worker derives the token from it with the signing secret),
/// the table only the token's SHA-256. Neither alone opens the link.
pub struct SecretLink {
    pub nonce: String,
    pub token_hash: String,
}

impl SecretLink {
    pub fn new(keys: &TokenKeys, purpose: &str) -> SecretLink {
        let nonce = session::random_token();
        let token = keys.link_token(purpose, &nonce);
        SecretLink {
            nonce,
            token_hash: token_hash(&token),
        }
    }
}

/// Stores a reset for the active account with `email`, if any, and queues its e-mail.
/// Tells nothing about whether the account exists.
pub async fn request(
    db: &DatabaseConnection,
    keys: &TokenKeys,
    email: &str,
) -> Result<(), DomainError> {
    let Ok(email) = Email::parse(email) else {
        return Ok(());
    };
    let txn = crate::db::begin_write(db).await?;
    let Some(account) = user::Entity::find()
        .filter(user::Column::Email.eq(email.as_str()))
        .filter(user::Column::Active.eq(true))
        .one(&txn)
        .await?
    else {
        return Ok(());
    };
    let link = SecretLink::new(keys, LINK_PURPOSE);
    let now = Utc::now();
    let reset = password_reset::ActiveModel {
        user_id: Set(account.id),
        token_hash: Set(link.token_hash),
        created_at: Set(now),
        expires_at: Set(now + Duration::minutes(RESET_LINK_MINUTES)),
        used_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    queue::push_password_reset_in(
        &txn,
        &PasswordResetMail {
            reset_id: reset.id,
            nonce: link.nonce,
            language: Language::parse(&account.language).unwrap_or_default(),
            to_address: account.email.clone(),
            to_name: account.name.clone(),
        },
    )
    .await?;
    Entry::new(AuditAction::PasswordResetRequested)
        .by_user(Some(UserId(account.id)), &account.email)
        .company(account.company_id.map(shared::CompanyId))
        .target("user", account.id)
        .record(&txn)
        .await?;
    txn.commit().await?;
    Ok(())
}

/// Sets a new password through the link's `token`: once, within its time, under the
/// policy; ends every session of the user. Nothing changes when it is refused.
pub async fn complete(
    db: &DatabaseConnection,
    token: &str,
    new_password: &str,
) -> Result<(), DomainError> {
    let not_valid = || DomainError::bad_input(LINK_NOT_VALID);
    let now = Utc::now();
    let Some(reset) = password_reset::Entity::find()
        .filter(password_reset::Column::TokenHash.eq(token_hash(token)))
        .one(db)
        .await?
        .filter(|reset| reset.used_at.is_none() && reset.expires_at > now)
    else {
        return Err(not_valid());
    };
    let Some(account) = user::Entity::find_by_id(reset.user_id)
        .filter(user::Column::Active.eq(true))
        .one(db)
        .await?
    else {
        return Err(not_valid());
    };
    policy::check_new_password(new_password, &account.email)?;
    let password_hash = password::hash(new_password.to_owned()).await?;
    let txn = crate::db::begin_write(db).await?;
    // Conditional: of two uses of one link exactly one lands.
    let spent = password_reset::Entity::update_many()
        .col_expr(password_reset::Column::UsedAt, Expr::value(now))
        .filter(password_reset::Column::Id.eq(reset.id))
        .filter(password_reset::Column::UsedAt.is_null())
        .exec(&txn)
        .await?;
    if spent.rows_affected == 0 {
        return Err(not_valid());
    }
    set_password_hash(&txn, account.id, password_hash).await?;
    let ended =
        session::revoke_all_for_user(&txn, UserId(account.id), None, RevokeReason::PasswordReset)
            .await?;
    Entry::new(AuditAction::PasswordReset)
        .by_user(Some(UserId(account.id)), &account.email)
        .company(account.company_id.map(shared::CompanyId))
        .target("user", account.id)
        .after(json!({ "sessionsEnded": ended }))
        .record(&txn)
        .await?;
    txn.commit().await?;
    Ok(())
}

async fn set_password_hash(
    db: &impl ConnectionTrait,
    user_id: i64,
    password_hash: String,
) -> Result<(), DomainError> {
    user::ActiveModel {
        id: Set(user_id),
        password_hash: Set(password_hash),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

/// The signed-in user changes its password: the current one must be right, the new
/// one must pass the policy; every other session ends, the caller's stays.
pub async fn change_password(
    db: &DatabaseConnection,
    actor: &Actor,
    current_password: &str,
    new_password: &str,
) -> Result<(), DomainError> {
    let Some(account) = user::Entity::find_by_id(actor.user_id.0).one(db).await? else {
        return Err(DomainError::NotFound("user"));
    };
    let matches = password::verify(
        current_password.to_owned(),
        Some(account.password_hash.clone()),
    )
    .await?;
    if !matches {
        return Err(DomainError::bad_input(
            "The current password is not correct",
        ));
    }
    policy::check_new_password(new_password, &account.email)?;
    if current_password == new_password {
        return Err(DomainError::bad_input(
            "The new password must differ from the current one",
        ));
    }
    let password_hash = password::hash(new_password.to_owned()).await?;
    let txn = crate::db::begin_write(db).await?;
    set_password_hash(&txn, account.id, password_hash).await?;
    let ended = session::revoke_all_for_user(
        &txn,
        actor.user_id,
        actor.session_id,
        RevokeReason::PasswordChanged,
    )
    .await?;
    Entry::new(AuditAction::PasswordChanged)
        .by(actor)
        .target("user", account.id)
        .after(json!({ "otherSessionsEnded": ended }))
        .record(&txn)
        .await?;
    txn.commit().await?;
    Ok(())
}

/// Ends every session of the signed-in user, the current one included.
pub async fn logout_everywhere(db: &DatabaseConnection, actor: &Actor) -> Result<(), DomainError> {
    let txn = crate::db::begin_write(db).await?;
    let ended = session::revoke_all_for_user(
        &txn,
        actor.user_id,
        None::<SessionId>,
        RevokeReason::LogoutEverywhere,
    )
    .await?;
    Entry::new(AuditAction::LoggedOutEverywhere)
        .by(actor)
        .target("user", actor.user_id.0)
        .after(json!({ "sessionsEnded": ended }))
        .record(&txn)
        .await?;
    txn.commit().await?;
    Ok(())
}
