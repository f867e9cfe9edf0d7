//! The supplier onboards companies and sets their terms: create, edit, suspend,
//! reinstate. Every change is audited in its transaction with the fields before and
//! after. The assortment stays with `catalog::admin::set_assortment`.

use chrono::Utc;
use rust_decimal::Decimal;
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
};
use serde_json::{Map, Value, json};
use shared::{CompanyId, Money};

use super::{Company, PaymentTerms, stored_credit_limit};
use crate::db::money;
use crate::domain::audit::{self, AuditAction, Entry};
use crate::domain::catalog::admin::{discount_basis_points, ensure_price_list_exists};
use crate::domain::error::violated_unique_constraint;
use crate::domain::{Actor, DomainError};
use crate::entities::company;

/// The only currency supported today: prices, documents and the ledger are in ILS.
/// Another currency needs exchange rates and per-currency price lists first.
pub const SUPPORTED_CURRENCY: &str = "ILS";
/// The longest payment term accepted, against typing mistakes.
pub const MAX_PAYMENT_DAYS: i32 = 365;
pub const MAX_COMPANY_NAME_LENGTH: usize = 200;
pub const MAX_SUSPENSION_REASON_LENGTH: usize = 500;

/// A company's details and terms as the supplier types them.
pub struct CompanyDraft {
    pub name: String,
    pub vat_number: String,
    /// `None`: ILS.
    pub currency: Option<String>,
    pub payment_terms: PaymentTerms,
    pub credit_limit: Money,
    pub price_list_id: Option<i64>,
    pub discount_percent: Decimal,
}

/// A draft checked and in stored form.
struct Checked {
    name: String,
    vat_number: String,
    currency: String,
    payment_terms: PaymentTerms,
    credit_limit: i64,
    price_list_id: Option<i64>,
    discount_basis_points: i32,
}

/// An Israeli company number (ח"פ), which is also its VAT number: 9 digits.
pub fn parse_vat_number(text: &str) -> Result<String, DomainError> {
    let text = text.trim();
    if text.len() == 9 && text.bytes().all(|byte| byte.is_ascii_digit()) {
        Ok(text.to_owned())
    } else {
        Err(DomainError::bad_input(
            "The VAT number (company number) must be exactly 9 digits",
        ))
    }
}

fn parse_company_name(text: &str) -> Result<String, DomainError> {
    let name = text.trim();
    if name.is_empty() {
        return Err(DomainError::bad_input("The company name must not be empty"));
    }
    if name.chars().count() > MAX_COMPANY_NAME_LENGTH {
        return Err(DomainError::bad_input(format!(
            "The company name must have at most {MAX_COMPANY_NAME_LENGTH} characters"
        )));
    }
    Ok(name.to_owned())
}

async fn check(db: &impl ConnectionTrait, draft: CompanyDraft) -> Result<Checked, DomainError> {
    let name = parse_company_name(&draft.name)?;
    let vat_number = parse_vat_number(&draft.vat_number)?;
    let currency = draft
        .currency
        .map(|currency| currency.trim().to_uppercase())
        .unwrap_or_else(|| SUPPORTED_CURRENCY.to_owned());
    if currency != SUPPORTED_CURRENCY {
        return Err(DomainError::bad_input(format!(
            "Only {SUPPORTED_CURRENCY} is supported as a company's currency today"
        )));
    }
    let days = draft.payment_terms.days();
    if !(0..=MAX_PAYMENT_DAYS).contains(&days) {
        return Err(DomainError::bad_input(format!(
            "The payment days must be between 0 and {MAX_PAYMENT_DAYS}"
        )));
    }
    let credit_limit = stored_credit_limit(draft.credit_limit)?;
    let discount_basis_points = discount_basis_points(draft.discount_percent)?;
    ensure_price_list_exists(db, draft.price_list_id).await?;
    Ok(Checked {
        name,
        vat_number,
        currency,
        payment_terms: draft.payment_terms,
        credit_limit,
        price_list_id: draft.price_list_id,
        discount_basis_points,
    })
}

