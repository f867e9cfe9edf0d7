//! Payments: recorded one by one by staff, or imported from the CSV an ERP exports.
//! An import is checked whole first (a dry run lists every bad row with its line and
//! reason); applying writes every row or none, like the catalog import.
//!
//! CSV columns (header names, any order, case-insensitive): `company` (the company's
//! VAT number or its id), `date` (`2026-03-31` or `31/03/2026`), `amount` (`1234.50`;
//! with `;` between fields a decimal comma is accepted: `1234,50`), `reference` (the
//! ERP's receipt number; unique per company); `note` is optional.

use std::collections::{HashMap, HashSet};
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
};
use shared::{CompanyId, Money};

use super::{EntryKind, NewEntry};
use crate::db::money;
use crate::domain::error::violated_unique_constraint;
use crate::domain::{Actor, DomainError};
use crate::entities::{company, payment};

pub const MAX_ROWS: usize = 10_000;
/// The largest file accepted: `MAX_ROWS` rows of about 80 bytes with room to spare.
pub const MAX_FILE_BYTES: usize = 1024 * 1024;
pub const MAX_REPORTED_ERRORS: usize = 500;
pub const MAX_REFERENCE_LENGTH: usize = 100;
pub const MAX_NOTE_LENGTH: usize = 300;
/// The largest single payment accepted: a typo guard, not a business rule.
pub const MAX_AMOUNT_ILS: i64 = 100_000_000;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaymentInput {
    pub company_id: CompanyId,
    pub amount: Decimal,
    pub received_on: NaiveDate,
    pub reference: String,
    pub note: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Payment {
    pub id: i64,
    pub company_id: CompanyId,
    pub amount: Money,
    pub received_on: NaiveDate,
    pub reference: String,
    pub note: String,
}

impl From<payment::Model> for Payment {
    fn from(row: payment::Model) -> Payment {
        Payment {
            id: row.id,
            company_id: CompanyId(row.company_id),
            amount: money::from_db(row.amount),
            received_on: row.received_on,
            reference: row.reference,
            note: row.note,
        }
    }
}

/// A payment's fields, checked; the message names what is wrong.
fn validate(
    amount: Decimal,
    received_on: NaiveDate,
    reference: &str,
    note: &str,
    today: NaiveDate,
) -> Result<(i64, String, String), String> {
    if amount <= Decimal::ZERO {
        return Err("the amount must be more than 0".to_owned());
    }
    if amount.normalize().scale() > 2 {
        return Err(format!("the amount {amount} has more than 2 decimals"));
    }
    if amount > Decimal::from(MAX_AMOUNT_ILS) {
        return Err(format!(
            "the amount {amount} is above the largest accepted payment"
        ));
    }
    let stored = money::to_db(Money::new(amount)).ok_or("the amount is too large")?;
    if received_on > today {
        return Err(format!("the date {received_on} is in the future"));
    }
    let reference = reference.trim();
    if reference.is_empty() {
        return Err("a payment needs a reference (the receipt or transfer number)".to_owned());
    }
    if reference.chars().count() > MAX_REFERENCE_LENGTH {
        return Err(format!(
            "the reference may have at most {MAX_REFERENCE_LENGTH} characters"
        ));
    }
    let note = note.trim();
    if note.chars().count() > MAX_NOTE_LENGTH {
        return Err(format!(
            "the note may have at most {MAX_NOTE_LENGTH} characters"
        ));
    }
    Ok((stored, reference.to_owned(), note.to_owned()))
}

async fn insert(
    txn: &impl ConnectionTrait,
    actor: &Actor,
    valid: Row,
    now: DateTime<Utc>,
) -> Result<payment::Model, DomainError> {
    let Row {
        company_id,
        amount,
        received_on,
        reference,
        note,
        ..
    } = valid;
    let row = payment::ActiveModel {
        company_id: Set(company_id),
        amount: Set(amount),
        received_on: Set(received_on),
        reference: Set(reference.clone()),
        note: Set(note),
        recorded_by: Set(actor.user_id.0),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await;
    let row = match row {
        Ok(row) => row,
        Err(error) if violated_unique_constraint(&error).is_some() => {
            return Err(DomainError::Conflict(format!(
                "Payment {reference} is already recorded for this company"
            )));
        }
        Err(error) => return Err(error.into()),
    };
    super::post(
        txn,
        NewEntry {
            company_id,
            date: received_on,
            kind: EntryKind::Payment,
            reference,
            debit: Money::ZERO,
            credit: money::from_db(amount),
            invoice_id: None,
            credit_note_id: None,
            payment_id: Some(row.id),
            due_date: None,
            created_at: now,
        },
    )
    .await?;
    Ok(row)
}

/// Records one payment inside `txn` and credits the company's ledger.
pub async fn record(
    txn: &impl ConnectionTrait,
    actor: &Actor,
    input: PaymentInput,
    now: DateTime<Utc>,
) -> Result<Payment, DomainError> {
    let company = company::Entity::find_by_id(input.company_id.0)
        .one(txn)
        .await?
        .ok_or(DomainError::NotFound("company"))?;
    let (amount, reference, note) = validate(
        input.amount,
        input.received_on,
        &input.reference,
        &input.note,
        now.date_naive(),
    )
    .map_err(|message| DomainError::bad_input(capitalize(&message)))?;
    let row = insert(
        txn,
        actor,
        Row {
            line: 0,
            company_id: company.id,
            amount,
            received_on: input.received_on,
            reference,
            note,
        },
        now,
    )
    .await?;
    Ok(row.into())
}

fn capitalize(message: &str) -> String {
    let mut chars = message.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    /// The line of the file, the header being line 1.
    pub line: u64,
    pub message: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub rows: usize,
    pub total: Money,
    pub error_count: usize,
    pub errors: Vec<RowError>,
    pub applied: bool,
}

/// A checked payment: `line` is its line in an imported file (0 when typed in).
struct Row {
    line: u64,
    company_id: i64,
    amount: i64,
    received_on: NaiveDate,
    reference: String,
    note: String,
}

/// `2026-03-31` or `31/03/2026` (also `31.03.2026`).
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(text, "%d/%m/%Y"))
        .or_else(|_| NaiveDate::parse_from_str(text, "%d.%m.%Y"))
        .ok()
}

