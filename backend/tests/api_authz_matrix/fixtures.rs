//! The objects the matrix's requests name, for each company, in one fresh database.
//!
//! The seed has most of them; what Negev lacks (an order waiting for approval, an open
//! request, a credit note) and what no seed has (saved lists, notifications, carts) is
//! made here through the API or, for notifications, written directly.

use std::collections::{BTreeMap, BTreeSet};

use backend::domain::auth::token::TokenKeys;
use backend::entities::{
    company, cost_center, credit_note, invoice, notification, order, order_request, saved_list,
    user,
};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use secrecy::SecretString;
use serde_json::{Value, json};
use shared::UserId;

use super::table::{CALLERS, Caller, Company};
use crate::common::{TEST_JWT_SECRET, TestApp, assert_no_errors};

pub const GALIL: &str = "Galil Hardware Ltd";
pub const NEGEV: &str = "Negev Builders Ltd";

/// A line every ordering caller's catalog has, with stock.
pub const SKU: &str = "SCR-101";

/// A session of user `id` and its access token, as a sign-in makes them.
async fn token_of(app: &TestApp, id: i64) -> String {
    let keys = TokenKeys::new(&SecretString::from(TEST_JWT_SECRET), 15);
    let session = backend::domain::auth::session::start(
        &app.db,
        UserId(id),
        &backend::domain::auth::session::ClientInfo::default(),
    )
    .await
    .expect("a session");
    keys.issue(UserId(id), session.session_id).expect("a token")
}

pub struct Fixtures {
    /// A token per caller of [`CALLERS`] (none for the anonymous one).
    pub tokens: Vec<Option<String>>,
    /// `@placeholder` → id, per company.
    pub objects: BTreeMap<Company, BTreeMap<&'static str, String>>,
}