/// The audited fields of a company, for the log's before and after.
fn snapshot(row: &company::Model) -> Map<String, Value> {
    let terms = PaymentTerms::from_columns(&row.payment_terms, row.payment_days);
    let mut fields = Map::new();
    fields.insert("name".into(), row.name.clone().into());
    fields.insert("vatNumber".into(), json!(row.vat_number));
    fields.insert("currency".into(), row.currency.clone().into());
    fields.insert("paymentTerms".into(), terms.label().into());
    fields.insert(
        "creditLimit".into(),
        audit::amount(money::from_db(row.credit_limit)),
    );
    fields.insert("priceList".into(), json!(row.price_list_id));
    fields.insert(
        "discountPercent".into(),
        (Decimal::from(row.discount_basis_points) / Decimal::from(100))
            .normalize()
            .to_string()
            .into(),
    );
    fields
}

/// A name taken by another company, compared without case or surrounding spaces.
async fn ensure_name_free(
    db: &impl ConnectionTrait,
    name: &str,
    except: Option<CompanyId>,
) -> Result<(), DomainError> {
    let mut query = company::Entity::find()
        .filter(Expr::expr(Func::lower(Expr::col(company::Column::Name))).eq(name.to_lowercase()));
    if let Some(except) = except {
        query = query.filter(company::Column::Id.ne(except.0));
    }
    if query.one(db).await?.is_some() {
        return Err(name_taken(name));
    }
    Ok(())
}

fn name_taken(name: &str) -> DomainError {
    DomainError::Conflict(format!("A company named {name} already exists"))
}

/// The unique index on the name catches two creations racing past the check.
fn map_unique(error: sea_orm::DbErr, name: &str) -> DomainError {
    if violated_unique_constraint(&error).is_some() {
        name_taken(name)
    } else {
        error.into()
    }
}

fn apply(row: &mut company::ActiveModel, checked: Checked) {
    row.name = Set(checked.name);
    row.vat_number = Set(Some(checked.vat_number));
    row.currency = Set(checked.currency);
    row.payment_terms = Set(checked.payment_terms.kind().to_owned());
    row.payment_days = Set(checked.payment_terms.days());
    row.credit_limit = Set(checked.credit_limit);
    row.price_list_id = Set(checked.price_list_id);
    row.discount_basis_points = Set(checked.discount_basis_points);
}

/// The supplier adds a company (active, no users yet: invite its first admin next).
pub async fn create(
    db: &impl ConnectionTrait,
    actor: &Actor,
    draft: CompanyDraft,
) -> Result<Company, DomainError> {
    let checked = check(db, draft).await?;
    ensure_name_free(db, &checked.name, None).await?;
    let name = checked.name.clone();
    let mut row = company::ActiveModel {
        active: Set(true),
        created_at: Set(Utc::now()),
        auto_approval_limit: Set(None),
        dual_approval_limit: Set(None),
        approvers_require_totp: Set(false),
        suspended_reason: Set(None),
        suspended_at: Set(None),
        ..Default::default()
    };
    apply(&mut row, checked);
    let inserted = row
        .insert(db)
        .await
        .map_err(|error| map_unique(error, &name))?;
    Entry::new(AuditAction::CompanyCreated)
        .by(actor)
        .company(Some(CompanyId(inserted.id)))
        .target("company", inserted.id)
        .after(snapshot(&inserted).into())
        .record(db)
        .await?;
    Ok(Company::from(inserted))
}

