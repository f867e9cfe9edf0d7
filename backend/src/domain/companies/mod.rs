//! Customer companies and their commercial terms. `admin.rs`: the supplier creates,
//! edits, suspends and reinstates them; `invitations.rs`: the e-mailed links that
//! create their users.

pub mod admin;
pub mod invitations;

use std::collections::HashMap;

use chrono::{Datelike, Days, NaiveDate};

use sea_orm::sea_query::LockType;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QueryOrder,
    QuerySelect,
};
use shared::{CompanyId, Money};

use super::page::{Page, PageRequest};
use super::{Actor, DomainError};
use crate::db::money;
use crate::entities::{company, user};

/// When an invoice falls due (rule 6).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PaymentTerms {
    /// Net N days from the invoice date.
    Net(i32),
    /// "Shotef + N": the end of the invoice's month plus N days.
    EndOfMonthPlus(i32),
}

impl PaymentTerms {
    pub fn from_columns(kind: &str, days: i32) -> PaymentTerms {
        match kind {
            "EOM" => PaymentTerms::EndOfMonthPlus(days),
            _ => PaymentTerms::Net(days),
        }
    }

    /// The stored kind: `NET` or `EOM`.
    pub fn kind(self) -> &'static str {
        match self {
            PaymentTerms::Net(_) => "NET",
            PaymentTerms::EndOfMonthPlus(_) => "EOM",
        }
    }

    pub fn days(self) -> i32 {
        match self {
            PaymentTerms::Net(days) | PaymentTerms::EndOfMonthPlus(days) => days,
        }
    }

    /// When an invoice issued on `issued_on` falls due: net N is N days after the
    /// invoice date; "shotef + N" is N days after the last day of the invoice's month.
    pub fn due_date(self, issued_on: NaiveDate) -> NaiveDate {
        match self {
            PaymentTerms::Net(days) => issued_on + Days::new(u64::try_from(days).unwrap_or(0)),
            PaymentTerms::EndOfMonthPlus(days) => {
                end_of_month(issued_on) + Days::new(u64::try_from(days).unwrap_or(0))
            }
        }
    }

    /// `NET 30` or `EOM+30`: short, the same in every language.
    pub fn label(self) -> String {
        match self {
            PaymentTerms::Net(days) => format!("NET {days}"),
            PaymentTerms::EndOfMonthPlus(days) => format!("EOM+{days}"),
        }
    }
}

