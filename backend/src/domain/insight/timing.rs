//! How long orders wait: from reaching the supplier to delivery, and for approval.

use sea_orm::ConnectionTrait;

use super::Scope;
use super::sql::{Sql, get};
use crate::domain::DomainError;

/// An average duration over a number of orders.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Turnaround {
    pub orders: i64,
    /// `None` without orders.
    pub average_hours: Option<f64>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ApprovalTurnaround {
    /// Decisions in the period: `approved + rejected`.
    pub decided: Turnaround,
    pub approved: i64,
    pub rejected: i64,
}

const SECONDS_PER_HOUR: f64 = 3600.0;

/// **Average time from submission to delivery**: over the orders *delivered* in the
/// period (the `order_events` row that moved them to `DELIVERED` has its `at` in the
/// period), the mean of that event's `at` minus the order's `submitted_at`, in hours.
/// An order later returned still counts: it was delivered.
pub async fn delivery_time(
    db: &impl ConnectionTrait,
    scope: &Scope,
) -> Result<Turnaround, DomainError> {
    let mut sql = Sql::new(db.get_database_backend());
    sql.push("SELECT COUNT(*) AS orders, CAST(AVG(")
        .seconds_between("o.submitted_at", "e.at")
        .push(") AS DOUBLE PRECISION) AS seconds FROM order_events e JOIN orders o ON o.id = e.order_id WHERE e.status = 'DELIVERED' AND e.at >= ")
        .bind(scope.period.start())
        .push(" AND e.at < ")
        .bind(scope.period.end())
        .push(" AND o.submitted_at IS NOT NULL")
        .company(scope);
    let row = sql.one(db).await?;
    Ok(Turnaround {
        orders: get(&row, "orders")?,
        average_hours: get::<Option<f64>>(&row, "seconds")?
            .map(|seconds| seconds / SECONDS_PER_HOUR),
    })
}

/// **Approval turnaround**: over the orders whose approval was *decided* in the
/// period, the mean time from placing the order (`created_at`, when it entered
/// `PENDING_APPROVAL`) to the decision, in hours. The decision is the `order_events`
/// row of the final approval (kind `APPROVED`, status `SUBMITTED`; the first of two
/// required approvals leaves the order pending and does not count) or of the rejection
/// (kind and status `REJECTED`), its `at` in the period.
pub async fn approval_turnaround(
    db: &impl ConnectionTrait,
    scope: &Scope,
) -> Result<ApprovalTurnaround, DomainError> {
    let mut sql = Sql::new(db.get_database_backend());
    sql.push("SELECT COUNT(*) AS decided, CAST(COALESCE(SUM(CASE WHEN e.status = 'SUBMITTED' THEN 1 ELSE 0 END), 0) AS BIGINT) AS approved, CAST(AVG(")
        .seconds_between("o.created_at", "e.at")
        .push(") AS DOUBLE PRECISION) AS seconds FROM order_events e JOIN orders o ON o.id = e.order_id WHERE ((e.kind = 'APPROVED' AND e.status = 'SUBMITTED') OR (e.kind = 'REJECTED' AND e.status = 'REJECTED')) AND e.at >= ")
        .bind(scope.period.start())
        .push(" AND e.at < ")
        .bind(scope.period.end())
        .company(scope);
    let row = sql.one(db).await?;
    let decided: i64 = get(&row, "decided")?;
    let approved: i64 = get(&row, "approved")?;
    Ok(ApprovalTurnaround {
        decided: Turnaround {
            orders: decided,
            average_hours: get::<Option<f64>>(&row, "seconds")?
                .map(|seconds| seconds / SECONDS_PER_HOUR),
        },
        approved,
        rejected: decided - approved,
    })
}