/// The supplier changes a company's details and terms; only the fields that changed
/// are audited (nothing when nothing changed).
pub async fn update(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: CompanyId,
    draft: CompanyDraft,
) -> Result<Company, DomainError> {
    let existing = company::Entity::find_by_id(id.0)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound("company"))?;
    let checked = check(db, draft).await?;
    ensure_name_free(db, &checked.name, Some(id)).await?;
    let name = checked.name.clone();
    let mut row: company::ActiveModel = existing.clone().into();
    apply(&mut row, checked);
    let updated = row
        .update(db)
        .await
        .map_err(|error| map_unique(error, &name))?;
    let (before, after) = (snapshot(&existing), snapshot(&updated));
    let changed: Vec<String> = after
        .iter()
        .filter(|(field, value)| before.get(*field) != Some(*value))
        .map(|(field, _)| field.clone())
        .collect();
    if !changed.is_empty() {
        let only = |fields: &Map<String, Value>| -> Value {
            changed
                .iter()
                .filter_map(|field| {
                    fields
                        .get(field)
                        .map(|value| (field.clone(), value.clone()))
                })
                .collect::<Map<_, _>>()
                .into()
        };
        Entry::new(AuditAction::CompanyUpdated)
            .by(actor)
            .company(Some(id))
            .target("company", id.0)
            .before(only(&before))
            .after(only(&after))
            .record(db)
            .await?;
    }
    Ok(Company::from(updated))
}

/// Suspends a company: its users keep reading everything, but no order of it is
/// placed or approved until [`reinstate`] (see `ensure_may_order`). The reason is
/// shown to its users.
pub async fn suspend(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: CompanyId,
    reason: &str,
) -> Result<Company, DomainError> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(DomainError::bad_input(
            "Give the reason for the suspension: the company's users see it",
        ));
    }
    if reason.chars().count() > MAX_SUSPENSION_REASON_LENGTH {
        return Err(DomainError::bad_input(format!(
            "The reason may have at most {MAX_SUSPENSION_REASON_LENGTH} characters"
        )));
    }
    let existing = company::Entity::find_by_id(id.0)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound("company"))?;
    if !existing.active {
        return Err(DomainError::Conflict(
            "This company is already suspended".to_owned(),
        ));
    }
    let mut row: company::ActiveModel = existing.into();
    row.active = Set(false);
    row.suspended_reason = Set(Some(reason.to_owned()));
    row.suspended_at = Set(Some(Utc::now()));
    let updated = row.update(db).await?;
    Entry::new(AuditAction::CompanySuspended)
        .by(actor)
        .company(Some(id))
        .target("company", id.0)
        .before(json!({ "suspended": false }))
        .after(json!({ "suspended": true, "reason": reason }))
        .record(db)
        .await?;
    Ok(Company::from(updated))
}

/// Lets a suspended company order again.
pub async fn reinstate(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: CompanyId,
) -> Result<Company, DomainError> {
    let existing = company::Entity::find_by_id(id.0)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound("company"))?;
    if existing.active {
        return Err(DomainError::Conflict(
            "This company is not suspended".to_owned(),
        ));
    }
    let reason = existing.suspended_reason.clone();
    let mut row: company::ActiveModel = existing.into();
    row.active = Set(true);
    row.suspended_reason = Set(None);
    row.suspended_at = Set(None);
    let updated = row.update(db).await?;
    Entry::new(AuditAction::CompanyReinstated)
        .by(actor)
        .company(Some(id))
        .target("company", id.0)
        .before(json!({ "suspended": true, "reason": reason }))
        .after(json!({ "suspended": false }))
        .record(db)
        .await?;
    Ok(Company::from(updated))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_vat_number_is_exactly_nine_digits() {
        assert_eq!(
            parse_vat_number(" 514000017 ").ok(),
            Some("514000017".into())
        );
        for bad in [
            "51400001",
            "5140000170",
            "51400001a",
            "514-000-017",
            "",
            "５１４００００１７",
        ] {
            assert!(parse_vat_number(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_company_name_is_trimmed_and_not_empty() {
        assert_eq!(parse_company_name("  Galil ").ok(), Some("Galil".into()));
        assert!(parse_company_name("   ").is_err());
        assert!(parse_company_name(&"x".repeat(201)).is_err());
    }
}
