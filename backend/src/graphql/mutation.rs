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
    /// Signs in with e-mail and password. `totp` is reserved for two-factor
    /// authentication and ignored until it is enabled for the account.
    async fn login(
        &self,
        ctx: &Context<'_>,
        email: String,
        password: String,
        totp: Option<String>,
    ) -> async_graphql::Result<AuthPayload> {
        let _ = totp;
        let attempt = auth::login(ctx.db()?, ctx.token_keys()?, &email, &password);
        let logged_in = ctx
            .login_throttle()?
            .guard(ctx.client_ip(), &email, attempt)
            .await?;
        Ok(AuthPayload {
            token: logged_in.token,
            user: logged_in.account.into(),
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
        Ok(accounts::create_company_user(ctx.db()?, company, new_user)
            .await?
            .into())
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
        Ok(
            accounts::update_company_user(ctx.db()?, company, actor, target, changes)
                .await?
                .into(),
        )
    }
}
