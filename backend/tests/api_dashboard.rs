//! The staff dashboard: every measure over a small hand-made history equals the value
//! computed by hand below, with a fixed number of SQL queries per request.
//!
//! The fixture lives in January 2020, years before the demo history (the last 365
//! days), so the demo data of the template database never enters the period. It is
//! written straight into the database: the workflow's mutations stamp the current
//! time, and these measures are all about known times.
#![expect(
    clippy::unwrap_used,
    reason = "fixture writes and answers fail the test loudly when they go wrong"
)]

mod common;

use std::sync::atomic::Ordering;

use backend::entities::{
    company, credit_note, credit_note_line, invoice, order, order_event, order_line, product, user,
};
use chrono::{DateTime, NaiveDate, Utc};
use common::shop::set_available;
use common::{TestApp, assert_no_errors, error_code};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use serde_json::{Value, json};

const DASHBOARD: &str = "query($from: Date!, $to: Date!, $companyId: ID) { dashboard(from: $from, to: $to, companyId: $companyId) {
    from to companyId
    ordersByStatus { status orders }
    salesByDay { start orders revenue }
    salesByWeek { start orders revenue }
    orders revenue averageOrderValue
    deliveryTime { orders averageHours }
    approvalTurnaround { decided { orders averageHours } approved rejected }
    returnRate { soldUnits returnedUnits rate }
    pickingAccuracy { fulfilledOrders wrongItemOrders accuracy }
    purchaseFrequency { companyId companyName orders revenue ordersPer30Days }
    averageOrdersPer30Days
    lowStock { sku available unitsSold30Days daysOfCover }
} }";

/// The fixture's period: Monday 6 to Sunday 19 January 2020, 14 days, two ISO weeks.
const FROM: &str = "2020-01-06";
const TO: &str = "2020-01-19";

fn at(text: &str) -> DateTime<Utc> {
    text.parse().unwrap()
}

/// Money as stored: ten-thousandths of a shekel.
fn ils(amount: i64) -> i64 {
    amount * 10_000
}

/// The two customer companies, a buyer of each and two products.
struct Fixture {
    db: DatabaseConnection,
    galil: i64,
    negev: i64,
    galil_buyer: i64,
    negev_buyer: i64,
    /// 25 ILS a unit in the fixture's orders.
    first: product::Model,
    /// 20 ILS a unit.
    second: product::Model,
    next_sequence: i64,
}

