//! The stored counts behind suggestions, changed in the transaction of the order that
//! changes them, and rebuilt from the whole history when needed (after the demo seed,
//! which writes orders directly; `portal rebuild-suggestions`).
//!
//! **Which orders count:** every placed order, from the moment it is placed (waiting
//! for approval included: the buyer chose those products together), until it is
//! rejected or cancelled, which takes it back. Returned orders stay counted: the
//! products were bought together. **Pairs of large orders:** pairs are counted among
//! the first [`MAX_PAIR_PRODUCTS`] products of an order (by product id), so an order
//! writes at most 80 × 79 pair rows; the domain's largest orders are 30-80 lines.

use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use shared::{CompanyId, OrderStatus};

use super::model::PurchaseDays;
use crate::domain::DomainError;
use crate::entities::{
    company_product_purchase, order, order_line, product_order_count, product_pair_count,
};

pub const MAX_PAIR_PRODUCTS: usize = 80;

/// Rows per multi-row insert: well under both databases' limits on bound parameters.
const ROWS_PER_INSERT: usize = 500;

/// Whether an order in `status` is evidence of what its company buys.
pub fn is_counted(status: &str) -> bool {
    status != OrderStatus::Rejected.as_str() && status != OrderStatus::Cancelled.as_str()
}

/// The products of one counted order.
#[derive(Clone, Debug)]
pub struct Basket {
    pub company_id: i64,
    pub day: NaiveDate,
    /// Distinct, ascending.
    pub products: Vec<i64>,
}

impl Basket {
    pub fn new(company_id: i64, day: NaiveDate, mut products: Vec<i64>) -> Basket {
        products.sort_unstable();
        products.dedup();
        Basket {
            company_id,
            day,
            products,
        }
    }

    /// Every ordered pair `(a, b)`, `a != b`, among the first [`MAX_PAIR_PRODUCTS`].
    pub fn pairs(&self) -> impl Iterator<Item = (i64, i64)> + '_ {
        let capped = &self.products[..self.products.len().min(MAX_PAIR_PRODUCTS)];
        capped.iter().flat_map(move |a| {
            capped
                .iter()
                .filter(move |b| *b != a)
                .map(move |b| (*a, *b))
        })
    }
}

/// The counts of a set of orders, as the tables hold them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub product_orders: HashMap<i64, i64>,
    pub pairs: HashMap<(i64, i64), i64>,
    pub purchases: HashMap<(i64, i64), PurchaseDays>,
}

