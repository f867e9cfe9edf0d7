//! The invariants the stored data holds whatever happened to the process: a crash or a
//! SIGKILL in the middle of a burst of orders, a database restart, two instances at
//! once. Every write that could break one runs in a single transaction, so a finding
//! here is a bug. `portal check` runs these against any database; the crash test and
//! the order benchmark run them after their bursts.

use sea_orm::{ConnectionTrait, Statement};
use shared::OrderStatus;

use crate::domain::DomainError;

/// A broken invariant: its name, how many rows break it, and the first few of them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub invariant: &'static str,
    pub count: usize,
    /// Ids of the first offending rows (products, orders, invoices or years).
    pub examples: Vec<i64>,
}

/// How many offending ids a finding lists.
const EXAMPLES: usize = 10;

/// Each invariant is a query for the ids of the rows that break it (column `id`).
fn invariants() -> Vec<(&'static str, String)> {
    let reserving = OrderStatus::ALL
        .into_iter()
        .filter(|status| status.holds_reservation())
        .map(|status| format!("'{}'", status.as_str()))
        .collect::<Vec<_>>()
        .join(", ");
    vec![
        (
            "stock is never negative and never more reserved than on hand",
            "SELECT product_id AS id FROM stock \
             WHERE on_hand < 0 OR reserved < 0 OR reserved > on_hand"
                .to_owned(),
        ),
        (
            "a product's reserved units are its open orders' lines",
            format!(
                "SELECT s.product_id AS id FROM stock s WHERE s.reserved <> \
                 (SELECT COALESCE(SUM(l.quantity), 0) FROM order_lines l \
                  JOIN orders o ON o.id = l.order_id \
                  WHERE l.product_id = s.product_id AND o.status IN ({reserving}))"
            ),
        ),
        (
            "every order has lines",
            "SELECT o.id AS id FROM orders o \
             WHERE NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id)"
                .to_owned(),
        ),
        (
            "every order has its history",
            "SELECT o.id AS id FROM orders o \
             WHERE NOT EXISTS (SELECT 1 FROM order_events e WHERE e.order_id = o.id)"
                .to_owned(),
        ),
        (
            "an order's subtotal is the sum of its lines and its total adds VAT",
            "SELECT o.id AS id FROM orders o WHERE o.total <> o.subtotal + o.vat OR o.subtotal <> \
             (SELECT COALESCE(SUM(l.line_total), 0) FROM order_lines l WHERE l.order_id = o.id)"
                .to_owned(),
        ),
        (
            "invoice numbers run 1, 2, 3... in each year without a gap",
            "SELECT CAST(year AS BIGINT) AS id FROM invoices GROUP BY year \
             HAVING MIN(sequence) <> 1 OR MAX(sequence) <> COUNT(*) \
             OR COUNT(DISTINCT sequence) <> COUNT(*)"
                .to_owned(),
        ),
        (
            "credit note numbers run 1, 2, 3... in each year without a gap",
            "SELECT CAST(year AS BIGINT) AS id FROM credit_notes GROUP BY year \
             HAVING MIN(sequence) <> 1 OR MAX(sequence) <> COUNT(*) \
             OR COUNT(DISTINCT sequence) <> COUNT(*)"
                .to_owned(),
        ),
        (
            "every invoice is in its company's ledger",
            "SELECT i.id AS id FROM invoices i WHERE NOT EXISTS \
             (SELECT 1 FROM ledger_entries e WHERE e.invoice_id = i.id)"
                .to_owned(),
        ),
        (
            "every credit note is in its company's ledger",
            "SELECT c.id AS id FROM credit_notes c WHERE NOT EXISTS \
             (SELECT 1 FROM ledger_entries e WHERE e.credit_note_id = c.id)"
                .to_owned(),
        ),
        (
            "every payment is in its company's ledger",
            "SELECT p.id AS id FROM payments p WHERE NOT EXISTS \
             (SELECT 1 FROM ledger_entries e WHERE e.payment_id = p.id)"
                .to_owned(),
        ),
    ]
}

/// Runs every invariant; an empty list means the data is consistent.
pub async fn check(db: &impl ConnectionTrait) -> Result<Vec<Finding>, DomainError> {
    let backend = db.get_database_backend();
    let mut findings = Vec::new();
    for (invariant, sql) in invariants() {
        let rows = db
            .query_all_raw(Statement::from_string(backend, sql))
            .await
            .map_err(DomainError::internal)?;
        if rows.is_empty() {
            continue;
        }
        let examples = rows
            .iter()
            .take(EXAMPLES)
            .map(|row| row.try_get::<i64>("", "id"))
            .collect::<Result<_, _>>()
            .map_err(DomainError::internal)?;
        findings.push(Finding {
            invariant,
            count: rows.len(),
            examples,
        });
    }
    Ok(findings)
}