/// One order of the fixture: who, what, and its steps at known times.
struct Spec<'a> {
    company: i64,
    buyer: i64,
    status: &'a str,
    created_at: &'a str,
    submitted_at: Option<&'a str>,
    /// (product, quantity, unit price in ILS)
    lines: Vec<(&'a product::Model, i32, i64)>,
    /// (at, kind, status) after the `PLACED` event at `created_at`.
    events: Vec<(&'a str, &'a str, &'a str)>,
}

impl Fixture {
    async fn new(app: &TestApp) -> Fixture {
        let db = app.db.clone();
        let company_named = |name: &'static str| {
            company::Entity::find()
                .filter(company::Column::Name.eq(name))
                .one(&db)
        };
        let galil = company_named("Galil Hardware Ltd")
            .await
            .unwrap()
            .unwrap()
            .id;
        let negev = company_named("Negev Builders Ltd")
            .await
            .unwrap()
            .unwrap()
            .id;
        let user_called = |email: &'static str| {
            user::Entity::find()
                .filter(user::Column::Email.eq(email))
                .one(&db)
        };
        let galil_buyer = user_called("buyer@demo.test").await.unwrap().unwrap().id;
        let negev_buyer = user_called("buyer@other.test").await.unwrap().unwrap().id;
        let mut products = product::Entity::find()
            .filter(product::Column::Active.eq(true))
            .order_by_asc(product::Column::Id)
            .limit(2)
            .all(&db)
            .await
            .unwrap()
            .into_iter();
        let first = products.next().unwrap();
        let second = products.next().unwrap();
        Fixture {
            db,
            galil,
            negev,
            galil_buyer,
            negev_buyer,
            first,
            second,
            next_sequence: 1,
        }
    }

    async fn order(&mut self, spec: Spec<'_>) -> order::Model {
        let subtotal: i64 = spec
            .lines
            .iter()
            .map(|(_, quantity, price)| i64::from(*quantity) * ils(*price))
            .sum();
        let created_at = at(spec.created_at);
        let row = order::ActiveModel {
            number: Set(format!("T-2020-{:03}", self.next_sequence)),
            company_id: Set(spec.company),
            placed_by: Set(spec.buyer),
            status: Set(spec.status.to_owned()),
            channel: Set("PORTAL".to_owned()),
            cost_center_id: Set(None),
            note: Set(String::new()),
            subtotal: Set(subtotal),
            vat: Set(subtotal * 18 / 100),
            total: Set(subtotal * 118 / 100),
            approvals_required: Set(0),
            approval_reasons: Set("[]".to_owned()),
            idempotency_key: Set(None),
            version: Set(1),
            created_at: Set(created_at),
            updated_at: Set(created_at),
            submitted_at: Set(spec.submitted_at.map(at)),
            ..Default::default()
        }
        .insert(&self.db)
        .await
        .unwrap();
        self.next_sequence += 1;
        for (product, quantity, price) in &spec.lines {
            order_line::ActiveModel {
                order_id: Set(row.id),
                product_id: Set(product.id),
                sku: Set(product.sku.clone()),
                name_he: Set(product.name_he.clone()),
                name_en: Set(product.name_en.clone()),
                quantity: Set(*quantity),
                unit_price: Set(ils(*price)),
                line_total: Set(i64::from(*quantity) * ils(*price)),
                ..Default::default()
            }
            .insert(&self.db)
            .await
            .unwrap();
        }
        let first_status = if spec.submitted_at == Some(spec.created_at) {
            "SUBMITTED"
        } else {
            "PENDING_APPROVAL"
        };
        let placed = (spec.created_at, "PLACED", first_status);
        for (when, kind, status) in std::iter::once(placed).chain(spec.events) {
            order_event::ActiveModel {
                order_id: Set(row.id),
                at: Set(at(when)),
                kind: Set(kind.to_owned()),
                status: Set(status.to_owned()),
                actor_id: Set(None),
                comment: Set(String::new()),
                ..Default::default()
            }
            .insert(&self.db)
            .await
            .unwrap();
        }
        row
    }

    /// The order's invoice and a credit note of `reason` for `quantity` units of
    /// `product` at `price` ILS.
    async fn credit(
        &mut self,
        row: &order::Model,
        reason: &str,
        product: &product::Model,
        quantity: i32,
        price: i64,
    ) {
        let sequence = self.next_sequence;
        self.next_sequence += 1;
        let issued_at = row.updated_at;
        let day = issued_at.date_naive();
        let invoice = invoice::ActiveModel {
            number: Set(format!("TI-2020-{sequence:05}")),
            year: Set(2020),
            sequence: Set(90_000 + sequence),
            order_id: Set(row.id),
            company_id: Set(row.company_id),
            issued_at: Set(issued_at),
            issue_date: Set(day),
            due_date: Set(day),
            payment_terms: Set("NET 30".to_owned()),
            supplier_name: Set("Supplier".to_owned()),
            supplier_vat_number: Set("1".to_owned()),
            supplier_address: Set("Address".to_owned()),
            customer_name: Set("Customer".to_owned()),
            customer_vat_number: Set(None),
            currency: Set("ILS".to_owned()),
            vat_rate_percent: Set(18),
            issued_by: Set(None),
            subtotal: Set(row.subtotal),
            vat: Set(row.vat),
            total: Set(row.total),
            ..Default::default()
        }
        .insert(&self.db)
        .await
        .unwrap();
        let amount = i64::from(quantity) * ils(price);
        let note = credit_note::ActiveModel {
            number: Set(format!("TC-2020-{sequence:05}")),
            year: Set(2020),
            sequence: Set(90_000 + sequence),
            invoice_id: Set(invoice.id),
            order_id: Set(row.id),
            company_id: Set(row.company_id),
            issued_at: Set(issued_at),
            issue_date: Set(day),
            kind: Set(if reason == "CANCELLED" {
                "CANCELLATION"
            } else {
                "RETURN"
            }
            .to_owned()),
            reason: Set(reason.to_owned()),
            comment: Set(String::new()),
            issued_by: Set(None),
            subtotal: Set(amount),
            vat: Set(amount * 18 / 100),
            total: Set(amount * 118 / 100),
            ..Default::default()
        }
        .insert(&self.db)
        .await
        .unwrap();
        credit_note_line::ActiveModel {
            credit_note_id: Set(note.id),
            position: Set(1),
            sku: Set(product.sku.clone()),
            name_he: Set(product.name_he.clone()),
            name_en: Set(product.name_en.clone()),
            quantity: Set(quantity),
            unit_price: Set(ils(price)),
            line_total: Set(amount),
            ..Default::default()
        }
        .insert(&self.db)
        .await
        .unwrap();
    }
}

