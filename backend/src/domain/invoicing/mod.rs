//! Invoices and credit notes (rule 8): issued inside the workflow's transaction,
//! numbered without gaps per year (`numbering`), immutable once issued, and rendered
//! as PDF on demand from the stored rows (`pdf`).
//!
//! **Immutable:** an invoice copies everything it shows when it is issued (supplier
//! and customer details, payment terms, lines, totals), so a later change of a
//! company, a product or a price never changes an issued document; no code path
//! updates or deletes an invoice or a credit note. A correction is a credit note.

pub mod issue;
pub mod numbering;
pub mod pdf;
pub mod read;

use chrono::{DateTime, NaiveDate, Utc};
use shared::{CompanyId, Money};

/// The supplier's details printed on every document (the wholesaler running the
/// portal): `SUPPLIER_NAME`, `SUPPLIER_VAT_NUMBER`, `SUPPLIER_ADDRESS`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SupplierDetails {
    pub name: String,
    pub vat_number: String,
    pub address: String,
}

impl Default for SupplierDetails {
    /// The demo wholesaler.
    fn default() -> SupplierDetails {
        SupplierDetails {
            name: "המקור סיטונאות בע״מ".to_owned(),
            vat_number: "513000009".to_owned(),
            address: "רחוב המלאכה 12, חיפה".to_owned(),
        }
    }
}

impl SupplierDetails {
    /// Reads the environment, keeping the demo's details for what is not set.
    pub fn from_env() -> SupplierDetails {
        let defaults = SupplierDetails::default();
        let read = |name: &str, default: String| match std::env::var(name) {
            Ok(value) if !value.trim().is_empty() => value.trim().to_owned(),
            _ => default,
        };
        SupplierDetails {
            name: read("SUPPLIER_NAME", defaults.name),
            vat_number: read("SUPPLIER_VAT_NUMBER", defaults.vat_number),
            address: read("SUPPLIER_ADDRESS", defaults.address),
        }
    }
}

/// One line of an invoice or a credit note, as issued.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentLine {
    pub position: i32,
    pub sku: String,
    pub name_he: String,
    pub name_en: String,
    pub quantity: i32,
    pub unit_price: Money,
    pub line_total: Money,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invoice {
    pub id: i64,
    /// `INV-2026-000001`.
    pub number: String,
    pub order_id: i64,
    pub company_id: CompanyId,
    pub issued_at: DateTime<Utc>,
    pub issue_date: NaiveDate,
    pub due_date: NaiveDate,
    /// `NET 30` or `EOM+30`.
    pub payment_terms: String,
    pub supplier: SupplierDetails,
    pub customer_name: String,
    pub customer_vat_number: Option<String>,
    pub currency: String,
    pub vat_rate_percent: i32,
    pub subtotal: Money,
    pub vat: Money,
    pub total: Money,
    pub lines: Vec<DocumentLine>,
}

/// Why a credit note was issued.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CreditReason {
    /// The order was cancelled after it was invoiced.
    Cancelled,
    WrongItem,
    Damaged,
    Other,
}

impl CreditReason {
    pub const ALL: [CreditReason; 4] = [
        CreditReason::Cancelled,
        CreditReason::WrongItem,
        CreditReason::Damaged,
        CreditReason::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CreditReason::Cancelled => "CANCELLED",
            CreditReason::WrongItem => "WRONG_ITEM",
            CreditReason::Damaged => "DAMAGED",
            CreditReason::Other => "OTHER",
        }
    }

    pub fn parse(name: &str) -> Option<CreditReason> {
        CreditReason::ALL
            .into_iter()
            .find(|reason| reason.as_str() == name)
    }

    /// `CANCELLATION` for a cancelled order, `RETURN` for goods that came back.
    pub fn kind(self) -> &'static str {
        match self {
            CreditReason::Cancelled => "CANCELLATION",
            _ => "RETURN",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CreditNote {
    pub id: i64,
    /// `CN-2026-000001`.
    pub number: String,
    pub invoice_id: i64,
    pub invoice_number: String,
    pub order_id: i64,
    pub company_id: CompanyId,
    pub issued_at: DateTime<Utc>,
    pub issue_date: NaiveDate,
    pub reason: CreditReason,
    pub comment: String,
    pub subtotal: Money,
    pub vat: Money,
    pub total: Money,
    pub lines: Vec<DocumentLine>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credit_reasons_round_trip_and_know_their_kind() {
        for reason in CreditReason::ALL {
            assert_eq!(CreditReason::parse(reason.as_str()), Some(reason));
        }
        assert_eq!(CreditReason::Cancelled.kind(), "CANCELLATION");
        assert_eq!(CreditReason::Damaged.kind(), "RETURN");
    }
}
