//! Products about to run out ("sensitive" products), the most urgent first.

use chrono::Duration;
use sea_orm::ConnectionTrait;

use super::Scope;
use super::sql::{Sql, get};
use crate::domain::DomainError;

/// Available units at or under which a product is low on stock. Products have no
/// reorder threshold of their own yet; when they do, it replaces this default.
pub const LOW_STOCK_THRESHOLD: i64 = 5;
/// The days of sales the rate of [`LowStockProduct::days_of_cover`] is taken over.
pub const SALES_WINDOW_DAYS: i64 = 30;
/// The longest list returned.
pub const LOW_STOCK_LIMIT: i64 = 20;

#[derive(Clone, Debug, PartialEq)]
pub struct LowStockProduct {
    pub product_id: i64,
    pub sku: String,
    pub name_he: String,
    pub name_en: String,
    /// On hand minus reserved, now.
    pub available: i64,
    /// Units of sold orders in the 30 days before the period's end.
    pub units_sold_30_days: i64,
    /// `available / (units_sold_30_days / 30)`: how many days the stock lasts at the
    /// recent rate; `None` without recent sales (no rate to run out at).
    pub days_of_cover: Option<f64>,
}

/// **Low stock**: active products with at most [`LOW_STOCK_THRESHOLD`] units
/// available now, sorted by days of cover ascending (those without recent sales last,
/// then fewest available, then SKU), at most [`LOW_STOCK_LIMIT`]. The sales rate
/// counts the lines of orders submitted (and not cancelled) in the 30 days ending with
/// the period, of every company: stock is shared, so the company filter does not apply.
pub async fn low_stock(
    db: &impl ConnectionTrait,
    scope: &Scope,
) -> Result<Vec<LowStockProduct>, DomainError> {
    let end = scope.period.end();
    let mut sql = Sql::new(db.get_database_backend());
    sql.push("SELECT p.id AS id, p.sku AS sku, p.name_he AS name_he, p.name_en AS name_en, s.on_hand - s.reserved AS available, CAST(COALESCE(u.units, 0) AS BIGINT) AS units FROM products p JOIN stock s ON s.product_id = p.id LEFT JOIN (SELECT l.product_id AS product_id, SUM(l.quantity) AS units FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.submitted_at >= ")
        .bind(end - Duration::days(SALES_WINDOW_DAYS))
        .push(" AND o.submitted_at < ")
        .bind(end)
        .push(" AND o.status <> 'CANCELLED' GROUP BY l.product_id) u ON u.product_id = p.id WHERE p.active = ")
        .bind(true)
        .push(" AND s.on_hand - s.reserved <= ")
        .bind(LOW_STOCK_THRESHOLD)
        .push(" ORDER BY CASE WHEN u.units IS NULL THEN 1 ELSE 0 END, (s.on_hand - s.reserved) * 1.0 / u.units, s.on_hand - s.reserved, p.sku LIMIT ")
        .bind(LOW_STOCK_LIMIT);
    sql.all(db)
        .await?
        .iter()
        .map(|row| {
            let available: i64 = get(row, "available")?;
            let units: i64 = get(row, "units")?;
            Ok(LowStockProduct {
                product_id: get(row, "id")?,
                sku: get(row, "sku")?,
                name_he: get(row, "name_he")?,
                name_en: get(row, "name_en")?,
                available,
                units_sold_30_days: units,
                days_of_cover: (units > 0)
                    .then(|| available.max(0) as f64 * SALES_WINDOW_DAYS as f64 / units as f64),
            })
        })
        .collect()
}
