use async_graphql::{Context, ID, Object};
use shared::{Language, UserId};

use super::context::ContextExt;
use super::error::bad_input;
use super::types::{AuthPayload, CreateCompanyUserInput, UpdateCompanyUserInput, User};
use crate::domain::accounts::{self, CompanyUserChanges, NewCompanyUser};
use crate::domain::auth::reset;
use crate::domain::auth::session::ClientInfo;
use crate::domain::{Operation, auth};

/// The least time `requestPasswordReset` takes, so that a known e-mail (a row, a
/// queued e-mail) and an unknown one answer alike.
const RESET_REQUEST_MIN_DURATION: std::time::Duration = std::time::Duration::from_millis(250);

#[derive(Default)]
pub struct AccountMutation;

#[Object]
impl AccountMutation {
    /// Signs in with e-mail and password, plus `totp` (a code from the authenticator
    /// app or a recovery code) when the account uses two-factor authentication. Without
    /// a valid one the error is `UNAUTHENTICATED` with `extensions.reason`
    /// `TOTP_REQUIRED`, `TOTP_INVALID` or `TOTP_ENROLLMENT_REQUIRED`.
    async fn login(
        &self,
        ctx: &Context<'_>,
        email: String,
        password: String,
        totp: Option<String>,
    ) -> async_graphql::Result<AuthPayload> {
        let policy = super::two_factor::totp_policy(ctx)?;
        let client = ClientInfo {
            ip: ctx.client_ip().map(|ip| ip.to_string()),
            user_agent: ctx.user_agent(),
        };
        let attempt = auth::login(
            ctx.db()?,
            ctx.token_keys()?,
            &email,
            &password,
            totp.as_deref(),
            policy,
            &client,
        );
        let logged_in = ctx
            .login_throttle()?
            .guard(ctx.client_ip(), &email, attempt)
            .await?;
        // The browser keeps the refresh token in an HttpOnly cookie; API clients
        // simply use `token` until it expires and sign in again.
        ctx.append_http_header(
            axum::http::header::SET_COOKIE,
            crate::http::session::refresh_cookie(&logged_in.session),
        );
        Ok(AuthPayload {
            token: logged_in.token,
            user: logged_in.account.into(),
            recovery_codes: logged_in.recovery_codes,
        })
    }

    /// Ends every session of the signed-in user, this one included: every access
    /// token stops working at once and every refresh cookie is refused.
    async fn logout_everywhere(&self, ctx: &Context<'_>) -> async_graphql::Result<bool> {
        let actor = ctx.authorize(Operation::OwnAccount)?;
        reset::logout_everywhere(ctx.db()?, actor).await?;
        ctx.append_http_header(
            axum::http::header::SET_COOKIE,
            crate::http::session::clearing_cookie(),
        );
        Ok(true)
    }

    /// Changes the signed-in user's password: `currentPassword` must be right and
    /// `newPassword` must pass the policy (10 to 128 characters, not the e-mail, not a
    /// common password). Every other session ends; this one stays.
    async fn change_password(
        &self,
        ctx: &Context<'_>,
        current_password: String,
        new_password: String,
    ) -> async_graphql::Result<bool> {
        let actor = ctx.authorize(Operation::OwnAccount)?;
        reset::change_password(ctx.db()?, actor, &current_password, &new_password).await?;
        Ok(true)
    }

    /// E-mails a single-use link to reset the password, valid 30 minutes, if an
    /// active account has this e-mail. Always `true`, whether or not it has: the
    /// answer never tells which accounts exist. Limited per e-mail and per IP
    /// (`RATE_LIMITED` with `retryAfterSeconds`).
    async fn request_password_reset(
        &self,
        ctx: &Context<'_>,
        email: String,
    ) -> async_graphql::Result<bool> {
        let started = tokio::time::Instant::now();
        ctx.reset_throttle()?.hit(ctx.client_ip(), &email)?;
        reset::request(ctx.db()?, ctx.token_keys()?, &email).await?;
        tokio::time::sleep_until(started + RESET_REQUEST_MIN_DURATION).await;
        Ok(true)
    }

    /// Sets a new password with the token of a reset link: once, within 30 minutes,
    /// under the password policy. Every session of the user ends. A used, expired or
    /// unknown token is `BAD_USER_INPUT`.
    async fn reset_password(
        &self,
        ctx: &Context<'_>,
        token: String,
        new_password: String,
    ) -> async_graphql::Result<bool> {
        reset::complete(ctx.db()?, &token, &new_password).await?;
        Ok(true)
    }

    /// Sets the signed-in user's UI language (`he` or `en`).
    async fn set_language(
        &self,
        ctx: &Context<'_>,
        language: String,
    ) -> async_graphql::Result<User> {
        let actor = ctx.authorize(Operation::OwnAccount)?;
        let language = Language::parse(&language).ok_or_else(|| {
            bad_input(format!("'{language}' is not a supported language (he, en)"))
        })?;
        Ok(accounts::set_language(ctx.db()?, actor, language)
            .await?
            .into())
    }

    /// Adds a user to the caller's company (company admins).
    async fn create_company_user(
        &self,
        ctx: &Context<'_>,
        input: CreateCompanyUserInput,
    ) -> async_graphql::Result<User> {
        let actor = ctx.authorize(Operation::ManageCompanyUsers)?;
        let company = actor.customer_company()?;
        let new_user = NewCompanyUser {
            email: input.email,
            name: input.name,
            role: input.role.into(),
            password: input.password,
        };
        let txn = crate::db::begin_write(ctx.db()?)
            .await
            .map_err(crate::domain::DomainError::from)?;
        let created = accounts::create_company_user(&txn, actor, company, new_user).await?;
        txn.commit()
            .await
            .map_err(crate::domain::DomainError::from)?;
        Ok(created.into())
    }

    /// Changes the name, role or active flag of a user of the caller's company.
    async fn update_company_user(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: UpdateCompanyUserInput,
    ) -> async_graphql::Result<User> {
        let actor = ctx.authorize(Operation::ManageCompanyUsers)?;
        let company = actor.customer_company()?;
        let Some(target) = UserId::parse(&id) else {
            return Err(crate::domain::DomainError::NotFound("user").into());
        };
        let changes = CompanyUserChanges {
            name: input.name,
            role: input.role.map(Into::into),
            active: input.active,
        };
        let txn = crate::db::begin_write(ctx.db()?)
            .await
            .map_err(crate::domain::DomainError::from)?;
        let updated = accounts::update_company_user(&txn, company, actor, target, changes).await?;
        txn.commit()
            .await
            .map_err(crate::domain::DomainError::from)?;
        Ok(updated.into())
    }
}
