//! Purchase frequency per customer.

use sea_orm::ConnectionTrait;
use shared::{CompanyId, Money};

use super::Scope;
use super::sql::{Sql, get};
use crate::db::money;
use crate::domain::DomainError;

/// The days one frequency is expressed in: "orders per 30 days".
pub const FREQUENCY_DAYS: f64 = 30.0;

#[derive(Clone, Debug, PartialEq)]
pub struct CustomerFrequency {
    pub company: CompanyId,
    pub name: String,
    /// Sold orders in the period.
    pub orders: i64,
    /// Their net total.
    pub revenue: Money,
    /// `orders * 30 / days of the period`.
    pub orders_per_30_days: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PurchaseFrequency {
    /// The companies with sold orders in the period, most orders first.
    pub customers: Vec<CustomerFrequency>,
    /// The mean of their `orders_per_30_days`; `None` when no company ordered.
    /// Companies without orders in the period are left out rather than counted as 0:
    /// the measure says how often customers who buy come back.
    pub average_orders_per_30_days: Option<f64>,
}

/// **Purchase frequency**: per customer company, its sold orders in the period
/// scaled to 30 days (`orders * 30 / days`), so periods of any length compare.
pub async fn purchase_frequency(
    db: &impl ConnectionTrait,
    scope: &Scope,
) -> Result<PurchaseFrequency, DomainError> {
    let mut sql = Sql::new(db.get_database_backend());
    sql.push("SELECT o.company_id AS company, c.name AS name, COUNT(*) AS orders, CAST(SUM(o.subtotal) AS BIGINT) AS revenue FROM orders o JOIN companies c ON c.id = o.company_id WHERE ")
        .sold_orders(scope)
        .push(" GROUP BY o.company_id, c.name ORDER BY orders DESC, c.name");
    let days = scope.period.days() as f64;
    let customers = sql
        .all(db)
        .await?
        .iter()
        .map(|row| {
            let orders: i64 = get(row, "orders")?;
            Ok(CustomerFrequency {
                company: CompanyId(get(row, "company")?),
                name: get(row, "name")?,
                orders,
                revenue: money::from_db(get(row, "revenue")?),
                orders_per_30_days: orders as f64 * FREQUENCY_DAYS / days,
            })
        })
        .collect::<Result<Vec<_>, DomainError>>()?;
    let average_orders_per_30_days = (!customers.is_empty()).then(|| {
        customers
            .iter()
            .map(|customer| customer.orders_per_30_days)
            .sum::<f64>()
            / customers.len() as f64
    });
    Ok(PurchaseFrequency {
        customers,
        average_orders_per_30_days,
    })
}
