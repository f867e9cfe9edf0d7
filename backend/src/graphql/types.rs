//! GraphQL output and input types: their own structs, built from domain structs.

use async_graphql::{ComplexObject, Context, Enum, ID, InputObject, SimpleObject};

use shared::Money;

use super::loaders::Loaders;
use super::scalars::DecimalScalar;
use crate::domain::DomainError;
use crate::domain::accounts::Account;
use crate::domain::companies::Company as DomainCompany;
use crate::domain::cost_centers::CostCenter as DomainCostCenter;

/// What a user may do; checked by the server on every operation.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(name = "Role", remote = "shared::Role")]
pub enum RoleEnum {
    Buyer,
    Approver,
    Viewer,
    CompanyAdmin,
    SupplierStaff,
}

/// A user of the portal.
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct User {
    pub id: ID,
    pub email: String,
    pub name: String,
    pub role: RoleEnum,
    /// `he` or `en`: the UI language the user chose.
    pub language: String,
    pub active: bool,
    /// A buyer's per-order limit before VAT; above it an order needs approval.
    pub order_limit: Option<DecimalScalar>,
    /// The largest order before VAT this approver may approve; null: no limit.
    pub approval_limit: Option<DecimalScalar>,
    #[graphql(skip)]
    pub company_id: Option<shared::CompanyId>,
}

#[ComplexObject]
impl User {
    /// The user's company; null for supplier staff.
    async fn company(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Company>> {
        let Some(company_id) = self.company_id else {
            return Ok(None);
        };
        let loaders = loaders(ctx)?;
        Ok(loaders
            .company
            .load_one(company_id)
            .await?
            .map(Company::from))
    }
}

impl From<Account> for User {
    fn from(account: Account) -> User {
        User {
            id: ID(account.id.0.to_string()),
            email: account.email.to_string(),
            name: account.name,
            role: RoleEnum::from(account.role),
            language: account.language.code().to_owned(),
            active: account.active,
            order_limit: account.order_limit.map(Into::into),
            approval_limit: account.approval_limit.map(Into::into),
            company_id: account.company_id,
        }
    }
}

/// A customer company.
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct Company {
    pub id: ID,
    pub name: String,
    pub vat_number: Option<String>,
    /// ISO 4217 code, e.g. `ILS`.
    pub currency: String,
    /// `NET 30` (net 30 days) or `EOM+30` (end of month plus 30 days, "shotef + 30").
    pub payment_terms: String,
    /// The most open debt the company may carry ("obligo").
    pub credit_limit: DecimalScalar,
    /// False while the company is suspended (`suspended`).
    pub active: bool,
    /// The supplier suspended the company: its users read everything but cannot
    /// place or approve orders (`FORBIDDEN` with `extensions.reason`
    /// `COMPANY_SUSPENDED`).
    pub suspended: bool,
    /// Why it is suspended, shown to its users; null when it is not.
    pub suspended_reason: Option<String>,
    pub suspended_at: Option<chrono::DateTime<chrono::Utc>>,
    /// The kind of `paymentTerms`, for editing.
    pub payment_terms_kind: PaymentTermsKind,
    /// The days of `paymentTerms`, for editing.
    pub payment_days: i32,
    /// The company's price list; null: the base list only.
    pub price_list_id: Option<ID>,
    /// The company discount in percent.
    pub discount_percent: DecimalScalar,
    #[graphql(skip)]
    pub domain_id: shared::CompanyId,
}

/// How a company's invoices fall due.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
pub enum PaymentTermsKind {
    /// Net N days from the invoice date.
    Net,
    /// "Shotef + N": the end of the invoice's month plus N days.
    EndOfMonth,
}

impl PaymentTermsKind {
    pub fn with_days(self, days: i32) -> crate::domain::companies::PaymentTerms {
        use crate::domain::companies::PaymentTerms;
        match self {
            PaymentTermsKind::Net => PaymentTerms::Net(days),
            PaymentTermsKind::EndOfMonth => PaymentTerms::EndOfMonthPlus(days),
        }
    }
}

#[ComplexObject]
impl Company {
    /// How many users the company has.
    async fn user_count(&self, ctx: &Context<'_>) -> async_graphql::Result<i64> {
        let loaders = loaders(ctx)?;
        Ok(loaders
            .user_count
            .load_one(self.domain_id)
            .await?
            .unwrap_or(0))
    }
}

impl From<DomainCompany> for Company {
    fn from(company: DomainCompany) -> Company {
        Company {
            id: ID(company.id.0.to_string()),
            name: company.name,
            vat_number: company.vat_number,
            currency: company.currency,
            payment_terms: company.payment_terms.label(),
            credit_limit: company.credit_limit.into(),
            active: company.active,
            suspended: !company.active,
            suspended_reason: company.suspended_reason,
            suspended_at: company.suspended_at,
            payment_terms_kind: match company.payment_terms {
                crate::domain::companies::PaymentTerms::Net(_) => PaymentTermsKind::Net,
                crate::domain::companies::PaymentTerms::EndOfMonthPlus(_) => {
                    PaymentTermsKind::EndOfMonth
                }
            },
            payment_days: company.payment_terms.days(),
            price_list_id: company.price_list_id.map(|id| ID(id.to_string())),
            discount_percent: DecimalScalar(
                (rust_decimal::Decimal::from(company.discount_basis_points)
                    / rust_decimal::Decimal::from(100))
                .normalize(),
            ),
            domain_id: company.id,
        }
    }
}

/// A project, branch or department that orders are charged to.
#[derive(SimpleObject)]
pub struct CostCenter {
    pub id: ID,
    pub name: String,
    /// Net spending allowed per calendar month; null when unlimited.
    pub monthly_budget: Option<DecimalScalar>,
    /// Net total of this month's orders charged to it (not rejected or cancelled).
    pub spent_this_month: DecimalScalar,
    /// What is left of this month's budget (negative: over); null when unlimited.
    pub left_this_month: Option<DecimalScalar>,
}

impl From<DomainCostCenter> for CostCenter {
    fn from(cost_center: DomainCostCenter) -> CostCenter {
        CostCenter {
            id: ID(cost_center.id.to_string()),
            name: cost_center.name,
            monthly_budget: cost_center.monthly_budget.map(Into::into),
            spent_this_month: cost_center.spent_this_month.into(),
            left_this_month: cost_center.monthly_budget.map(|budget| {
                Money::new(budget.amount() - cost_center.spent_this_month.amount()).into()
            }),
        }
    }
}

#[derive(SimpleObject)]
pub struct AuthPayload {
    /// A short-lived access token for `Authorization: Bearer <token>`.
    pub token: String,
    pub user: User,
    /// Recovery codes, shown once, when this sign-in completed the two-factor set-up
    /// the policy required; otherwise null.
    pub recovery_codes: Option<Vec<String>>,
}

#[derive(InputObject)]
pub struct CreateCompanyUserInput {
    pub email: String,
    pub name: String,
    pub role: RoleEnum,
    /// The user's first password (at least 10 characters).
    pub password: String,
}

#[derive(InputObject)]
pub struct UpdateCompanyUserInput {
    pub name: Option<String>,
    pub role: Option<RoleEnum>,
    pub active: Option<bool>,
}

pub(super) fn loaders<'a>(ctx: &'a Context<'_>) -> Result<&'a Loaders, DomainError> {
    ctx.data::<Loaders>()
        .map_err(|_| DomainError::internal(anyhow::anyhow!("no loaders in the context")))
}