/// Writes the fixture's orders (letters as in the comments of the tests):
///
/// | order | company | placed | reached supplier | status now | lines | net |
/// |---|---|---|---|---|---|---|
/// | F | Galil | 01-05 05:00 | 01-05 05:00 | DELIVERED 01-09 05:00 | 1 x first | 25 |
/// | A | Galil | 01-06 10:00 | 01-06 10:00 | DELIVERED 01-08 10:00 | 4 x first | 100 |
/// | B | Galil | 01-07 09:00 pending | approved 01-07 13:00 | delivered 01-10 13:00, RETURNED (3 units, WRONG_ITEM) | 10 x second | 200 |
/// | I | Galil | 01-08 09:00 | 01-08 09:00 | delivered 01-09 09:00, RETURNED (1 unit, DAMAGED) | 3 x first | 75 |
/// | C | Galil | 01-13 08:00 pending | never | REJECTED 01-13 10:00 | 2 x first | 50 |
/// | D | Negev | 01-14 12:00 | 01-14 12:00 | SHIPPED | 6 x first | 150 |
/// | E | Galil | 01-14 15:00 | 01-14 15:00 | CANCELLED | 4 x second | 80 |
/// | J | Galil | 01-15 08:00 pending | 2nd approval 01-15 14:00 | SUBMITTED | 2 x first | 50 |
/// | G | Galil | 01-19 23:30 | 01-19 23:30 | CONFIRMED | 3 x second | 60 |
/// | H | Galil | 01-20 00:00 | 01-20 00:00 | SUBMITTED | 1 x first | 25 |
async fn write_history(app: &TestApp) -> Fixture {
    let mut fixture = Fixture::new(app).await;
    let (galil, galil_buyer) = (fixture.galil, fixture.galil_buyer);
    let (first, second) = (fixture.first.clone(), fixture.second.clone());
    let simple = |status: &'static str, when: &'static str, lines, events| Spec {
        company: galil,
        buyer: galil_buyer,
        status,
        created_at: when,
        submitted_at: Some(when),
        lines,
        events,
    };
    fixture
        .order(simple(
            "DELIVERED",
            "2020-01-05T05:00:00Z",
            vec![(&first, 1, 25)],
            vec![("2020-01-09T05:00:00Z", "DELIVER", "DELIVERED")],
        ))
        .await;
    fixture
        .order(simple(
            "DELIVERED",
            "2020-01-06T10:00:00Z",
            vec![(&first, 4, 25)],
            vec![("2020-01-08T10:00:00Z", "DELIVER", "DELIVERED")],
        ))
        .await;
    let b = fixture
        .order(Spec {
            company: galil,
            buyer: galil_buyer,
            status: "RETURNED",
            created_at: "2020-01-07T09:00:00Z",
            submitted_at: Some("2020-01-07T13:00:00Z"),
            lines: vec![(&second, 10, 20)],
            events: vec![
                ("2020-01-07T13:00:00Z", "APPROVED", "SUBMITTED"),
                ("2020-01-10T13:00:00Z", "DELIVER", "DELIVERED"),
                ("2020-01-11T13:00:00Z", "RETURNED", "RETURNED"),
            ],
        })
        .await;
    fixture.credit(&b, "WRONG_ITEM", &second, 3, 20).await;
    let i = fixture
        .order(simple(
            "RETURNED",
            "2020-01-08T09:00:00Z",
            vec![(&first, 3, 25)],
            vec![
                ("2020-01-09T09:00:00Z", "DELIVER", "DELIVERED"),
                ("2020-01-12T09:00:00Z", "RETURNED", "RETURNED"),
            ],
        ))
        .await;
    fixture.credit(&i, "DAMAGED", &first, 1, 25).await;
    fixture
        .order(Spec {
            company: galil,
            buyer: galil_buyer,
            status: "REJECTED",
            created_at: "2020-01-13T08:00:00Z",
            submitted_at: None,
            lines: vec![(&first, 2, 25)],
            events: vec![("2020-01-13T10:00:00Z", "REJECTED", "REJECTED")],
        })
        .await;
    fixture
        .order(Spec {
            company: fixture.negev,
            buyer: fixture.negev_buyer,
            ..simple(
                "SHIPPED",
                "2020-01-14T12:00:00Z",
                vec![(&first, 6, 25)],
                vec![],
            )
        })
        .await;
    let e = fixture
        .order(simple(
            "CANCELLED",
            "2020-01-14T15:00:00Z",
            vec![(&second, 4, 20)],
            vec![("2020-01-14T16:00:00Z", "CANCEL", "CANCELLED")],
        ))
        .await;
    fixture.credit(&e, "CANCELLED", &second, 4, 20).await;
    fixture
        .order(Spec {
            company: galil,
            buyer: galil_buyer,
            status: "SUBMITTED",
            created_at: "2020-01-15T08:00:00Z",
            submitted_at: Some("2020-01-15T14:00:00Z"),
            lines: vec![(&first, 2, 25)],
            events: vec![
                ("2020-01-15T09:00:00Z", "APPROVED", "PENDING_APPROVAL"),
                ("2020-01-15T14:00:00Z", "APPROVED", "SUBMITTED"),
            ],
        })
        .await;
    fixture
        .order(simple(
            "CONFIRMED",
            "2020-01-19T23:30:00Z",
            vec![(&second, 3, 20)],
            vec![],
        ))
        .await;
    fixture
        .order(simple(
            "SUBMITTED",
            "2020-01-20T00:00:00Z",
            vec![(&first, 1, 25)],
            vec![],
        ))
        .await;
    fixture
}