fn parse_amount(text: &str, delimiter: u8) -> Result<Decimal, String> {
    let text = text.trim();
    let cleaned: String = if delimiter == b';' {
        text.replace('.', "").replace(',', ".")
    } else {
        text.replace(',', "")
    };
    let cleaned = cleaned.trim_start_matches('₪').trim();
    Decimal::from_str(cleaned).map_err(|_| format!("'{text}' is not an amount"))
}

fn report_of_errors(mut errors: Vec<RowError>) -> ImportReport {
    errors.sort_by_key(|error| error.line);
    let error_count = errors.len();
    errors.truncate(MAX_REPORTED_ERRORS);
    ImportReport {
        error_count,
        errors,
        ..Default::default()
    }
}

/// Checks the whole file and, unless `dry_run`, records every payment inside `txn`.
/// The caller commits only when the report says it was applied.
pub async fn import(
    txn: &impl ConnectionTrait,
    actor: &Actor,
    text: &str,
    dry_run: bool,
    now: DateTime<Utc>,
) -> Result<ImportReport, DomainError> {
    crate::domain::upload::check_size(text, MAX_FILE_BYTES)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let header_line = text.lines().next().unwrap_or_default();
    let delimiter = if header_line.matches(';').count() > header_line.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(false)
        .trim(::csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(headers) => headers
            .iter()
            .map(|name| name.trim().to_lowercase())
            .collect(),
        Err(error) => {
            return Ok(report_of_errors(vec![RowError {
                line: 1,
                message: format!("the header cannot be read: {error}"),
            }]));
        }
    };
    const REQUIRED: [&str; 4] = ["company", "date", "amount", "reference"];
    const OPTIONAL: [&str; 1] = ["note"];
    let missing: Vec<&str> = REQUIRED
        .iter()
        .copied()
        .filter(|name| !headers.iter().any(|header| header == name))
        .collect();
    if !missing.is_empty() {
        return Ok(report_of_errors(vec![RowError {
            line: 1,
            message: format!("missing columns: {}", missing.join(", ")),
        }]));
    }
    if let Some(unknown) = headers
        .iter()
        .find(|name| !REQUIRED.contains(&name.as_str()) && !OPTIONAL.contains(&name.as_str()))
    {
        return Ok(report_of_errors(vec![RowError {
            line: 1,
            message: format!("unknown column '{unknown}'"),
        }]));
    }
    let column: HashMap<&str, usize> = headers
        .iter()
        .enumerate()
        .map(|(index, name)| (name.as_str(), index))
        .collect();

    let companies = company::Entity::find().all(txn).await?;
    let by_vat: HashMap<String, i64> = companies
        .iter()
        .filter_map(|row| {
            row.vat_number
                .as_ref()
                .map(|vat| (vat.trim().to_owned(), row.id))
        })
        .collect();
    let ids: HashSet<i64> = companies.iter().map(|row| row.id).collect();
    let today = now.date_naive();

    let mut rows = Vec::new();
    let mut errors = Vec::new();
    let mut seen: HashMap<(i64, String), u64> = HashMap::new();
    for (index, record) in reader.records().enumerate() {
        if index >= MAX_ROWS {
            errors.push(RowError {
                line: index as u64 + 2,
                message: format!("a file may have at most {MAX_ROWS} rows"),
            });
            break;
        }
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                let line = error
                    .position()
                    .map_or(index as u64 + 2, |position| position.line());
                errors.push(RowError {
                    line,
                    message: format!("the row cannot be read: {error}"),
                });
                continue;
            }
        };
        let line = record
            .position()
            .map_or(index as u64 + 2, |position| position.line());
        let field = |name: &str| {
            column
                .get(name)
                .and_then(|index| record.get(*index))
                .unwrap_or_default()
        };
        let row = (|| -> Result<Row, String> {
            let company_text = field("company").trim();
            // A VAT number first (what an ERP exports), else our id.
            let company_id = by_vat
                .get(company_text)
                .copied()
                .or_else(|| {
                    company_text
                        .parse::<i64>()
                        .ok()
                        .filter(|id| ids.contains(id))
                })
                .ok_or_else(|| format!("no company has VAT number or id '{company_text}'"))?;
            let received_on = parse_date(field("date")).ok_or_else(|| {
                format!(
                    "'{}' is not a date (2026-03-31 or 31/03/2026)",
                    field("date")
                )
            })?;
            let amount = parse_amount(field("amount"), delimiter)?;
            let (amount, reference, note) = validate(
                amount,
                received_on,
                field("reference"),
                field("note"),
                today,
            )?;
            Ok(Row {
                line,
                company_id,
                amount,
                received_on,
                reference,
                note,
            })
        })();
        match row {
            Ok(row) => {
                if let Some(first) = seen.insert((row.company_id, row.reference.clone()), line) {
                    errors.push(RowError {
                        line,
                        message: format!(
                            "payment {} of this company already appears on line {first}",
                            row.reference
                        ),
                    });
                } else {
                    rows.push(row);
                }
            }
            Err(message) => errors.push(RowError { line, message }),
        }
    }
    if rows.is_empty() && errors.is_empty() {
        errors.push(RowError {
            line: 2,
            message: "the file has no rows".to_owned(),
        });
    }
    // Payments recorded before (a file imported twice) are refused by reference.
    if !rows.is_empty() {
        let references: Vec<String> = rows.iter().map(|row| row.reference.clone()).collect();
        let existing: HashSet<(i64, String)> = payment::Entity::find()
            .filter(payment::Column::Reference.is_in(references))
            .all(txn)
            .await?
            .into_iter()
            .map(|row| (row.company_id, row.reference))
            .collect();
        for row in &rows {
            if existing.contains(&(row.company_id, row.reference.clone())) {
                errors.push(RowError {
                    line: row.line,
                    message: format!("payment {} is already recorded", row.reference),
                });
            }
        }
    }
    if !errors.is_empty() {
        return Ok(report_of_errors(errors));
    }
    let mut report = ImportReport {
        rows: rows.len(),
        total: rows.iter().map(|row| money::from_db(row.amount)).sum(),
        ..Default::default()
    };
    if dry_run {
        return Ok(report);
    }
    for row in rows {
        insert(txn, actor, row, now).await?;
    }
    report.applied = true;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        parse_date(text).unwrap_or_default()
    }

    #[test]
    fn dates_are_read_in_iso_and_israeli_order() {
        assert_eq!(
            parse_date("2026-03-31"),
            NaiveDate::from_ymd_opt(2026, 3, 31)
        );
        assert_eq!(
            parse_date("31/03/2026"),
            NaiveDate::from_ymd_opt(2026, 3, 31)
        );
        assert_eq!(
            parse_date("31.03.2026"),
            NaiveDate::from_ymd_opt(2026, 3, 31)
        );
        assert_eq!(parse_date("03/31/2026"), None);
        assert_eq!(parse_date("yesterday"), None);
    }

    #[test]
    fn amounts_accept_thousands_separators_and_the_decimal_comma_with_semicolons() {
        assert_eq!(parse_amount("1,234.50", b','), Ok(Decimal::new(123_450, 2)));
        assert_eq!(parse_amount("1.234,50", b';'), Ok(Decimal::new(123_450, 2)));
        assert_eq!(parse_amount("₪ 99", b','), Ok(Decimal::from(99)));
        assert!(parse_amount("abc", b',').is_err());
    }

    #[test]
    fn a_payment_needs_a_positive_amount_in_agorot_a_past_date_and_a_reference() {
        let today = day("2026-05-01");
        assert!(validate(Decimal::from(100), today, "R-1", "", today).is_ok());
        assert!(validate(Decimal::ZERO, today, "R-1", "", today).is_err());
        assert!(validate(Decimal::from(-5), today, "R-1", "", today).is_err());
        assert!(validate(Decimal::new(1005, 3), today, "R-1", "", today).is_err());
        assert!(validate(Decimal::from(100), day("2026-05-02"), "R-1", "", today).is_err());
        assert!(validate(Decimal::from(100), today, "  ", "", today).is_err());
        assert!(validate(Decimal::from(MAX_AMOUNT_ILS + 1), today, "R-1", "", today).is_err());
    }
}
