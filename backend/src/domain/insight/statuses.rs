//! Orders per status.

use sea_orm::ConnectionTrait;
use shared::OrderStatus;

use super::Scope;
use super::sql::{Sql, get};
use crate::domain::DomainError;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StatusCount {
    pub status: OrderStatus,
    pub orders: i64,
}

/// **Orders per status**: the orders *created* (placed, `created_at`) in the period,
/// counted by the status they have now, every status of the workflow listed (zero
/// included) in workflow order. Pending and rejected orders are counted too: the
/// supplier sees only how many there are, never which.
pub async fn orders_by_status(
    db: &impl ConnectionTrait,
    scope: &Scope,
) -> Result<Vec<StatusCount>, DomainError> {
    let mut sql = Sql::new(db.get_database_backend());
    sql.push("SELECT o.status AS status, COUNT(*) AS orders FROM orders o WHERE o.created_at >= ")
        .bind(scope.period.start())
        .push(" AND o.created_at < ")
        .bind(scope.period.end())
        .company(scope)
        .push(" GROUP BY o.status");
    let mut counts: Vec<StatusCount> = OrderStatus::ALL
        .into_iter()
        .map(|status| StatusCount { status, orders: 0 })
        .collect();
    for row in sql.all(db).await? {
        let status: String = get(&row, "status")?;
        let orders: i64 = get(&row, "orders")?;
        if let Some(count) = counts
            .iter_mut()
            .find(|count| count.status.as_str() == status)
        {
            count.orders = orders;
        }
    }
    Ok(counts)
}
