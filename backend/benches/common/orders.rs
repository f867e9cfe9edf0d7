//! What both benchmarks need to place orders: benchmark buyers for Galil, a credit
//! limit that never binds, cheap products in stock, and how a placed order counts.

use backend::entities::{company, user};
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait,
    ActiveValue::{NotSet, Set},
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
};
use serde_json::{Value, json};

use super::{Outcome, Server};

pub const PLACE: &str =
    "mutation($lines: [OrderLineInput!]!) { placeOrder(input: { lines: $lines }) { id status } }";
pub const LINES_PER_ORDER: usize = 10;

/// A product of Galil's catalog the benchmark orders: the smallest quantity its
/// minimum and pack size allow.
#[derive(Clone)]
pub struct Item {
    pub sku: String,
    pub quantity: i64,
}

/// Gives Galil a credit limit no run reaches, so every refusal a benchmark sees is
/// about stock.
pub async fn lift_credit_limit(db: &DatabaseConnection) {
    let company_id = galil_id(db).await;
    company::Entity::update_many()
        .col_expr(
            company::Column::CreditLimit,
            sea_orm::sea_query::Expr::value(i64::MAX / 4),
        )
        .filter(company::Column::Id.eq(company_id))
        .exec(db)
        .await
        .expect("credit limit");
}

pub async fn galil_id(db: &DatabaseConnection) -> i64 {
    demo_buyer(db).await.company_id.expect("a company")
}

/// Galil and `count - 1` copies of it (its price list, discount, approval rules,
/// lifted credit limit and assortment), so that orders of different companies can be
/// placed at once, as on a real morning: each company's orders take turns for its
/// credit check (rule 6), different companies' orders do not wait for each other.
pub async fn companies_like_galil(db: &DatabaseConnection, count: usize) -> Vec<i64> {
    let galil_id = galil_id(db).await;
    let galil = company::Entity::find_by_id(galil_id)
        .one(db)
        .await
        .expect("companies")
        .expect("Galil");
    let mut ids = vec![galil_id];
    for index in 1..count {
        let mut copy: company::ActiveModel = galil.clone().into();
        copy.id = NotSet;
        copy.name = Set(format!("Bench company {index}"));
        copy.vat_number = Set(None);
        let id = copy.insert(db).await.expect("a bench company").id;
        for table in ["assortment_categories", "assortment_products"] {
            let column = if table == "assortment_categories" {
                "category_id"
            } else {
                "product_id"
            };
            db.execute_unprepared(&format!(
                "INSERT INTO {table} (company_id, {column}) \
                 SELECT {id}, {column} FROM {table} WHERE company_id = {galil_id}"
            ))
            .await
            .expect("the bench company's assortment");
        }
        ids.push(id);
    }
    ids
}

async fn demo_buyer(db: &DatabaseConnection) -> user::Model {
    user::Entity::find()
        .filter(user::Column::Email.eq("buyer@demo.test"))
        .one(db)
        .await
        .expect("users")
        .expect("the demo buyer")
}

/// Adds `count` buyers, `<prefix>-<n>@demo.test`, sharing the demo password's hash,
/// dealt over `companies` in turn. With `order_limit` (in the database's
/// ten-thousandths) every order above it waits for one approval (the buyer's personal
/// per-order limit of rule 2).
pub async fn add_buyers(
    db: &DatabaseConnection,
    prefix: &str,
    count: usize,
    order_limit: Option<i64>,
    companies: &[i64],
) {
    let buyer = demo_buyer(db).await;
    let buyers = (0..count).map(|index| user::ActiveModel {
        email: Set(format!("{prefix}-{index}@demo.test")),
        name: Set(format!("Bench buyer {prefix} {index}")),
        password_hash: Set(buyer.password_hash.clone()),
        role: Set(buyer.role.clone()),
        company_id: Set(Some(companies[index % companies.len()])),
        active: Set(true),
        order_limit: Set(order_limit),
        approval_limit: Set(None),
        language: Set("en".to_owned()),
        created_at: Set(Utc::now()),
        ..Default::default()
    });
    user::Entity::insert_many(buyers)
        .exec(db)
        .await
        .expect("bench buyers");
}