impl Counts {
    pub fn add(&mut self, basket: &Basket) {
        for product in &basket.products {
            *self.product_orders.entry(*product).or_insert(0) += 1;
            self.purchases
                .entry((basket.company_id, *product))
                .or_default()
                .add(basket.day);
        }
        for pair in basket.pairs() {
            *self.pairs.entry(pair).or_insert(0) += 1;
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Change {
    Add,
    Remove,
}

/// Counts a newly placed order, inside its transaction, which already holds the
/// company's row lock (`companies::lock`): placing takes it for the credit check.
pub async fn record_placed(txn: &impl ConnectionTrait, basket: &Basket) -> Result<(), DomainError> {
    apply(txn, basket, Change::Add).await
}

/// Takes back a counted order that was rejected or cancelled, inside the transaction
/// that moved it.
pub async fn forget_order(
    txn: &impl ConnectionTrait,
    order: &order::Model,
) -> Result<(), DomainError> {
    let products: Vec<i64> = order_line::Entity::find()
        .select_only()
        .column(order_line::Column::ProductId)
        .filter(order_line::Column::OrderId.eq(order.id))
        .into_tuple()
        .all(txn)
        .await?;
    let basket = Basket::new(order.company_id, order.created_at.date_naive(), products);
    crate::domain::companies::lock(txn, CompanyId(order.company_id)).await?;
    apply(txn, &basket, Change::Remove).await
}

async fn apply(
    txn: &impl ConnectionTrait,
    basket: &Basket,
    change: Change,
) -> Result<(), DomainError> {
    if basket.products.is_empty() {
        return Ok(());
    }
    let step: i64 = match change {
        Change::Add => 1,
        Change::Remove => -1,
    };
    let product_orders: Vec<(i64, i64)> = basket.products.iter().map(|id| (*id, step)).collect();
    add_product_orders(txn, &product_orders).await?;
    let pairs: Vec<((i64, i64), i64)> = basket.pairs().map(|pair| (pair, step)).collect();
    add_pairs(txn, &pairs).await?;
    if change == Change::Remove {
        // A count back at zero is no evidence: the row goes.
        product_order_count::Entity::delete_many()
            .filter(product_order_count::Column::ProductId.is_in(basket.products.clone()))
            .filter(product_order_count::Column::OrderCount.lte(0))
            .exec(txn)
            .await?;
        product_pair_count::Entity::delete_many()
            .filter(product_pair_count::Column::ProductId.is_in(basket.products.clone()))
            .filter(product_pair_count::Column::OrdersTogether.lte(0))
            .exec(txn)
            .await?;
    }

    // The days are read, changed and written back: the company's row must be locked
    // (see `companies::lock`).
    let existing: HashMap<i64, PurchaseDays> = company_product_purchase::Entity::find()
        .filter(company_product_purchase::Column::CompanyId.eq(basket.company_id))
        .filter(company_product_purchase::Column::ProductId.is_in(basket.products.clone()))
        .all(txn)
        .await?
        .into_iter()
        .map(|row| {
            let product = row.product_id;
            (product, purchase_days_of(row))
        })
        .collect();
    let mut changed = Vec::new();
    let mut gone = Vec::new();
    for product in &basket.products {
        let mut days = existing.get(product).cloned().unwrap_or_default();
        match change {
            Change::Add => days.add(basket.day),
            Change::Remove => days.remove(basket.day),
        }
        if days.order_count <= 0 || days.days.is_empty() {
            gone.push(*product);
        } else {
            changed.push(((basket.company_id, *product), days));
        }
    }
    if !gone.is_empty() {
        company_product_purchase::Entity::delete_many()
            .filter(company_product_purchase::Column::CompanyId.eq(basket.company_id))
            .filter(company_product_purchase::Column::ProductId.is_in(gone))
            .exec(txn)
            .await?;
    }
    write_purchases(txn, &changed).await
}

fn purchase_days_of(row: company_product_purchase::Model) -> PurchaseDays {
    let days: Vec<NaiveDate> = serde_json::from_str(&row.order_days).unwrap_or_default();
    PurchaseDays {
        order_count: row.order_count,
        days,
    }
}

/// Adds `delta` to each product's order count (a new row starts from zero).
async fn add_product_orders(
    txn: &impl ConnectionTrait,
    deltas: &[(i64, i64)],
) -> Result<(), DomainError> {
    for chunk in deltas.chunks(ROWS_PER_INSERT) {
        product_order_count::Entity::insert_many(chunk.iter().map(|(product, delta)| {
            product_order_count::ActiveModel {
                product_id: Set(*product),
                order_count: Set(*delta),
            }
        }))
        .on_conflict(
            OnConflict::column(product_order_count::Column::ProductId)
                .value(
                    product_order_count::Column::OrderCount,
                    Expr::cust("product_order_counts.order_count + excluded.order_count"),
                )
                .to_owned(),
        )
        .exec_without_returning(txn)
        .await?;
    }
    Ok(())
}

async fn add_pairs(
    txn: &impl ConnectionTrait,
    deltas: &[((i64, i64), i64)],
) -> Result<(), DomainError> {
    for chunk in deltas.chunks(ROWS_PER_INSERT) {
        product_pair_count::Entity::insert_many(chunk.iter().map(|((a, b), delta)| {
            product_pair_count::ActiveModel {
                product_id: Set(*a),
                other_product_id: Set(*b),
                orders_together: Set(*delta),
            }
        }))
        .on_conflict(
            OnConflict::columns([
                product_pair_count::Column::ProductId,
                product_pair_count::Column::OtherProductId,
            ])
            .value(
                product_pair_count::Column::OrdersTogether,
                Expr::cust("product_pair_counts.orders_together + excluded.orders_together"),
            )
            .to_owned(),
        )
        .exec_without_returning(txn)
        .await?;
    }
    Ok(())
}

/// Writes each (company, product)'s days and what follows from them.
async fn write_purchases(
    txn: &impl ConnectionTrait,
    rows: &[((i64, i64), PurchaseDays)],
) -> Result<(), DomainError> {
    use company_product_purchase::Column;
    for chunk in rows.chunks(ROWS_PER_INSERT) {
        let models = chunk.iter().filter_map(|((company, product), days)| {
            let last = days.last()?;
            let rhythm = days.rhythm();
            Some(company_product_purchase::ActiveModel {
                company_id: Set(*company),
                product_id: Set(*product),
                order_count: Set(days.order_count),
                order_days: Set(serde_json::to_string(&days.days).unwrap_or_else(|_| "[]".into())),
                last_ordered_on: Set(last),
                interval_days: Set(
                    rhythm.map(|rhythm| i32::try_from(rhythm.interval_days).unwrap_or(i32::MAX))
                ),
                due_on: Set(rhythm.map(|rhythm| rhythm.due_on)),
                lapses_on: Set(rhythm.map(|rhythm| rhythm.lapses_on)),
            })
        });
        company_product_purchase::Entity::insert_many(models)
            .on_conflict(
                OnConflict::columns([Column::CompanyId, Column::ProductId])
                    .update_columns([
                        Column::OrderCount,
                        Column::OrderDays,
                        Column::LastOrderedOn,
                        Column::IntervalDays,
                        Column::DueOn,
                        Column::LapsesOn,
                    ])
                    .to_owned(),
            )
            .exec_without_returning(txn)
            .await?;
    }
    Ok(())
}

/// Orders read per query while rebuilding.
const ORDERS_PER_PAGE: u64 = 500;

/// The counts of every counted order in the history, read a page of orders at a time.
pub async fn from_history(db: &impl ConnectionTrait) -> Result<Counts, DomainError> {
    let mut counts = Counts::default();
    let mut after: i64 = 0;
    loop {
        let orders: Vec<(i64, i64, String, chrono::DateTime<chrono::Utc>)> = order::Entity::find()
            .select_only()
            .column(order::Column::Id)
            .column(order::Column::CompanyId)
            .column(order::Column::Status)
            .column(order::Column::CreatedAt)
            .filter(order::Column::Id.gt(after))
            .order_by_asc(order::Column::Id)
            .limit(ORDERS_PER_PAGE)
            .into_tuple()
            .all(db)
            .await?;
        let Some(last) = orders.last() else {
            break;
        };
        after = last.0;
        let counted: Vec<&(i64, i64, String, chrono::DateTime<chrono::Utc>)> = orders
            .iter()
            .filter(|(_, _, status, _)| is_counted(status))
            .collect();
        let ids: Vec<i64> = counted.iter().map(|(id, ..)| *id).collect();
        let lines: Vec<(i64, i64)> = order_line::Entity::find()
            .select_only()
            .column(order_line::Column::OrderId)
            .column(order_line::Column::ProductId)
            .filter(order_line::Column::OrderId.is_in(ids))
            .into_tuple()
            .all(db)
            .await?;
        let mut products_of: HashMap<i64, Vec<i64>> = HashMap::new();
        for (order_id, product_id) in lines {
            products_of.entry(order_id).or_default().push(product_id);
        }
        for (id, company, _, created_at) in counted {
            let products = products_of.remove(id).unwrap_or_default();
            counts.add(&Basket::new(*company, created_at.date_naive(), products));
        }
    }
    Ok(counts)
}

/// What the tables hold now.
pub async fn stored(db: &impl ConnectionTrait) -> Result<Counts, DomainError> {
    let product_orders = product_order_count::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.product_id, row.order_count))
        .collect();
    let pairs = product_pair_count::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|row| ((row.product_id, row.other_product_id), row.orders_together))
        .collect();
    let purchases = company_product_purchase::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|row| ((row.company_id, row.product_id), purchase_days_of(row)))
        .collect();
    Ok(Counts {
        product_orders,
        pairs,
        purchases,
    })
}

