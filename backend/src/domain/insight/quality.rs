//! Returns and picking accuracy.

use sea_orm::ConnectionTrait;

use super::sql::{Sql, get};
use super::{Scope, ratio};
use crate::domain::DomainError;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ReturnRate {
    pub sold_units: i64,
    pub returned_units: i64,
    /// `returned_units / sold_units` (0 to 1); `None` without units sold.
    pub rate: Option<f64>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PickingAccuracy {
    /// Sold orders now `DELIVERED` or `RETURNED`: the orders whose picking the customer
    /// could judge.
    pub fulfilled_orders: i64,
    /// Of those, the orders with a return for `WRONG_ITEM`.
    pub wrong_item_orders: i64,
    /// `(fulfilled - wrong item) / fulfilled` (0 to 1); `None` without fulfilled orders.
    pub accuracy: Option<f64>,
}

/// **Return rate**: of the units of the period's sold orders (the quantities of their
/// lines), the share that came back: the quantities on their credit notes of kind
/// `RETURN` (any reason, issued whenever, so a late return still counts against the
/// period it was sold in). Cancellation credit notes are not returns.
pub async fn return_rate(
    db: &impl ConnectionTrait,
    scope: &Scope,
) -> Result<ReturnRate, DomainError> {
    let mut sql = Sql::new(db.get_database_backend());
    sql.push("SELECT (SELECT CAST(COALESCE(SUM(l.quantity), 0) AS BIGINT) FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE ")
        .sold_orders(scope)
        .push(") AS sold, (SELECT CAST(COALESCE(SUM(cl.quantity), 0) AS BIGINT) FROM credit_note_lines cl JOIN credit_notes c ON c.id = cl.credit_note_id JOIN orders o ON o.id = c.order_id WHERE c.kind = 'RETURN' AND ")
        .sold_orders(scope)
        .push(") AS returned");
    let row = sql.one(db).await?;
    let sold_units: i64 = get(&row, "sold")?;
    let returned_units: i64 = get(&row, "returned")?;
    Ok(ReturnRate {
        sold_units,
        returned_units,
        rate: ratio(returned_units, sold_units),
    })
}

/// **Picking accuracy**: of the period's sold orders that are now `DELIVERED` or
/// `RETURNED`, the share without a credit note of reason `WRONG_ITEM` (the customer got
/// something other than it ordered). Returns for `DAMAGED` or `OTHER` are not picking
/// errors.
pub async fn picking_accuracy(
    db: &impl ConnectionTrait,
    scope: &Scope,
) -> Result<PickingAccuracy, DomainError> {
    let mut sql = Sql::new(db.get_database_backend());
    sql.push("SELECT COUNT(*) AS fulfilled, CAST(COALESCE(SUM(CASE WHEN EXISTS (SELECT 1 FROM credit_notes c WHERE c.order_id = o.id AND c.reason = 'WRONG_ITEM') THEN 1 ELSE 0 END), 0) AS BIGINT) AS wrong FROM orders o WHERE o.status IN ('DELIVERED', 'RETURNED') AND ")
        .sold_orders(scope);
    let row = sql.one(db).await?;
    let fulfilled_orders: i64 = get(&row, "fulfilled")?;
    let wrong_item_orders: i64 = get(&row, "wrong")?;
    Ok(PickingAccuracy {
        fulfilled_orders,
        wrong_item_orders,
        accuracy: ratio(fulfilled_orders - wrong_item_orders, fulfilled_orders),
    })
}