async fn dashboard(
    app: &TestApp,
    token: &str,
    from: &str,
    to: &str,
    company: Option<i64>,
) -> Value {
    let response = app
        .graphql(
            Some(token),
            DASHBOARD,
            json!({ "from": from, "to": to, "companyId": company.map(|id| id.to_string()) }),
        )
        .await;
    assert_no_errors(&response);
    response["data"]["dashboard"].clone()
}

fn float(value: &Value) -> f64 {
    value.as_f64().unwrap_or(f64::NAN)
}

fn assert_close(actual: &Value, expected: f64) {
    let actual = float(actual);
    assert!(
        (actual - expected).abs() < 1e-9,
        "expected {expected}, got {actual}"
    );
}

/// The non-zero status counts, as (status, orders).
fn statuses(dashboard: &Value) -> Vec<(String, i64)> {
    let all = dashboard["ordersByStatus"].as_array().unwrap();
    assert_eq!(all.len(), 11, "every status is listed");
    all.iter()
        .filter(|count| count["orders"].as_i64() != Some(0))
        .map(|count| {
            (
                count["status"].as_str().unwrap().to_owned(),
                count["orders"].as_i64().unwrap(),
            )
        })
        .collect()
}

fn buckets(series: &Value) -> Vec<(String, i64, String)> {
    series
        .as_array()
        .unwrap()
        .iter()
        .filter(|bucket| bucket["orders"].as_i64() != Some(0))
        .map(|bucket| {
            (
                bucket["start"].as_str().unwrap().to_owned(),
                bucket["orders"].as_i64().unwrap(),
                bucket["revenue"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn owned(rows: &[(&str, i64, &str)]) -> Vec<(String, i64, String)> {
    rows.iter()
        .map(|(start, orders, revenue)| ((*start).to_owned(), *orders, (*revenue).to_owned()))
        .collect()
}

#[tokio::test]
async fn every_measure_of_a_hand_made_fortnight_equals_its_hand_computed_value() {
    let app = TestApp::spawn().await;
    let staff = app.login("staff@demo.test").await;
    let fixture = write_history(&app).await;
    // Stock now: 4 of the first product, 2 of the second.
    set_available(&app, &staff, &fixture.first.sku, 4).await;
    set_available(&app, &staff, &fixture.second.sku, 2).await;

    let dashboard = dashboard(&app, &staff, FROM, TO, None).await;
    assert_eq!(dashboard["from"], FROM);
    assert_eq!(dashboard["to"], TO);

    // Created 01-06..01-19 by status now: A DELIVERED; B, I RETURNED; C REJECTED;
    // D SHIPPED; E CANCELLED; J SUBMITTED; G CONFIRMED (F before, H after the period).
    let expected = [
        ("CANCELLED", 1),
        ("CONFIRMED", 1),
        ("DELIVERED", 1),
        ("REJECTED", 1),
        ("RETURNED", 2),
        ("SHIPPED", 1),
        ("SUBMITTED", 1),
    ];
    let mut found = statuses(&dashboard);
    found.sort();
    assert_eq!(
        found,
        expected.map(|(status, orders)| (status.to_owned(), orders))
    );

    // Sold = reached the supplier 01-06..01-19 and not cancelled: A 100, B 200, I 75,
    // D 150, J 50, G 60 (C never reached it, E cancelled, F before, H at 01-20 00:00).
    assert_eq!(dashboard["salesByDay"].as_array().unwrap().len(), 14);
    assert_eq!(
        buckets(&dashboard["salesByDay"]),
        owned(&[
            ("2020-01-06", 1, "100.00"),
            ("2020-01-07", 1, "200.00"),
            ("2020-01-08", 1, "75.00"),
            ("2020-01-14", 1, "150.00"),
            ("2020-01-15", 1, "50.00"),
            ("2020-01-19", 1, "60.00"),
        ])
    );
    // Week of Monday 01-06: 100 + 200 + 75 = 375; of Monday 01-13: 150 + 50 + 60 = 260.
    assert_eq!(
        buckets(&dashboard["salesByWeek"]),
        owned(&[("2020-01-06", 3, "375.00"), ("2020-01-13", 3, "260.00")])
    );
    assert_eq!(dashboard["orders"], 6);
    // 375 + 260 = 635; 635 / 6 = 105.8333... -> 105.83.
    assert_eq!(dashboard["revenue"], "635.00");
    assert_eq!(dashboard["averageOrderValue"], "105.83");

    // Delivered 01-06..01-19: A 01-06 10:00 -> 01-08 10:00 = 48 h; B 01-07 13:00 ->
    // 01-10 13:00 = 72 h; I 01-08 09:00 -> 01-09 09:00 = 24 h; F 01-05 05:00 -> 01-09
    // 05:00 = 96 h. (48 + 72 + 24 + 96) / 4 = 60 h.
    assert_eq!(dashboard["deliveryTime"]["orders"], 4);
    assert_close(&dashboard["deliveryTime"]["averageHours"], 60.0);

    // Decided 01-06..01-19: B approved 4 h after placing (09:00 -> 13:00), C rejected
    // after 2 h (08:00 -> 10:00), J's second approval 6 h after (08:00 -> 14:00; its
    // first approval at 09:00 left it pending and does not count). (4 + 2 + 6) / 3 = 4 h.
    let approval = &dashboard["approvalTurnaround"];
    assert_eq!(approval["decided"]["orders"], 3);
    assert_close(&approval["decided"]["averageHours"], 4.0);
    assert_eq!(approval["approved"], 2);
    assert_eq!(approval["rejected"], 1);

    // Units sold: A 4 + B 10 + I 3 + D 6 + J 2 + G 3 = 28; returned: B 3 (wrong item)
    // + I 1 (damaged) = 4 (E's cancellation credit is no return). 4 / 28 = 1/7.
    assert_eq!(dashboard["returnRate"]["soldUnits"], 28);
    assert_eq!(dashboard["returnRate"]["returnedUnits"], 4);
    assert_close(&dashboard["returnRate"]["rate"], 4.0 / 28.0);

    // Sold and now delivered or returned: A, B, I = 3; returned as a wrong item: B.
    // (3 - 1) / 3 = 2/3.
    assert_eq!(dashboard["pickingAccuracy"]["fulfilledOrders"], 3);
    assert_eq!(dashboard["pickingAccuracy"]["wrongItemOrders"], 1);
    assert_close(&dashboard["pickingAccuracy"]["accuracy"], 2.0 / 3.0);

    // Galil: A, B, I, J, G = 5 orders, 100 + 200 + 75 + 50 + 60 = 485, 5 * 30 / 14 per
    // 30 days; Negev: D = 1 order, 150, 1 * 30 / 14. Mean: (150/14 + 30/14) / 2 = 90/14.
    let customers = dashboard["purchaseFrequency"].as_array().unwrap();
    assert_eq!(customers.len(), 2);
    assert_eq!(customers[0]["companyId"], fixture.galil.to_string());
    assert_eq!(customers[0]["orders"], 5);
    assert_eq!(customers[0]["revenue"], "485.00");
    assert_close(&customers[0]["ordersPer30Days"], 150.0 / 14.0);
    assert_eq!(customers[1]["companyId"], fixture.negev.to_string());
    assert_eq!(customers[1]["orders"], 1);
    assert_eq!(customers[1]["revenue"], "150.00");
    assert_close(&customers[1]["ordersPer30Days"], 30.0 / 14.0);
    assert_close(&dashboard["averageOrdersPer30Days"], 90.0 / 14.0);

    // Units sold in the 30 days before 01-20 (12-21..01-19), cancelled E and H (01-20)
    // left out: first F 1 + A 4 + I 3 + D 6 + J 2 = 16, second B 10 + G 3 = 13. Cover:
    // first 4 * 30 / 16 = 7.5 days, second 2 * 30 / 13 = 4.615... days: second first.
    // The demo's low-stock products sold nothing then, so they follow.
    let low = dashboard["lowStock"].as_array().unwrap();
    assert_eq!(low[0]["sku"], fixture.second.sku.as_str());
    assert_eq!(low[0]["available"], 2);
    assert_eq!(low[0]["unitsSold30Days"], 13);
    assert_close(&low[0]["daysOfCover"], 60.0 / 13.0);
    assert_eq!(low[1]["sku"], fixture.first.sku.as_str());
    assert_eq!(low[1]["available"], 4);
    assert_eq!(low[1]["unitsSold30Days"], 16);
    assert_close(&low[1]["daysOfCover"], 7.5);
    assert!(
        low[2..]
            .iter()
            .all(|product| product["daysOfCover"].is_null()
                && product["available"].as_i64().unwrap() <= 5),
        "{low:?}"
    );
}

#[tokio::test]
async fn the_company_filter_keeps_only_that_companys_orders() {
    let app = TestApp::spawn().await;
    let staff = app.login("staff@demo.test").await;
    let fixture = write_history(&app).await;

    let negev = dashboard(&app, &staff, FROM, TO, Some(fixture.negev)).await;
    assert_eq!(negev["companyId"], fixture.negev.to_string());
    // Negev has only D: created and sold 01-14, 6 units, 150 ILS, not delivered.
    assert_eq!(statuses(&negev), vec![("SHIPPED".to_owned(), 1)]);
    assert_eq!(negev["orders"], 1);
    assert_eq!(negev["revenue"], "150.00");
    assert_eq!(negev["averageOrderValue"], "150.00");
    assert_eq!(negev["deliveryTime"]["orders"], 0);
    assert!(negev["deliveryTime"]["averageHours"].is_null());
    assert_eq!(negev["approvalTurnaround"]["decided"]["orders"], 0);
    assert_eq!(negev["returnRate"]["soldUnits"], 6);
    assert_eq!(negev["returnRate"]["returnedUnits"], 0);
    assert_close(&negev["returnRate"]["rate"], 0.0);
    assert_eq!(negev["pickingAccuracy"]["fulfilledOrders"], 0);
    assert!(negev["pickingAccuracy"]["accuracy"].is_null());
    assert_eq!(negev["purchaseFrequency"].as_array().unwrap().len(), 1);

    // Galil: everything of the first test but D: 5 orders, 635 - 150 = 485 ILS.
    let galil = dashboard(&app, &staff, FROM, TO, Some(fixture.galil)).await;
    assert_eq!(galil["orders"], 5);
    assert_eq!(galil["revenue"], "485.00");
    // 485 / 5 = 97.
    assert_eq!(galil["averageOrderValue"], "97.00");
    // 28 - 6 of D = 22 units sold, 4 returned.
    assert_eq!(galil["returnRate"]["soldUnits"], 22);
    assert_eq!(galil["returnRate"]["returnedUnits"], 4);
}

#[tokio::test]
async fn a_period_without_orders_answers_zeros_and_nulls() {
    let app = TestApp::spawn().await;
    let staff = app.login("staff@demo.test").await;
    let empty = dashboard(&app, &staff, "2019-03-01", "2019-03-07", None).await;
    assert_eq!(statuses(&empty), vec![]);
    assert_eq!(empty["salesByDay"].as_array().unwrap().len(), 7);
    assert_eq!(empty["orders"], 0);
    assert_eq!(empty["revenue"], "0.00");
    assert!(empty["averageOrderValue"].is_null());
    assert!(empty["returnRate"]["rate"].is_null());
    assert!(empty["approvalTurnaround"]["decided"]["averageHours"].is_null());
    assert!(empty["averageOrdersPer30Days"].is_null());
}

#[tokio::test]
async fn the_demo_history_of_the_last_year_fills_every_measure() {
    let app = TestApp::spawn().await;
    let staff = app.login("staff@demo.test").await;
    let today = Utc::now().date_naive();
    let from = (today - chrono::Duration::days(364)).to_string();
    let year = dashboard(&app, &staff, &from, &today.to_string(), None).await;
    assert!(year["orders"].as_i64().unwrap() > 0);
    assert!(float(&year["deliveryTime"]["averageHours"]) > 0.0);
    assert!(
        year["approvalTurnaround"]["decided"]["orders"]
            .as_i64()
            .unwrap()
            > 0
    );
    assert!(year["returnRate"]["returnedUnits"].as_i64().unwrap() > 0);
    assert_eq!(year["purchaseFrequency"].as_array().unwrap().len(), 2);
    assert!(!year["lowStock"].as_array().unwrap().is_empty());
    assert_eq!(year["salesByDay"].as_array().unwrap().len(), 365);
    // The days add up to the total.
    let by_day: i64 = year["salesByDay"]
        .as_array()
        .unwrap()
        .iter()
        .map(|day| day["orders"].as_i64().unwrap())
        .sum();
    assert_eq!(by_day, year["orders"].as_i64().unwrap());
}

/// SQL statements the server runs for one dashboard request.
async fn statements_of(app: &TestApp, token: &str, from: &str, to: &str) -> usize {
    let before = app.statements.load(Ordering::SeqCst);
    dashboard(app, token, from, to, None).await;
    app.statements.load(Ordering::SeqCst) - before
}

#[tokio::test]
async fn the_dashboard_runs_eight_queries_whatever_the_period() {
    let app = TestApp::spawn().await;
    let staff = app.login("staff@demo.test").await;
    // What authenticating any request costs (session and user re-read).
    let before = app.statements.load(Ordering::SeqCst);
    assert_no_errors(&app.graphql(Some(&staff), "{ me { id } }", json!({})).await);
    let me = app.statements.load(Ordering::SeqCst) - before;
    let week = statements_of(&app, &staff, "2026-01-01", "2026-01-07").await;
    let two_years = statements_of(&app, &staff, "2024-01-01", "2025-12-31").await;
    assert_eq!(week, two_years);
    // `me` reads the account once more than authentication did; the dashboard adds
    // its eight measures to authentication.
    assert_eq!(week, me - 1 + 8, "me: {me}, dashboard: {week}");
}

#[tokio::test]
async fn a_reversed_or_too_long_period_or_a_bad_company_is_bad_input() {
    let app = TestApp::spawn().await;
    let staff = app.login("staff@demo.test").await;
    for (from, to, company) in [
        ("2020-02-01", "2020-01-31", None),
        ("2020-01-01", "2022-01-02", None),
        ("2020-01-01", "2020-01-31", Some("not-a-company")),
    ] {
        let response = app
            .graphql(
                Some(&staff),
                DASHBOARD,
                json!({ "from": from, "to": to, "companyId": company }),
            )
            .await;
        assert_eq!(error_code(&response), Some("BAD_USER_INPUT"), "{response}");
    }
}

#[tokio::test]
async fn only_supplier_staff_see_the_dashboard() {
    let app = TestApp::spawn().await;
    let query = "{ dashboard(from: \"2020-01-01\", to: \"2020-01-31\") { orders } }";
    assert_eq!(
        error_code(&app.graphql(None, query, json!({})).await),
        Some("UNAUTHENTICATED")
    );
    for customer in ["buyer@demo.test", "admin@demo.test", "viewer@demo.test"] {
        let token = app.login(customer).await;
        let response = app.graphql(Some(&token), query, json!({})).await;
        assert_eq!(error_code(&response), Some("FORBIDDEN"), "{customer}");
    }
}

#[test]
fn fixture_dates_are_the_days_the_comments_name() {
    // 2020-01-06 is a Monday: the weeks of the first test start on the 6th and 13th.
    let monday: NaiveDate = FROM.parse().unwrap();
    assert_eq!(chrono::Datelike::weekday(&monday), chrono::Weekday::Mon);
}