/// The last day of the month of `day`.
pub fn end_of_month(day: NaiveDate) -> NaiveDate {
    let (year, month) = if day.month() == 12 {
        (day.year() + 1, 1)
    } else {
        (day.year(), day.month() + 1)
    };
    NaiveDate::from_ymd_opt(year, month, 1)
        .and_then(|first| first.pred_opt())
        .unwrap_or(day)
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Company {
    pub id: CompanyId,
    pub name: String,
    pub vat_number: Option<String>,
    pub currency: String,
    pub payment_terms: PaymentTerms,
    pub credit_limit: Money,
    /// False while the company is suspended: it reads but does not order.
    pub active: bool,
    pub suspended_reason: Option<String>,
    pub suspended_at: Option<chrono::DateTime<chrono::Utc>>,
    /// The company's price list; `None`: the base list only.
    pub price_list_id: Option<i64>,
    /// The company discount in hundredths of a percent.
    pub discount_basis_points: i32,
}

impl From<company::Model> for Company {
    fn from(row: company::Model) -> Company {
        Company {
            id: CompanyId(row.id),
            name: row.name,
            vat_number: row.vat_number,
            currency: row.currency,
            payment_terms: PaymentTerms::from_columns(&row.payment_terms, row.payment_days),
            credit_limit: money::from_db(row.credit_limit),
            active: row.active,
            suspended_reason: row.suspended_reason,
            suspended_at: row.suspended_at,
            price_list_id: row.price_list_id,
            discount_basis_points: row.discount_basis_points,
        }
    }
}

/// The company's row, locked until commit, for the writes that read the company's
/// totals and write back what follows from them: the credit check of a new order
/// (rule 6), whose open orders and debt must not move under it, and the suggestion
/// counts' purchase days, which two orders at once would each overwrite. PostgreSQL
/// only (SQLite has one writer anyway and no row locks). `FOR NO KEY UPDATE`, not `FOR
/// UPDATE`: a new order's own foreign key holds `KEY SHARE` on that row in every
/// concurrent placement, and `FOR UPDATE` would deadlock with it.
pub async fn lock(
    txn: &impl ConnectionTrait,
    company_id: CompanyId,
) -> Result<company::Model, DomainError> {
    company::Entity::find_by_id(company_id.0)
        .lock(LockType::NoKeyUpdate)
        .one(txn)
        .await?
        .ok_or(DomainError::NotFound("company"))
}

/// The one rule of a suspension: a suspended company's users read everything but
/// cannot order. Checked where an order is placed (the portal, staff entering one for
/// the company) and where one is approved (approving is ordering).
pub fn ensure_may_order(company: &company::Model) -> Result<(), DomainError> {
    if company.active {
        Ok(())
    } else {
        Err(DomainError::CompanySuspended)
    }
}

/// One company, if the caller may see it; another company's is `NotFound`, so its
/// existence is not revealed.
pub async fn get_visible(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: CompanyId,
) -> Result<Company, DomainError> {
    if !actor.can_see_company(id) {
        return Err(DomainError::NotFound("company"));
    }
    company::Entity::find_by_id(id.0)
        .one(db)
        .await?
        .map(Company::from)
        .ok_or(DomainError::NotFound("company"))
}

/// Companies by id, in one query (for the DataLoader).
pub async fn by_ids(
    db: &impl ConnectionTrait,
    ids: &[CompanyId],
) -> Result<HashMap<CompanyId, Company>, DomainError> {
    let rows = company::Entity::find()
        .filter(company::Column::Id.is_in(ids.iter().map(|id| id.0)))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| (CompanyId(row.id), Company::from(row)))
        .collect())
}

/// Every company, for supplier staff.
pub async fn list(
    db: &impl ConnectionTrait,
    page: PageRequest,
) -> Result<Page<Company>, DomainError> {
    let mut query = company::Entity::find()
        .order_by_asc(company::Column::Id)
        .limit(page.size + 1);
    if let Some(after) = page.after {
        query = query.filter(company::Column::Id.gt(after));
    }
    let rows = query.all(db).await?;
    Ok(Page::from_overfetched(
        rows.into_iter().map(Company::from).collect(),
        page,
    ))
}

#[derive(FromQueryResult)]
struct UserCountRow {
    company_id: Option<i64>,
    user_count: i64,
}

/// The number of users of each company, in one grouped query (for the DataLoader).
pub async fn user_counts(
    db: &impl ConnectionTrait,
    ids: &[CompanyId],
) -> Result<HashMap<CompanyId, i64>, DomainError> {
    let rows = user::Entity::find()
        .select_only()
        .column(user::Column::CompanyId)
        .column_as(user::Column::Id.count(), "user_count")
        .filter(user::Column::CompanyId.is_in(ids.iter().map(|id| id.0)))
        .group_by(user::Column::CompanyId)
        .into_model::<UserCountRow>()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| row.company_id.map(|id| (CompanyId(id), row.user_count)))
        .collect())
}

/// The largest credit limit accepted, against typing mistakes.
const MAX_CREDIT_LIMIT: i64 = 1_000_000_000;

/// A credit limit as stored, if it is one: 0 to [`MAX_CREDIT_LIMIT`], at most 4
/// decimals.
pub fn stored_credit_limit(credit_limit: Money) -> Result<i64, DomainError> {
    let amount = credit_limit.amount();
    if amount < rust_decimal::Decimal::ZERO
        || amount > rust_decimal::Decimal::from(MAX_CREDIT_LIMIT)
    {
        return Err(DomainError::bad_input(format!(
            "The credit limit must be between 0 and {MAX_CREDIT_LIMIT}"
        )));
    }
    money::to_db(credit_limit)
        .ok_or_else(|| DomainError::bad_input("The credit limit may have at most 4 decimals"))
}

