//! Company onboarding: the supplier creates, edits, suspends and reinstates companies;
//! staff and company admins invite users; an invited person accepts and is signed in.

use async_graphql::connection::Connection;
use async_graphql::{Context, Enum, ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, Utc};
use shared::{CompanyId, InvitationId};

use super::context::ContextExt;
use super::pagination::{connection, page_request};
use super::scalars::DecimalScalar;
use super::types::{AuthPayload, Company, PaymentTermsKind, RoleEnum};
use crate::domain::auth::session::ClientInfo;
use crate::domain::companies::admin::{self, CompanyDraft};
use crate::domain::companies::invitations::{
    self, Acceptance, Invitation as DomainInvitation, InvitationThrottle, NewInvitation,
};
use crate::domain::{DomainError, Operation};

/// A company's details and terms, as the supplier sets them (`createCompany`,
/// `updateCompany`). The assortment is set with `setAssortment`.
#[derive(InputObject)]
pub struct CompanyInput {
    pub name: String,
    /// The Israeli company number (ח"פ), which is its VAT number: 9 digits.
    pub vat_number: String,
    /// Only `ILS` is supported today (the default).
    pub currency: Option<String>,
    pub payment_terms: PaymentTermsKind,
    /// 0 to 365.
    pub payment_days: i32,
    pub credit_limit: DecimalScalar,
    /// Null: the base price list only.
    pub price_list_id: Option<ID>,
    /// 0 to 100 percent, at most 2 decimals; null: no discount.
    pub discount_percent: Option<DecimalScalar>,
}

impl CompanyInput {
    fn draft(self) -> Result<CompanyDraft, DomainError> {
        let price_list_id = self
            .price_list_id
            .map(|id| {
                id.parse::<i64>()
                    .ok()
                    .filter(|id| *id > 0)
                    .ok_or(DomainError::NotFound("price list"))
            })
            .transpose()?;
        Ok(CompanyDraft {
            name: self.name,
            vat_number: self.vat_number,
            currency: self.currency,
            payment_terms: self.payment_terms.with_days(self.payment_days),
            credit_limit: shared::Money::new(self.credit_limit.0),
            price_list_id,
            discount_percent: self.discount_percent.map(|d| d.0).unwrap_or_default(),
        })
    }
}

#[derive(Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "crate::domain::companies::invitations::InvitationStatus")]
pub enum InvitationStatus {
    /// Sent, not used, not expired, not revoked.
    Pending,
    Accepted,
    /// Not used within 7 days.
    Expired,
    Revoked,
}

/// An e-mailed invitation to create a user of a company.
#[derive(SimpleObject)]
pub struct Invitation {
    pub id: ID,
    pub company_id: ID,
    pub email: String,
    pub name: String,
    pub role: RoleEnum,
    pub status: InvitationStatus,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

impl From<DomainInvitation> for Invitation {
    fn from(invitation: DomainInvitation) -> Invitation {
        Invitation {
            id: ID(invitation.id.0.to_string()),
            company_id: ID(invitation.company_id.0.to_string()),
            email: invitation.email,
            name: invitation.name,
            role: invitation.role.into(),
            status: invitation.status.into(),
            created_at: invitation.created_at,
            expires_at: invitation.expires_at,
        }
    }
}

fn parse_company_id(id: &ID) -> Result<CompanyId, DomainError> {
    CompanyId::parse(id).ok_or(DomainError::NotFound("company"))
}

#[derive(Default)]
pub struct CompaniesQuery;

#[Object]
impl CompaniesQuery {
    /// A company's invitations, newest first: staff any company's, a company admin its
    /// own (another company's is `NOT_FOUND`).
    async fn invitations(
        &self,
        ctx: &Context<'_>,
        company_id: ID,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<Connection<i64, Invitation>> {
        let actor = ctx.authorize(Operation::ManageInvitations)?;
        let company = parse_company_id(&company_id)?;
        let request = page_request(first, after)?;
        let page = invitations::list(ctx.db()?, actor, company, request).await?;
        Ok(connection(
            page,
            request,
            |invitation| invitation.id.0,
            Invitation::from,
        ))
    }
}

#[derive(Default)]
pub struct CompaniesMutation;

#[Object]
impl CompaniesMutation {
    /// Adds a customer company (supplier staff). A name another company has (in any
    /// case) is `CONFLICT`; a VAT number that is not 9 digits is `BAD_USER_INPUT`.
    async fn create_company(
        &self,
        ctx: &Context<'_>,
        input: CompanyInput,
    ) -> async_graphql::Result<Company> {
        let actor = ctx.authorize(Operation::ManageCompanies)?;
        let draft = input.draft()?;
        let txn = crate::db::begin_write(ctx.db()?)
            .await
            .map_err(DomainError::from)?;
        let created = admin::create(&txn, actor, draft).await?;
        txn.commit().await.map_err(DomainError::from)?;
        Ok(created.into())
    }