/// Replaces the stored counts with those of the whole history, in one transaction.
pub async fn rebuild(db: &DatabaseConnection) -> Result<Counts, DomainError> {
    let txn = crate::db::begin_write(db).await?;
    let counts = from_history(&txn).await?;
    company_product_purchase::Entity::delete_many()
        .exec(&txn)
        .await?;
    product_pair_count::Entity::delete_many().exec(&txn).await?;
    product_order_count::Entity::delete_many()
        .exec(&txn)
        .await?;
    let mut product_orders: Vec<(i64, i64)> = counts
        .product_orders
        .iter()
        .map(|(product, count)| (*product, *count))
        .collect();
    product_orders.sort_unstable();
    add_product_orders(&txn, &product_orders).await?;
    let mut pairs: Vec<((i64, i64), i64)> = counts
        .pairs
        .iter()
        .map(|(pair, count)| (*pair, *count))
        .collect();
    pairs.sort_unstable();
    add_pairs(&txn, &pairs).await?;
    let mut purchases: Vec<((i64, i64), PurchaseDays)> = counts
        .purchases
        .iter()
        .map(|(key, days)| (*key, days.clone()))
        .collect();
    purchases.sort_by_key(|(key, _)| *key);
    write_purchases(&txn, &purchases).await?;
    txn.commit().await?;
    Ok(counts)
}

/// Rebuilds when the history has orders but nothing was ever counted (a database
/// from before this feature). Cheap to call at every start.
pub async fn rebuild_if_empty(db: &DatabaseConnection) -> Result<bool, DomainError> {
    let counted = product_order_count::Entity::find().one(db).await?.is_some();
    let has_orders = order::Entity::find().one(db).await?.is_some();
    if counted || !has_orders {
        return Ok(false);
    }
    rebuild(db).await?;
    Ok(true)
}
