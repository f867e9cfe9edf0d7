//! Stock (rule 5): available = on hand - reserved. Every change is a movement row
//! (who, why, how much), never a silent overwrite.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter,
};
use shared::Sku;

use crate::db::sql::Sql;
use crate::domain::{Actor, DomainError};
use crate::entities::{product, stock, stock_movement};

/// Why stock on hand changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StockReason {
    /// Goods received from a supplier.
    Receipt,
    /// A stock count corrected the books.
    Count,
    /// Damaged or lost goods written off.
    Damage,
    /// Goods returned by a customer.
    Return,
    /// Any other correction; the note says why.
    Correction,
}

impl StockReason {
    pub fn as_str(self) -> &'static str {
        match self {
            StockReason::Receipt => "RECEIPT",
            StockReason::Count => "COUNT",
            StockReason::Damage => "DAMAGE",
            StockReason::Return => "RETURN",
            StockReason::Correction => "CORRECTION",
        }
    }
}

/// The largest change one adjustment may make, against typing mistakes.
pub const MAX_ADJUSTMENT: i64 = 10_000_000;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StockLevel {
    pub product_id: i64,
    pub sku: String,
    pub on_hand: i64,
    pub reserved: i64,
}

impl StockLevel {
    pub fn available(&self) -> i64 {
        Ord::max(self.on_hand - self.reserved, 0)
    }
}

pub struct Adjustment {
    pub sku: String,
    pub on_hand_delta: i64,
    pub reason: StockReason,
    pub note: String,
}

/// Changes the stock on hand of one product by a delta, atomically: the row is
/// updated with a condition, so concurrent adjustments and reservations can never
/// take on hand below what is reserved.
pub async fn adjust(
    txn: &impl ConnectionTrait,
    actor: &Actor,
    adjustment: Adjustment,
) -> Result<StockLevel, DomainError> {
    let sku =
        Sku::parse(&adjustment.sku).map_err(|error| DomainError::bad_input(error.to_string()))?;
    let delta = adjustment.on_hand_delta;
    if delta == 0 || delta.abs() > MAX_ADJUSTMENT {
        return Err(DomainError::bad_input(format!(
            "The change must be between -{MAX_ADJUSTMENT} and {MAX_ADJUSTMENT} and not zero"
        )));
    }
    let note = adjustment.note.trim().chars().take(500).collect::<String>();
    let product = product::Entity::find()
        .filter(product::Column::Sku.eq(sku.as_str()))
        .one(txn)
        .await?
        .ok_or(DomainError::NotFound("product"))?;
    let now = Utc::now();
    // Make sure the row exists, then change it only if the result stays valid.
    stock::Entity::insert(stock::ActiveModel {
        product_id: Set(product.id),
        on_hand: Set(0),
        reserved: Set(0),
        updated_at: Set(now),
    })
    .on_conflict_do_nothing_on([stock::Column::ProductId])
    .exec(txn)
    .await?;
    let updated = stock::Entity::update_many()
        .col_expr(
            stock::Column::OnHand,
            Expr::col(stock::Column::OnHand).add(delta),
        )
        .col_expr(stock::Column::UpdatedAt, Expr::value(now))
        .filter(stock::Column::ProductId.eq(product.id))
        .filter(
            Expr::col(stock::Column::OnHand)
                .add(delta)
                .gte(Expr::col(stock::Column::Reserved)),
        )
        .exec(txn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(DomainError::bad_input(format!(
            "{sku}: the change would leave less on hand than is reserved for orders"
        )));
    }
    stock_movement::Entity::insert(stock_movement::ActiveModel {
        product_id: Set(product.id),
        on_hand_delta: Set(delta),
        reserved_delta: Set(0),
        reason: Set(adjustment.reason.as_str().to_owned()),
        note: Set(note),
        actor_id: Set(Some(actor.user_id.0)),
        created_at: Set(now),
        ..Default::default()
    })
    .exec(txn)
    .await?;
    level(txn, product.id, product.sku).await
}

pub async fn level(
    db: &impl ConnectionTrait,
    product_id: i64,
    sku: String,
) -> Result<StockLevel, DomainError> {
    let row = stock::Entity::find_by_id(product_id).one(db).await?;
    Ok(StockLevel {
        product_id,
        sku,
        on_hand: row.as_ref().map_or(0, |row| row.on_hand),
        reserved: row.as_ref().map_or(0, |row| row.reserved),
    })
}

/// What [`reserve`] did.
pub enum Reservation {
    /// Every quantity is reserved; what is available of each product afterwards.
    Made(HashMap<i64, i64>),
    /// Nothing was reserved for want of this product (the first by id that lacked it),
    /// of which `available` was left. The caller rolls its transaction back.
    Short { product_id: i64, available: i64 },
}

/// Reserves the quantity `wanted` maps each product id to (rule 5), in the placing
/// transaction, only where that much is available: one conditional `UPDATE` for all
/// the lines, so a race for the last units never oversells. A map, so each product
/// comes once (an `UPDATE ... FROM` would add only one of two rows for the same
/// product). On PostgreSQL the rows are first locked in product order (`FOR UPDATE`
/// of a sorted `SELECT`): two orders overlapping on products never deadlock, and the
/// `UPDATE`, with a snapshot taken after the locks, sees the stock as the last
/// committed order left it. SQLite's write transactions are serial, so it needs no
/// lock. Two statements whatever the number of lines, and a third on a shortage to
/// read what is left.
pub async fn reserve(
    txn: &impl ConnectionTrait,
    wanted: &BTreeMap<i64, i64>,
    now: DateTime<Utc>,
) -> Result<Reservation, DomainError> {
    if wanted.is_empty() {
        return Ok(Reservation::Made(HashMap::new()));
    }
    let backend = txn.get_database_backend();
    if backend == DbBackend::Postgres {
        let mut lock = Sql::new(backend);
        lock.push("SELECT product_id FROM stock WHERE product_id IN (");
        for (index, product_id) in wanted.keys().enumerate() {
            lock.push(if index == 0 { "" } else { ", " })
                .bind(*product_id);
        }
        lock.push(") ORDER BY product_id FOR UPDATE");
        lock.all(txn).await?;
    }
    // `VALUES` names its columns column1, column2 on both databases.
    let mut update = Sql::new(backend);
    update
        .push("UPDATE stock SET reserved = stock.reserved + wanted.column2, updated_at = ")
        .bind(now)
        .push(" FROM (VALUES ");
    for (index, (product_id, quantity)) in wanted.iter().enumerate() {
        update
            .push(if index == 0 { "(" } else { ", (" })
            .bind(*product_id)
            .push(", ")
            .bind(*quantity)
            .push(")");
    }
    update.push(
        ") AS wanted WHERE stock.product_id = wanted.column1 \
         AND stock.on_hand - stock.reserved >= wanted.column2 \
         RETURNING stock.product_id, stock.on_hand - stock.reserved",
    );
    let reserved = update.all(txn).await?;
    let mut available = HashMap::with_capacity(reserved.len());
    for row in reserved {
        let product_id: i64 = row.try_get_by_index(0)?;
        let left: i64 = row.try_get_by_index(1)?;
        available.insert(product_id, Ord::max(left, 0));
    }
    if let Some(product_id) = wanted
        .keys()
        .find(|product_id| !available.contains_key(product_id))
    {
        let left = stock::Entity::find_by_id(*product_id)
            .one(txn)
            .await?
            .map_or(0, |row| Ord::max(row.on_hand - row.reserved, 0));
        return Ok(Reservation::Short {
            product_id: *product_id,
            available: left,
        });
    }
    Ok(Reservation::Made(available))
}