    /// Changes a company's details and terms (supplier staff).
    async fn update_company(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: CompanyInput,
    ) -> async_graphql::Result<Company> {
        let actor = ctx.authorize(Operation::ManageCompanies)?;
        let company = parse_company_id(&id)?;
        let draft = input.draft()?;
        let txn = crate::db::begin_write(ctx.db()?)
            .await
            .map_err(DomainError::from)?;
        let updated = admin::update(&txn, actor, company, draft).await?;
        txn.commit().await.map_err(DomainError::from)?;
        Ok(updated.into())
    }

    /// Suspends a company (supplier staff): its users still sign in and read, but
    /// placing and approving orders is `FORBIDDEN` with `extensions.reason`
    /// `COMPANY_SUSPENDED`. The reason is shown to them.
    async fn suspend_company(
        &self,
        ctx: &Context<'_>,
        id: ID,
        reason: String,
    ) -> async_graphql::Result<Company> {
        let actor = ctx.authorize(Operation::ManageCompanies)?;
        let company = parse_company_id(&id)?;
        let txn = crate::db::begin_write(ctx.db()?)
            .await
            .map_err(DomainError::from)?;
        let suspended = admin::suspend(&txn, actor, company, &reason).await?;
        txn.commit().await.map_err(DomainError::from)?;
        Ok(suspended.into())
    }

    /// Lets a suspended company order again (supplier staff).
    async fn reinstate_company(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Company> {
        let actor = ctx.authorize(Operation::ManageCompanies)?;
        let company = parse_company_id(&id)?;
        let txn = crate::db::begin_write(ctx.db()?)
            .await
            .map_err(DomainError::from)?;
        let reinstated = admin::reinstate(&txn, actor, company).await?;
        txn.commit().await.map_err(DomainError::from)?;
        Ok(reinstated.into())
    }

    /// E-mails an invitation to join a company with `role`: staff for any company
    /// (a new company's first admin), a company admin for its own. The link works once,
    /// for 7 days. An e-mail that has a user or a pending invitation is `CONFLICT`;
    /// more than 20 invitations in a row by one person is `RATE_LIMITED`.
    async fn invite_company_user(
        &self,
        ctx: &Context<'_>,
        company_id: ID,
        email: String,
        name: String,
        role: RoleEnum,
    ) -> async_graphql::Result<Invitation> {
        let actor = ctx.authorize(Operation::ManageInvitations)?;
        let company = self::parse_company_id(&company_id)?;
        ctx.data::<std::sync::Arc<InvitationThrottle>>()
            .map_err(|_| DomainError::internal(anyhow::anyhow!("no invitation throttle")))?
            .hit(actor)?;
        let new = NewInvitation {
            email,
            name,
            role: role.into(),
        };
        let invitation =
            invitations::invite(ctx.db()?, ctx.token_keys()?, actor, company, new).await?;
        Ok(invitation.into())
    }

    /// Withdraws a pending invitation; its link stops working.
    async fn revoke_invitation(
        &self,
        ctx: &Context<'_>,
        id: ID,
    ) -> async_graphql::Result<Invitation> {
        let actor = ctx.authorize(Operation::ManageInvitations)?;
        let id = InvitationId::parse(&id).ok_or(DomainError::NotFound("invitation"))?;
        Ok(invitations::revoke(ctx.db()?, actor, id).await?.into())
    }

    /// Creates the invited user with its name and a password (the password policy
    /// applies) and signs it in, like `login` (the refresh cookie included). A used,
    /// expired, revoked or unknown link is `BAD_USER_INPUT` saying which; an e-mail
    /// that already has a user is `CONFLICT`.
    async fn accept_invitation(
        &self,
        ctx: &Context<'_>,
        token: String,
        name: String,
        password: String,
    ) -> async_graphql::Result<AuthPayload> {
        let policy = super::two_factor::totp_policy(ctx)?;
        let client = ClientInfo {
            ip: ctx.client_ip().map(|ip| ip.to_string()),
            user_agent: ctx.user_agent(),
        };
        let acceptance = Acceptance {
            token: &token,
            name: &name,
            password: &password,
        };
        let signed_in =
            invitations::accept(ctx.db()?, ctx.token_keys()?, policy, acceptance, &client).await?;
        ctx.append_http_header(
            axum::http::header::SET_COOKIE,
            crate::http::session::refresh_cookie(&signed_in.session),
        );
        Ok(AuthPayload {
            token: signed_in.token,
            user: signed_in.account.into(),
            recovery_codes: signed_in.recovery_codes,
        })
    }
}
