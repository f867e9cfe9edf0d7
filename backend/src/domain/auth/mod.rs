//! Authentication: logging in with e-mail and password, and turning a bearer token
//! back into an [`Actor`].

pub mod password;
pub mod policy;
pub mod reset;
pub mod session;
pub mod throttle;
pub mod token;
pub mod totp;

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use serde_json::json;
use shared::{Email, UserId};

use self::token::TokenKeys;
use self::totp::TotpPolicy;
use super::DomainError;
use super::accounts::{self, Account};
use super::audit::{AuditAction, Entry};
use super::authz::{Actor, Authentication};
use crate::entities::user;

/// One message for an unknown e-mail, a wrong password and a deactivated user, so the
/// answer never tells which accounts exist.
pub const BAD_CREDENTIALS: &str = "E-mail or password is incorrect";

pub struct LoggedIn {
    pub token: String,
    /// The new session, with the refresh token for the `portal_refresh` cookie.
    pub session: session::Issued,
    pub account: Account,
    /// New recovery codes when this sign-in completed a required two-factor enrolment.
    pub recovery_codes: Option<Vec<String>>,
}

/// Checks the credentials and issues an access token. Every path runs one argon2
/// verification, so the time taken does not reveal whether the e-mail exists. After
/// the password, the second factor (`totp`: a code or a recovery code) when the account
/// uses one or the policy requires it ([`totp::check_at_login`]). Every attempt is
/// audited: a success in the transaction that spends the code, a failure on its own.
pub async fn login(
    db: &DatabaseConnection,
    keys: &TokenKeys,
    email: &str,
    password: &str,
    totp: Option<&str>,
    policy: TotpPolicy,
    client: &session::ClientInfo,
) -> Result<LoggedIn, DomainError> {
    let user = check_password(db, email, password).await?;
    let txn = crate::db::begin_write(db).await?;
    let passed = match totp::check_at_login(&txn, policy, &user, totp).await? {
        Ok(passed) => passed,
        Err(problem) => {
            txn.rollback().await?;
            audit_failed_login(db, Some(&user), email, problem.reason()).await?;
            return Err(DomainError::SecondFactor(problem));
        }
    };
    Entry::new(AuditAction::LoginSucceeded)
        .by_user(Some(UserId(user.id)), email)
        .company(user.company_id.map(shared::CompanyId))
        .target("user", user.id)
        .after(json!({ "secondFactor": passed.method }))
        .record(&txn)
        .await?;
    let session = session::start(&txn, UserId(user.id), client).await?;
    txn.commit().await?;
    let token = keys
        .issue(UserId(user.id), session.session_id)
        .map_err(DomainError::Internal)?;
    let account = Account::try_from(user)?;
    Ok(LoggedIn {
        token,
        session,
        account,
        recovery_codes: passed.recovery_codes,
    })
}

/// The active user with this e-mail and password; a failure is audited and answers
/// [`BAD_CREDENTIALS`] whatever went wrong.
pub async fn check_password(
    db: &DatabaseConnection,
    email: &str,
    password: &str,
) -> Result<user::Model, DomainError> {
    let password = password.to_owned();
    let user = match Email::parse(email) {
        Ok(email) => {
            user::Entity::find()
                .filter(user::Column::Email.eq(email.as_str()))
                .one(db)
                .await?
        }
        Err(_) => None,
    };
    let stored_hash = user.as_ref().map(|user| user.password_hash.clone());
    let password_matches = password::verify(password, stored_hash).await?;
    match user {
        Some(user) if password_matches && user.active => Ok(user),
        user => {
            audit_failed_login(db, user.as_ref(), email, "BAD_CREDENTIALS").await?;
            Err(DomainError::Unauthenticated(BAD_CREDENTIALS))
        }
    }
}

/// A failed sign-in changes nothing, so its entry is written on its own.
async fn audit_failed_login(
    db: &DatabaseConnection,
    user: Option<&user::Model>,
    email: &str,
    reason: &str,
) -> Result<(), DomainError> {
    let email: String = email.chars().take(320).collect();
    Entry::new(AuditAction::LoginFailed)
        .by_user(user.map(|user| UserId(user.id)), &email)
        .company(user.and_then(|user| user.company_id).map(shared::CompanyId))
        .after(json!({ "reason": reason }))
        .record(db)
        .await
}

/// Starts the two-factor enrolment the policy requires of a user who has not set it
/// up, during sign-in: the password is checked again, and the secret waits for the
/// code that `login` then takes.
pub async fn start_enrollment_at_login(
    db: &DatabaseConnection,
    email: &str,
    password: &str,
    policy: TotpPolicy,
) -> Result<totp::Enrollment, DomainError> {
    let user = check_password(db, email, password).await?;
    let role = shared::Role::parse(&user.role).unwrap_or(shared::Role::Viewer);
    if !totp::is_required(db, policy, role, user.company_id).await? {
        return Err(DomainError::NotAllowed(
            "Two-factor authentication is not required for this account; set it up from your account page after signing in".to_owned(),
        ));
    }
    totp::start_enrollment(db, UserId(user.id), &user.email).await
}

/// Turns the bearer token of a request into its [`Authentication`]. The token's
/// session must still be open (one read by primary key: a logout or a revocation ends
/// the token at once), and the user is read from the database, so deactivation and
/// role changes apply to live sessions.
pub async fn authenticate(
    db: &DatabaseConnection,
    keys: &TokenKeys,
    bearer_token: Option<&str>,
) -> Result<Authentication, DomainError> {
    let Some(token) = bearer_token else {
        return Ok(Authentication::Anonymous);
    };
    if token.starts_with(crate::domain::api_keys::KEY_PREFIX) {
        return crate::domain::api_keys::authenticate(db, token).await;
    }
    let verified = match keys.verify(token) {
        Ok(verified) => verified,
        Err(rejection) => return Ok(Authentication::Rejected(rejection.message())),
    };
    match session::active_user_in_session(db, verified.user, verified.session).await? {
        Some(row) => Ok(authenticated(
            Account::try_from(row)?,
            Some(verified.session),
        )),
        None if !session::is_open(db, verified.user, verified.session).await? => {
            Ok(Authentication::Rejected(session::SESSION_ENDED))
        }
        None => Ok(Authentication::Rejected(
            token::TokenRejection::Invalid.message(),
        )),
    }
}

fn authenticated(account: Account, session_id: Option<session::SessionId>) -> Authentication {
    Authentication::Authenticated(Actor {
        user_id: account.id,
        email: account.email,
        role: account.role,
        company_id: account.company_id,
        language: account.language,
        session_id,
        api_key: None,
    })
}

/// The [`Authentication`] of a user whose credential (a session token, a signed
/// download link) was verified: the user is re-read and must still be active.
pub async fn authenticate_user(
    db: &DatabaseConnection,
    user_id: UserId,
    session_id: Option<session::SessionId>,
) -> Result<Authentication, DomainError> {
    match accounts::find_active(db, user_id).await? {
        Some(account) => Ok(authenticated(account, session_id)),
        None => Ok(Authentication::Rejected(
            token::TokenRejection::Invalid.message(),
        )),
    }
}
