use async_graphql::{Context, ID, Object};
use shared::{Language, UserId};

use super::context::ContextExt;
use super::error::bad_input;
use super::types::{AuthPayload, CreateCompanyUserInput, UpdateCompanyUserInput, User};
use crate::domain::accounts::{self, CompanyUserChanges, NewCompanyUser};
use crate::domain::{Operation, auth};

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
        let attempt = auth::login(
            ctx.db()?,
            ctx.token_keys()?,
            &email,
            &password,
            totp.as_deref(),
            policy,
        );
        let logged_in = ctx
            .login_throttle()?
            .guard(ctx.client_ip(), &email, attempt)
            .await?;
        Ok(AuthPayload {
            token: logged_in.token,
            user: logged_in.account.into(),
            recovery_codes: logged_in.recovery_codes,
        })
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