impl Fixtures {
    /// Mints the callers' tokens and makes every object the requests name.
    pub async fn prepare(app: &TestApp) -> Fixtures {
        let mut tokens = Vec::new();
        for caller in CALLERS {
            tokens.push(match caller {
                Caller::Anonymous => None,
                Caller::User(email) => Some(token_of(app, user_id(app, email).await).await),
            });
        }
        let token = |email: &str| {
            let index = CALLERS
                .iter()
                .position(|caller| caller.name() == email)
                .expect("a caller");
            tokens[index].clone().expect("a token")
        };
        let negev_buyer = token_of(app, user_id(app, "buyer@other.test").await).await;
        let staff = token("staff@demo.test");
        let galil = company_id(app, GALIL).await;
        let negev = company_id(app, NEGEV).await;

        // Negev's seed has no order waiting for approval: lower its threshold for one
        // order of its buyer, then put it back.
        let rules = company::Entity::find_by_id(negev)
            .one(&app.db)
            .await
            .expect("read Negev")
            .expect("Negev");
        let threshold = rules.auto_approval_limit;
        set_threshold(app, negev, Some(0)).await;
        let placed = call(
            app,
            &negev_buyer,
            &format!(r#"mutation {{ placeOrder(input: {{ lines: [{{ sku: "{SKU}", quantity: 1 }}] }}) {{ id status }} }}"#),
        )
        .await;
        assert_eq!(
            placed["data"]["placeOrder"]["status"], "PENDING_APPROVAL",
            "{placed}"
        );
        set_threshold(app, negev, threshold).await;

        // Negev's open request and credit note.
        let negev_confirmed = order_in(app, negev, "CONFIRMED").await;
        call(
            app,
            &negev_buyer,
            &format!(r#"mutation {{ requestOrderCancellation(id: "{negev_confirmed}", reason: "Matrix") {{ id }} }}"#),
        )
        .await;
        let negev_delivered = order_in(app, negev, "DELIVERED").await;
        call(
            app,
            &staff,
            &format!(
                r#"mutation {{ returnOrder(id: "{negev_delivered}", reason: DAMAGED) {{ id }} }}"#
            ),
        )
        .await;

        // Saved lists of Galil's buyer and Negev's approver; a line in every ordering
        // caller's cart.
        for email in [
            "buyer@demo.test",
            "approver@demo.test",
            "approver@other.test",
        ] {
            call(
                app,
                &token(email),
                &format!(r#"mutation {{ setCartLine(sku: "{SKU}", quantity: 1) {{ total }} }}"#),
            )
            .await;
        }
        for email in ["buyer@demo.test", "approver@other.test"] {
            call(
                app,
                &token(email),
                r#"mutation { saveCartAsList(name: "Matrix list") { id } }"#,
            )
            .await;
        }

        let mut objects = BTreeMap::new();
        for (company, id, approver, list_owner, user_email) in [
            (
                Company::A,
                galil,
                "approver@demo.test",
                "buyer@demo.test",
                "viewer@demo.test",
            ),
            (
                Company::B,
                negev,
                "approver@other.test",
                "approver@other.test",
                "buyer@other.test",
            ),
        ] {
            let approver = user_id(app, approver).await;
            let notification = notification::ActiveModel {
                user_id: Set(approver),
                order_id: Set(None),
                kind: Set("ORDER_APPROVED".to_owned()),
                title: Set(format!("Matrix notification of company {company:?}")),
                body: Set(String::new()),
                link: Set("/orders".to_owned()),
                created_at: Set(chrono::Utc::now()),
                read_at: Set(None),
                ..Default::default()
            }
            .insert(&app.db)
            .await
            .expect("insert a notification");
            let list_owner = user_id(app, list_owner).await;
            let saved_list = saved_list::Entity::find()
                .filter(saved_list::Column::UserId.eq(list_owner))
                .one(&app.db)
                .await
                .expect("read saved lists")
                .expect("a saved list")
                .id;
            let mut request = None;
            for row in order_request::Entity::find()
                .filter(order_request::Column::Status.eq("OPEN"))
                .all(&app.db)
                .await
                .expect("read requests")
            {
                if order_company(app, row.order_id).await == id {
                    request = Some(row.id);
                }
            }
            let entries: [(&'static str, i64); 13] = [
                ("company", id),
                ("user", user_id(app, user_email).await),
                ("order", order_in(app, id, "DELIVERED").await),
                ("pending", order_in(app, id, "PENDING_APPROVAL").await),
                ("submitted", order_in(app, id, "SUBMITTED").await),
                ("invoiced", order_in(app, id, "INVOICED").await),
                ("shipped", order_in(app, id, "SHIPPED").await),
                ("request", request.expect("an open request")),
                ("invoice", first_invoice(app, id).await),
                ("credit_note", first_credit_note(app, id).await),
                ("saved_list", saved_list),
                ("notification", notification.id),
                ("cost_center", first_cost_center(app, id).await),
            ];
            objects.insert(
                company,
                entries
                    .into_iter()
                    .map(|(name, id)| (name, id.to_string()))
                    .collect(),
            );
        }
        Fixtures { tokens, objects }
    }

    /// The request with its `@placeholders` replaced by `company`'s objects (as
    /// GraphQL string literals). Longer names first, so `@order` never eats a prefix.
    pub fn fill(&self, request: &str, company: Option<Company>) -> String {
        let Some(company) = company else {
            return request.to_owned();
        };
        let mut names: Vec<_> = self.objects[&company].iter().collect();
        names.sort_by_key(|(name, _)| std::cmp::Reverse(name.len()));
        let mut filled = request.to_owned();
        for (name, id) in names {
            filled = filled.replace(&format!("@{name}"), &format!("\"{id}\""));
        }
        assert!(!filled.contains('@'), "an unknown placeholder in {request}");
        filled
    }
}

/// What identifies a company's data in a response: its name, its users' e-mails, its
/// order, invoice and credit-note numbers.
pub async fn markers(app: &TestApp) -> BTreeMap<Company, BTreeSet<String>> {
    let mut markers = BTreeMap::new();
    for (company, name) in [(Company::A, GALIL), (Company::B, NEGEV)] {
        let id = company_id(app, name).await;
        let mut set = BTreeSet::from([name.to_owned()]);
        set.extend(
            user::Entity::find()
                .filter(user::Column::CompanyId.eq(id))
                .all(&app.db)
                .await
                .expect("users")
                .into_iter()
                .map(|row| row.email),
        );
        set.extend(
            order::Entity::find()
                .filter(order::Column::CompanyId.eq(id))
                .all(&app.db)
                .await
                .expect("orders")
                .into_iter()
                .map(|row| row.number),
        );
        set.extend(
            invoice::Entity::find()
                .filter(invoice::Column::CompanyId.eq(id))
                .all(&app.db)
                .await
                .expect("invoices")
                .into_iter()
                .map(|row| row.number),
        );
        set.extend(
            credit_note::Entity::find()
                .filter(credit_note::Column::CompanyId.eq(id))
                .all(&app.db)
                .await
                .expect("credit notes")
                .into_iter()
                .map(|row| row.number),
        );
        markers.insert(company, set);
    }
    markers
}

/// Every string in `response` that is one of `markers`.
pub fn leaked<'a>(response: &'a Value, markers: &BTreeSet<String>) -> Vec<&'a str> {
    let mut found = Vec::new();
    let mut stack = vec![response];
    while let Some(value) = stack.pop() {
        match value {
            Value::String(text) if markers.contains(text.as_str()) => found.push(text.as_str()),
            Value::String(text)
                if markers
                    .iter()
                    .any(|marker| marker.contains(' ') && text.contains(marker.as_str())) =>
            {
                found.push(text.as_str())
            }
            Value::Array(items) => stack.extend(items),
            Value::Object(fields) => stack.extend(fields.values()),
            _ => {}
        }
    }
    found
}

async fn call(app: &TestApp, token: &str, query: &str) -> Value {
    let response = app.graphql(Some(token), query, json!({})).await;
    assert_no_errors(&response);
    response
}

async fn set_threshold(app: &TestApp, company: i64, threshold: Option<i64>) {
    company::ActiveModel {
        id: Set(company),
        auto_approval_limit: Set(threshold),
        ..Default::default()
    }
    .update(&app.db)
    .await
    .expect("set the approval threshold");
}

async fn company_id(app: &TestApp, name: &str) -> i64 {
    company::Entity::find()
        .filter(company::Column::Name.eq(name))
        .one(&app.db)
        .await
        .expect("read companies")
        .unwrap_or_else(|| panic!("no company {name}"))
        .id
}

async fn order_company(app: &TestApp, order_id: i64) -> i64 {
    order::Entity::find_by_id(order_id)
        .one(&app.db)
        .await
        .expect("read orders")
        .expect("the order")
        .company_id
}

/// The newest order of `company` in `status`.
async fn order_in(app: &TestApp, company: i64, status: &str) -> i64 {
    order::Entity::find()
        .filter(order::Column::CompanyId.eq(company))
        .filter(order::Column::Status.eq(status))
        .order_by_desc(order::Column::CreatedAt)
        .one(&app.db)
        .await
        .expect("read orders")
        .unwrap_or_else(|| panic!("company {company} has no {status} order"))
        .id
}

async fn first_invoice(app: &TestApp, company: i64) -> i64 {
    invoice::Entity::find()
        .filter(invoice::Column::CompanyId.eq(company))
        .one(&app.db)
        .await
        .expect("read invoices")
        .expect("an invoice")
        .id
}

async fn first_credit_note(app: &TestApp, company: i64) -> i64 {
    credit_note::Entity::find()
        .filter(credit_note::Column::CompanyId.eq(company))
        .one(&app.db)
        .await
        .expect("read credit notes")
        .expect("a credit note")
        .id
}

async fn first_cost_center(app: &TestApp, company: i64) -> i64 {
    cost_center::Entity::find()
        .filter(cost_center::Column::CompanyId.eq(company))
        .one(&app.db)
        .await
        .expect("read cost centres")
        .expect("a cost centre")
        .id
}

async fn user_id(app: &TestApp, email: &str) -> i64 {
    user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .one(&app.db)
        .await
        .expect("read users")
        .unwrap_or_else(|| panic!("no demo user {email}"))
        .id
}