/// The supplier sets a company's credit limit ("obligo", rule 6); audited in `db`'s
/// transaction with the limit before and after.
pub async fn set_credit_limit(
    db: &impl ConnectionTrait,
    actor: &Actor,
    company_id: CompanyId,
    credit_limit: Money,
) -> Result<Money, DomainError> {
    let stored = stored_credit_limit(credit_limit)?;
    let existing = company::Entity::find_by_id(company_id.0)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound("company"))?;
    company::Entity::update_many()
        .col_expr(
            company::Column::CreditLimit,
            sea_orm::sea_query::Expr::value(stored),
        )
        .filter(company::Column::Id.eq(company_id.0))
        .exec(db)
        .await?;
    let before = money::from_db(existing.credit_limit);
    let after = money::from_db(stored);
    super::audit::Entry::new(super::audit::AuditAction::CreditLimitChanged)
        .by(actor)
        .company(Some(company_id))
        .target("company", company_id.0)
        .before(serde_json::json!({ "creditLimit": super::audit::amount(before) }))
        .after(serde_json::json!({ "creditLimit": super::audit::amount(after) }))
        .record(db)
        .await?;
    Ok(after)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_default()
    }

    #[test]
    fn net_30_is_thirty_days_after_the_invoice_across_month_and_year_ends() {
        let net = PaymentTerms::Net(30);
        assert_eq!(net.due_date(day("2026-03-10")), day("2026-04-09"));
        assert_eq!(net.due_date(day("2026-01-31")), day("2026-03-02"));
        assert_eq!(net.due_date(day("2026-12-15")), day("2027-01-14"));
        assert_eq!(net.due_date(day("2026-12-31")), day("2027-01-30"));
        // 2028 is a leap year.
        assert_eq!(net.due_date(day("2028-02-01")), day("2028-03-02"));
        assert_eq!(
            PaymentTerms::Net(0).due_date(day("2026-05-05")),
            day("2026-05-05")
        );
    }

    #[test]
    fn shotef_plus_30_is_thirty_days_after_the_end_of_the_invoice_month() {
        let shotef = PaymentTerms::EndOfMonthPlus(30);
        // Any day of March: the end of March plus 30 days.
        assert_eq!(shotef.due_date(day("2026-03-01")), day("2026-04-30"));
        assert_eq!(shotef.due_date(day("2026-03-31")), day("2026-04-30"));
        // February (28 days in 2026, 29 in 2028).
        assert_eq!(shotef.due_date(day("2026-02-10")), day("2026-03-30"));
        assert_eq!(shotef.due_date(day("2028-02-10")), day("2028-03-30"));
        // December: into the next year.
        assert_eq!(shotef.due_date(day("2026-12-01")), day("2027-01-30"));
        assert_eq!(shotef.due_date(day("2026-12-31")), day("2027-01-30"));
        // November: over the year end.
        assert_eq!(
            PaymentTerms::EndOfMonthPlus(60).due_date(day("2026-11-15")),
            day("2027-01-29")
        );
        assert_eq!(
            PaymentTerms::EndOfMonthPlus(0).due_date(day("2026-04-02")),
            day("2026-04-30")
        );
    }

    #[test]
    fn the_end_of_a_month_knows_leap_years_and_december() {
        assert_eq!(end_of_month(day("2026-02-03")), day("2026-02-28"));
        assert_eq!(end_of_month(day("2028-02-29")), day("2028-02-29"));
        assert_eq!(end_of_month(day("2026-12-05")), day("2026-12-31"));
        assert_eq!(end_of_month(day("2026-04-30")), day("2026-04-30"));
    }

    #[test]
    fn terms_read_from_their_columns() {
        assert_eq!(
            PaymentTerms::from_columns("EOM", 30),
            PaymentTerms::EndOfMonthPlus(30)
        );
        assert_eq!(PaymentTerms::from_columns("NET", 45), PaymentTerms::Net(45));
        assert_eq!(PaymentTerms::EndOfMonthPlus(30).label(), "EOM+30");
    }
}
