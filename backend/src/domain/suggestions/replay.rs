//! Measures what suggestions would have done on a history: the orders are replayed in
//! time order, and each is checked against what the counts of the orders *before it*
//! suggested. Used by `cargo run -p backend --bin suggestion_lift`; not a request path.

use std::collections::{HashMap, HashSet};

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use shared::CompanyId;

use super::counts::{self, Basket, Counts};
use super::model::{self, PairEvidence};
use crate::domain::DomainError;
use crate::domain::catalog::{CatalogViewer, listing};
use crate::entities::{company, order, order_line};

/// How many suggestions the measure looks at.
pub const TOP: usize = 5;

/// One counted order of the history: its company, day and products in line order.
pub struct Replayed {
    pub company_id: i64,
    pub day: chrono::NaiveDate,
    pub products: Vec<i64>,
}

#[derive(Debug, Default)]
pub struct Lift {
    /// Orders with at least two products (one as the cart, the rest to find).
    pub orders_measured: usize,
    /// Other lines of those orders.
    pub lines_to_find: usize,
    pub found_by_suggestions: usize,
    pub found_by_popular: usize,
    /// Purchases of a product the company had bought before (on another day).
    pub repurchases: usize,
    /// Those that had a rhythm (three distinct days) before they happened.
    pub repurchases_with_rhythm: usize,
    /// Those listed as due (within the window or overdue, not lapsed) that day.
    pub repurchases_listed: usize,
    /// Reminders listed to a company when it placed an order, and how many of them
    /// that order bought (precision).
    pub listed_on_order_days: usize,
    pub listed_and_bought: usize,
}

/// The counted orders of the history, oldest first.
pub async fn history(db: &impl ConnectionTrait) -> Result<Vec<Replayed>, DomainError> {
    let orders = order::Entity::find()
        .order_by_asc(order::Column::CreatedAt)
        .order_by_asc(order::Column::Id)
        .all(db)
        .await?;
    let lines = order_line::Entity::find()
        .order_by_asc(order_line::Column::Id)
        .all(db)
        .await?;
    let mut products_of: HashMap<i64, Vec<i64>> = HashMap::new();
    for line in lines {
        products_of
            .entry(line.order_id)
            .or_default()
            .push(line.product_id);
    }
    Ok(orders
        .into_iter()
        .filter(|row| counts::is_counted(&row.status))
        .map(|row| Replayed {
            company_id: row.company_id,
            day: row.created_at.date_naive(),
            products: products_of.remove(&row.id).unwrap_or_default(),
        })
        .collect())
}

/// What each company may see.
pub async fn catalogs(
    db: &impl ConnectionTrait,
) -> Result<HashMap<i64, HashSet<i64>>, DomainError> {
    let mut catalogs = HashMap::new();
    for row in company::Entity::find()
        .filter(company::Column::Active.eq(true))
        .all(db)
        .await?
    {
        let viewer = CatalogViewer::Customer(CompanyId(row.id));
        let ids = listing::visible_ids(db, viewer, None).await?;
        catalogs.insert(row.id, ids.into_iter().map(|(id, _)| id).collect());
    }
    Ok(catalogs)
}

fn suggestions_for(
    counts: &Counts,
    cart: i64,
    visible: &HashSet<i64>,
    partners: &HashMap<i64, Vec<i64>>,
) -> Vec<i64> {
    let cart_orders = counts.product_orders.get(&cart).copied().unwrap_or(0);
    let evidence = partners
        .get(&cart)
        .into_iter()
        .flatten()
        .filter(|other| **other != cart && visible.contains(*other))
        .map(|other| PairEvidence {
            cart_product: cart,
            other: *other,
            together: counts.pairs.get(&(cart, *other)).copied().unwrap_or(0),
            cart_product_orders: cart_orders,
        });
    model::rank(evidence, TOP)
        .into_iter()
        .map(|scored| scored.product_id)
        .collect()
}

fn most_popular(counts: &Counts, cart: i64, visible: &HashSet<i64>) -> Vec<i64> {
    let mut popular: Vec<(i64, i64)> = counts
        .product_orders
        .iter()
        .filter(|(product, _)| **product != cart && visible.contains(*product))
        .map(|(product, count)| (*product, *count))
        .collect();
    popular.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    popular
        .into_iter()
        .take(TOP)
        .map(|(product, _)| product)
        .collect()
}

/// Replays `orders` (oldest first): the first line of each order is the cart.
pub fn measure(orders: &[Replayed], catalogs: &HashMap<i64, HashSet<i64>>) -> Lift {
    let mut lift = Lift::default();
    let mut counts = Counts::default();
    let mut partners: HashMap<i64, Vec<i64>> = HashMap::new();
    let empty = HashSet::new();
    for order in orders {
        let visible = catalogs.get(&order.company_id).unwrap_or(&empty);
        let mut distinct: Vec<i64> = Vec::new();
        for product in &order.products {
            if !distinct.contains(product) {
                distinct.push(*product);
            }
        }
        if let [cart, rest @ ..] = distinct.as_slice()
            && !rest.is_empty()
        {
            lift.orders_measured += 1;
            lift.lines_to_find += rest.len();
            let suggested = suggestions_for(&counts, *cart, visible, &partners);
            let popular = most_popular(&counts, *cart, visible);
            lift.found_by_suggestions += rest.iter().filter(|p| suggested.contains(p)).count();
            lift.found_by_popular += rest.iter().filter(|p| popular.contains(p)).count();
        }
        // The reminders the company saw when it placed this order.
        for ((company, product), purchases) in &counts.purchases {
            let listed = *company == order.company_id
                && visible.contains(product)
                && purchases
                    .rhythm()
                    .is_some_and(|rhythm| rhythm.is_due(order.day));
            if listed {
                lift.listed_on_order_days += 1;
                if distinct.contains(product) {
                    lift.listed_and_bought += 1;
                }
            }
        }
        for product in &distinct {
            let Some(before) = counts.purchases.get(&(order.company_id, *product)) else {
                continue;
            };
            if before.last() == Some(order.day) {
                continue;
            }
            lift.repurchases += 1;
            if let Some(rhythm) = before.rhythm() {
                lift.repurchases_with_rhythm += 1;
                if rhythm.is_due(order.day) {
                    lift.repurchases_listed += 1;
                }
            }
        }
        let basket = Basket::new(order.company_id, order.day, distinct.clone());
        for (a, b) in basket.pairs() {
            if !counts.pairs.contains_key(&(a, b)) {
                partners.entry(a).or_default().push(b);
            }
        }
        counts.add(&basket);
    }
    lift
}
