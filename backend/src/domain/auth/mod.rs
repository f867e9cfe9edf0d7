//! Authentication: logging in with e-mail and password, and turning a bearer token
//! back into an [`Actor`].

pub mod password;
pub mod throttle;
pub mod token;

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use shared::{Email, UserId};

use self::token::TokenKeys;
use super::DomainError;
use super::accounts::{self, Account};
use super::authz::{Actor, Authentication};
use crate::entities::user;

/// One message for an unknown e-mail, a wrong password and a deactivated user, so the
/// answer never tells which accounts exist.
pub const BAD_CREDENTIALS: &str = "E-mail or password is incorrect";

pub struct LoggedIn {
    pub token: String,
    pub account: Account,
}

/// Checks the credentials and issues an access token. Every path runs one argon2
/// verification, so the time taken does not reveal whether the e-mail exists.
pub async fn login(
    db: &DatabaseConnection,
    keys: &TokenKeys,
    email: &str,
    password: &str,
) -> Result<LoggedIn, DomainError> {
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
    let user = match user {
        Some(user) if password_matches && user.active => user,
        _ => return Err(DomainError::Unauthenticated(BAD_CREDENTIALS)),
    };
    let token = keys.issue(UserId(user.id)).map_err(DomainError::Internal)?;
    let account = Account::try_from(user)?;
    Ok(LoggedIn { token, account })
}

/// Turns the bearer token of a request into its [`Authentication`]. The user is read
/// from the database, so deactivation and role changes apply to live sessions.
pub async fn authenticate(
    db: &DatabaseConnection,
    keys: &TokenKeys,
    bearer_token: Option<&str>,
) -> Result<Authentication, DomainError> {
    let Some(token) = bearer_token else {
        return Ok(Authentication::Anonymous);
    };
    let user_id = match keys.verify(token) {
        Ok(user_id) => user_id,
        Err(rejection) => return Ok(Authentication::Rejected(rejection.message())),
    };
    authenticate_user(db, user_id).await
}

/// The [`Authentication`] of a user whose credential (a session token, a signed
/// download link) was verified: the user is re-read and must still be active.
pub async fn authenticate_user(
    db: &DatabaseConnection,
    user_id: UserId,
) -> Result<Authentication, DomainError> {
    match accounts::find_active(db, user_id).await? {
        Some(account) => Ok(Authentication::Authenticated(Actor {
            user_id: account.id,
            email: account.email,
            role: account.role,
            company_id: account.company_id,
            language: account.language,
        })),
        None => Ok(Authentication::Rejected(
            token::TokenRejection::Invalid.message(),
        )),
    }
}