/// Logs in `<prefix>-0` .. `<prefix>-<count - 1>`.
pub async fn login_buyers(server: &Server, prefix: &str, count: usize) -> Vec<String> {
    let mut tokens = Vec::new();
    for index in 0..count {
        tokens.push(server.login(&format!("{prefix}-{index}@demo.test")).await);
    }
    tokens
}

/// Products of Galil's catalog, priced and in stock, each line cheap enough that a
/// 10-line order stays below the 5,000 ILS approval threshold.
pub async fn order_items(server: &Server, token: &str) -> Vec<Item> {
    let mut nodes = Vec::new();
    let mut after = Value::Null;
    // Three pages of 100 (the largest page the API serves).
    for _ in 0..3 {
        let response = server
            .graphql(
                Some(token),
                "query($after: String) { products(first: 100, after: $after) { edges { node { sku unitPrice packSize minOrderQuantity available } } pageInfo { hasNextPage endCursor } } }",
                json!({ "after": after }),
            )
            .await;
        let page = &response["data"]["products"];
        nodes.extend(
            page["edges"]
                .as_array()
                .unwrap_or_else(|| panic!("products: {response}"))
                .iter()
                .map(|edge| edge["node"].clone()),
        );
        if page["pageInfo"]["hasNextPage"] != true {
            break;
        }
        after = page["pageInfo"]["endCursor"].clone();
    }
    nodes
        .iter()
        .filter_map(|node| {
            let price: f64 = node["unitPrice"].as_str()?.parse().ok()?;
            let pack = node["packSize"].as_i64()?.max(1);
            let minimum = node["minOrderQuantity"].as_i64()?.max(1);
            let quantity = (minimum + pack - 1) / pack * pack;
            let sku = node["sku"].as_str()?.to_owned();
            (node["available"].as_i64()? > 0 && price * (quantity as f64) < 300.0)
                .then_some(Item { sku, quantity })
        })
        .collect()
}

/// Sets what is available of `skus` to `available` (on hand = reserved + available).
pub async fn set_available(db: &DatabaseConnection, skus: &[String], available: i64) {
    let list = skus
        .iter()
        .map(|sku| format!("'{sku}'"))
        .collect::<Vec<_>>()
        .join(",");
    db.execute_unprepared(&format!(
        "UPDATE stock SET on_hand = reserved + {available} \
         WHERE product_id IN (SELECT id FROM products WHERE sku IN ({list}))"
    ))
    .await
    .expect("set stock");
}

/// The `placeOrder` body of a 10-line order: client `index`'s `n`-th order walks the
/// product list with its own stride, so orders overlap on products the way a busy
/// morning does.
pub fn order_body(items: &[Item], index: usize, n: usize) -> Value {
    let start = (index * 7 + n * 13) % items.len();
    let lines: Vec<Value> = (0..LINES_PER_ORDER)
        .map(|offset| {
            let item = &items[(start + offset) % items.len()];
            json!({ "sku": item.sku, "quantity": item.quantity })
        })
        .collect();
    json!({ "query": PLACE, "variables": { "lines": lines } })
}

/// How a `placeOrder` answer counts: an order, a refusal for stock (expected under
/// contention), or an error (printed).
pub fn outcome_of(response: Option<Value>) -> Outcome {
    let Some(response) = response else {
        return Outcome::Error;
    };
    if response["data"]["placeOrder"]["id"].is_string() {
        return Outcome::Ok;
    }
    if response["errors"][0]["extensions"]["code"] == "OUT_OF_STOCK" {
        return Outcome::Refused;
    }
    eprintln!("unexpected answer: {response}");
    Outcome::Error
}

/// The broken invariants of the consistency checker (`portal check`), by name.
pub async fn broken_invariants(db: &DatabaseConnection) -> Vec<String> {
    backend::domain::consistency::check(db)
        .await
        .expect("the consistency check runs")
        .into_iter()
        .map(|finding| format!("{} ({} rows)", finding.invariant, finding.count))
        .collect()
}
