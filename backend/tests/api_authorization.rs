//! Authorization as one table: every operation of the API, called by every role (and
//! by an anonymous client), with the outcome written down once per cell.

mod common;

use common::{TestApp, error_code};
use serde_json::{Value, json};

/// What a cell of the table expects.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Outcome {
    Ok,
    /// The operation answered with data but no error (null for invisible objects).
    Null,
    Unauthenticated,
    Forbidden,
    NotFound,
    BadInput,
}
use Outcome::*;

/// The callers: anonymous, then Galil's four roles, then supplier staff.
const CALLERS: [Option<&str>; 6] = [
    None,
    Some("buyer@demo.test"),
    Some("approver@demo.test"),
    Some("viewer@demo.test"),
    Some("admin@demo.test"),
    Some("staff@demo.test"),
];

struct Case {
    name: &'static str,
    query: &'static str,
    /// `$own_company`, `$other_company`, `$own_user`, `$other_user` are filled in.
    variables: fn(&Ids) -> Value,
    /// One outcome per caller of [`CALLERS`].
    expected: [Outcome; 6],
}

struct Ids {
    own_company: String,
    other_company: String,
    own_user: String,
    other_user: String,
}

fn none(_: &Ids) -> Value {
    json!({})
}

fn cases() -> Vec<Case> {
    //                                   anon             buyer      approver   viewer     admin      staff
    vec![
        Case {
            name: "me",
            query: "{ me { id } }",
            variables: none,
            expected: [Unauthenticated, Ok, Ok, Ok, Ok, Ok],
        },
        Case {
            name: "setLanguage",
            query: r#"mutation { setLanguage(language: "en") { id } }"#,
            variables: none,
            expected: [Unauthenticated, Ok, Ok, Ok, Ok, Ok],
        },
        // Notifications: every signed-in user has an inbox of its own.
        Case {
            name: "notifications",
            query: "{ notifications(first: 5) { edges { node { id title } } } }",
            variables: none,
            expected: [Unauthenticated, Ok, Ok, Ok, Ok, Ok],
        },
        Case {
            name: "unreadNotificationCount",
            query: "{ unreadNotificationCount }",
            variables: none,
            expected: [Unauthenticated, Ok, Ok, Ok, Ok, Ok],
        },
        Case {
            name: "markNotificationRead (unknown id: allowed, but nothing to mark)",
            query: r#"mutation { markNotificationRead(id: "999999") { id } }"#,
            variables: none,
            expected: [
                Unauthenticated,
                NotFound,
                NotFound,
                NotFound,
                NotFound,
                NotFound,
            ],
        },
        Case {
            name: "markAllNotificationsRead",
            query: "mutation { markAllNotificationsRead }",
            variables: none,
            expected: [Unauthenticated, Ok, Ok, Ok, Ok, Ok],
        },
        Case {
            name: "companies",
            query: "{ companies { edges { node { id name } } } }",
            variables: none,
            expected: [
                Unauthenticated,
                Forbidden,
                Forbidden,
                Forbidden,
                Forbidden,
                Ok,
            ],
        },
        Case {
            name: "company (own)",
            query: "query($id: ID!) { company(id: $id) { id name creditLimit } }",
            variables: |ids| json!({ "id": ids.own_company }),
            expected: [Unauthenticated, Ok, Ok, Ok, Ok, Ok],
        },
        Case {
            name: "company (other company's)",
            query: "query($id: ID!) { company(id: $id) { id name creditLimit } }",
            variables: |ids| json!({ "id": ids.other_company }),
            expected: [Unauthenticated, Null, Null, Null, Null, Ok],
        },
        Case {
            name: "companyUsers",
            query: "{ companyUsers { edges { node { id email } } } }",
            variables: none,
            expected: [
                Unauthenticated,
                Forbidden,
                Forbidden,
                Forbidden,
                Ok,
                Forbidden,
            ],
        },
        Case {
            name: "costCenters",
            query: "{ costCenters { id name monthlyBudget } }",
            variables: none,
            expected: [Unauthenticated, Ok, Ok, Forbidden, Ok, Forbidden],
        },
        Case {
            name: "cart",
            query: "{ cart { total } }",
            variables: none,
            expected: [Unauthenticated, Ok, Ok, Forbidden, Forbidden, Forbidden],
        },
        Case {
            name: "savedLists",
            query: "{ savedLists { id } }",
            variables: none,
            expected: [Unauthenticated, Ok, Ok, Forbidden, Forbidden, Forbidden],
        },
        Case {
            name: "addToCart",
            query: r#"mutation { addToCart(lines: [{ sku: "SCR-101", quantity: 1 }]) { cart { total } } }"#,
            variables: none,
            expected: [Unauthenticated, Ok, Ok, Forbidden, Forbidden, Forbidden],
        },
        Case {
            name: "setCartLine",
            query: r#"mutation { setCartLine(sku: "SCR-101", quantity: 2) { total } }"#,
            variables: none,
            expected: [Unauthenticated, Ok, Ok, Forbidden, Forbidden, Forbidden],
        },
        Case {
            name: "clearCart",
            query: "mutation { clearCart }",
            variables: none,
            expected: [Unauthenticated, Ok, Ok, Forbidden, Forbidden, Forbidden],
        },
        Case {
            name: "reorder (unknown order)",
            query: r#"mutation { reorder(orderId: "999999") { cart { total } } }"#,
            variables: none,
            expected: [
                Unauthenticated,
                NotFound,
                NotFound,
                Forbidden,
                Forbidden,
                Forbidden,
            ],
        },
        Case {
            name: "saveCartAsList (empty cart)",
            query: r#"mutation { saveCartAsList(name: "x") { id } }"#,
            variables: none,
            expected: [
                Unauthenticated,
                BadInput,
                BadInput,
                Forbidden,
                Forbidden,
                Forbidden,
            ],
        },
        Case {
            name: "addSavedListToCart (unknown)",
            query: r#"mutation { addSavedListToCart(id: "999999") { cart { total } } }"#,
            variables: none,
            expected: [
                Unauthenticated,
                NotFound,
                NotFound,
                Forbidden,
                Forbidden,
                Forbidden,
            ],
        },
        Case {
            name: "deleteSavedList (unknown)",
            query: r#"mutation { deleteSavedList(id: "999999") }"#,
            variables: none,
            expected: [
                Unauthenticated,
                NotFound,
                NotFound,
                Forbidden,
                Forbidden,
                Forbidden,
            ],
        },
        Case {
            name: "products",
            query: r#"{ products(first: 5) { edges { node { sku unitPrice available } } } }"#,
            variables: none,
            expected: [Unauthenticated, Ok, Ok, Ok, Ok, Ok],
        },
        Case {
            name: "product",
            query: r#"{ product(sku: "SCR-101") { sku unitPrice } }"#,
            variables: none,
            expected: [Unauthenticated, Ok, Ok, Ok, Ok, Ok],
        },
        Case {
            name: "categories",
            query: r#"{ categories { id name } }"#,
            variables: none,
            expected: [Unauthenticated, Ok, Ok, Ok, Ok, Ok],
        },
        Case {
            name: "adjustStock",
            query: r#"mutation { adjustStock(input: { sku: "SCR-101", onHandDelta: 1, reason: COUNT }) { available } }"#,
            variables: none,
            expected: [
                Unauthenticated,
                Forbidden,
                Forbidden,
                Forbidden,
                Forbidden,
                Ok,
            ],
        },
        Case {
            name: "priceLists",
            query: r#"{ priceLists { id } }"#,
            variables: none,
            expected: [
                Unauthenticated,
                Forbidden,
                Forbidden,
                Forbidden,
                Forbidden,
                Ok,
            ],
        },
        Case {
            name: "companyAssortment",
            query: r#"query($id: ID!) { companyAssortment(companyId: $id) { skus } }"#,
            variables: |ids| json!({ "id": ids.own_company }),
            expected: [
                Unauthenticated,
                Forbidden,
                Forbidden,
                Forbidden,
                Forbidden,
                Ok,
            ],
        },
        Case {
            name: "exportCatalogCsv",
            query: r#"{ exportCatalogCsv }"#,
            variables: none,
            expected: [
                Unauthenticated,
                Forbidden,
                Forbidden,
                Forbidden,
                Forbidden,
                Ok,
            ],
        },
        Case {
            name: "upsertProduct",
            query: r#"mutation { upsertProduct(input: { sku: "AUTHZ-1", nameHe: "א", nameEn: "A", categoryId: "2", unit: "unit" }) { sku } }"#,
            variables: none,
            expected: [
                Unauthenticated,
                Forbidden,
                Forbidden,
                Forbidden,
                Forbidden,
                Ok,
            ],
        },
        Case {
            name: "saveCategory",
            query: r#"mutation { saveCategory(input: { nameHe: "א", nameEn: "Authz" }) { id } }"#,
            variables: none,
            expected: [
                Unauthenticated,
                Forbidden,
                Forbidden,
                Forbidden,
                Forbidden,
                Ok,
            ],
        },
        Case {
            name: "createPriceList",
            query: r#"mutation { createPriceList(name: "Authz list") { id } }"#,
            variables: none,
            expected: [
                Unauthenticated,
                Forbidden,
                Forbidden,
                Forbidden,
                Forbidden,
                Ok,
            ],
        },
        Case {
            name: "setPrice",
            query: r#"mutation { setPrice(input: { priceListId: "1", sku: "SCR-101", unitPrice: "19.00" }) }"#,
            variables: none,
            expected: [
                Unauthenticated,
                Forbidden,
                Forbidden,
                Forbidden,
                Forbidden,
                Ok,
            ],
        },
        Case {
            name: "removePrice",
            query: r#"mutation { removePrice(priceListId: "1", sku: "SCR-102") }"#,
            variables: none,
            expected: [
                Unauthenticated,
                Forbidden,
                Forbidden,
                Forbidden,
                Forbidden,
                Ok,
            ],
        },
        Case {
            name: "setCompanyPricing",
            query: r#"mutation($id: ID!) { setCompanyPricing(companyId: $id, discountPercent: "0") }"#,
            variables: |ids| json!({ "id": ids.own_company }),
            expected: [
                Unauthenticated,
                Forbidden,
                Forbidden,
                Forbidden,
                Forbidden,
                Ok,
            ],
        },
        Case {
            name: "setAssortment",
            query: r#"mutation($id: ID!) { setAssortment(companyId: $id, categoryIds: [], skus: []) { skus } }"#,
            variables: |ids| json!({ "id": ids.other_company }),
            expected: [
                Unauthenticated,
                Forbidden,
                Forbidden,
                Forbidden,
                Forbidden,
                Ok,
            ],
        },
        Case {
            name: "importCatalogCsv",
            query: r#"mutation { importCatalogCsv(csv: "sku", dryRun: true) { errorCount } }"#,
            variables: none,
            expected: [
                Unauthenticated,
                Forbidden,
                Forbidden,
                Forbidden,
                Forbidden,
                Ok,
            ],
        },
        Case {
            name: "orders",
            query: r#"{ orders { edges { node { id } } } }"#,
            variables: none,
            expected: [Unauthenticated, Ok, Ok, Ok, Ok, Ok],
        },
        Case {
            name: "order (unknown id)",
            query: r#"{ order(id: "999999") { id } }"#,
            variables: none,
            expected: [Unauthenticated, Null, Null, Null, Null, Null],
        },
        Case {
            name: "orderQuote",
            query: r#"{ orderQuote(input: { lines: [{ sku: "SCR-101", quantity: 1 }] }) { total } }"#,
            variables: none,
            expected: [Unauthenticated, Ok, Ok, Forbidden, Forbidden, Forbidden],
        },
        Case {
            name: "placeOrder",
            query: r#"mutation { placeOrder(input: { lines: [{ sku: "SCR-101", quantity: 1 }] }) { id } }"#,
            variables: none,
            expected: [Unauthenticated, Ok, Ok, Forbidden, Forbidden, Forbidden],
        },
        Case {
            name: "approveOrder (unknown id)",
            query: r#"mutation { approveOrder(id: "999999") { id } }"#,
            variables: none,
            expected: [
                Unauthenticated,
                Forbidden,
                NotFound,
                Forbidden,
                Forbidden,
                Forbidden,
            ],
        },
        Case {
            name: "rejectOrder (unknown id)",
            query: r#"mutation { rejectOrder(id: "999999", reason: "x") { id } }"#,
            variables: none,
            expected: [
                Unauthenticated,
                Forbidden,
                NotFound,
                Forbidden,
                Forbidden,
                Forbidden,
            ],
        },
        Case {
            name: "approvalRules",
            query: "{ approvalRules { autoApprovalLimit } }",
            variables: none,
            expected: [
                Unauthenticated,
                Forbidden,
                Forbidden,
                Forbidden,
                Ok,
                Forbidden,
            ],
        },
        Case {
            name: "setApprovalRules",
            query: r#"mutation { setApprovalRules(autoApprovalLimit: "5000", dualApprovalLimit: "20000") { autoApprovalLimit } }"#,
            variables: none,
            expected: [
                Unauthenticated,
                Forbidden,
                Forbidden,
                Forbidden,
                Ok,
                Forbidden,
            ],
        },
        Case {
            name: "setUserLimits (own company's user)",
            query: "mutation($id: ID!) { setUserLimits(userId: $id, orderLimit: \"9000\") { orderLimit } }",
            variables: |ids| json!({ "id": ids.own_user }),
            expected: [
                Unauthenticated,
                Forbidden,
                Forbidden,
                Forbidden,
                Ok,
                Forbidden,
            ],
        },
        Case {
            name: "setUserLimits (other company's user)",
            query: "mutation($id: ID!) { setUserLimits(userId: $id, orderLimit: \"9000\") { orderLimit } }",
            variables: |ids| json!({ "id": ids.other_user }),
            expected: [
                Unauthenticated,
                Forbidden,
                Forbidden,
                Forbidden,
                NotFound,
                Forbidden,
            ],
        },
        Case {
            name: "saveCostCenter",
            query: r#"mutation { saveCostCenter(name: "Authz centre") { id } }"#,
            variables: none,
            expected: [
                Unauthenticated,
                Forbidden,
                Forbidden,
                Forbidden,
                Ok,
                Forbidden,
            ],
        },
        Case {
            name: "createCompanyUser",
            query: r#"mutation { createCompanyUser(input: { email: "new.user@demo.test", name: "New User", role: VIEWER, password: "a-long-password" }) { id } }"#,
            variables: none,
            expected: [
                Unauthenticated,
                Forbidden,
                Forbidden,
                Forbidden,
                Ok,
                Forbidden,
            ],
        },
        Case {
            name: "updateCompanyUser (own company's user)",
            query: "mutation($id: ID!) { updateCompanyUser(id: $id, input: { name: \"Renamed\" }) { id name } }",
            variables: |ids| json!({ "id": ids.own_user }),
            expected: [
                Unauthenticated,
                Forbidden,
                Forbidden,
                Forbidden,
                Ok,
                Forbidden,
            ],
        },
        Case {
            name: "updateCompanyUser (other company's user)",
            query: "mutation($id: ID!) { updateCompanyUser(id: $id, input: { name: \"Renamed\" }) { id name } }",
            variables: |ids| json!({ "id": ids.other_user }),
            expected: [
                Unauthenticated,
                Forbidden,
                Forbidden,
                Forbidden,
                NotFound,
                Forbidden,
            ],
        },
        // Fulfilment: staff move orders; customers (not viewers) ask and confirm delivery.
        Case {
            name: "moveOrder (unknown id)",
            query: r#"mutation { moveOrder(id: "999999", action: CONFIRM) { id } }"#,
            variables: none,
            expected: [
                Unauthenticated,
                Forbidden,
                Forbidden,
                Forbidden,
                Forbidden,
                NotFound,
            ],
        },
        Case {
            name: "moveOrders (unknown id: reported per order)",
            query: r#"mutation { moveOrders(ids: ["999999"], action: PACK) { id error { code } } }"#,
            variables: none,
            expected: [
                Unauthenticated,
                Forbidden,
                Forbidden,
                Forbidden,
                Forbidden,
                Ok,
            ],
        },
        Case {
            name: "shipOrder (unknown id)",
            query: r#"mutation { shipOrder(id: "999999", shipment: { carrier: "UPS", trackingNumber: "1Z" }) { id } }"#,
            variables: none,
            expected: [
                Unauthenticated,
                Forbidden,
                Forbidden,
                Forbidden,
                Forbidden,
                NotFound,
            ],
        },
        Case {
            name: "returnOrder (unknown id)",
            query: r#"mutation { returnOrder(id: "999999", reason: DAMAGED) { id } }"#,
            variables: none,
            expected: [
                Unauthenticated,
                Forbidden,
                Forbidden,
                Forbidden,
                Forbidden,
                NotFound,
            ],
        },
        Case {
            name: "confirmDelivery (unknown id)",
            query: r#"mutation { confirmDelivery(id: "999999") { id } }"#,
            variables: none,
            expected: [
                Unauthenticated,
                NotFound,
                NotFound,
                Forbidden,
                NotFound,
                NotFound,
            ],
        },
        Case {
            name: "requestOrderCancellation (unknown id)",
            query: r#"mutation { requestOrderCancellation(id: "999999", reason: "Twice") { id } }"#,
            variables: none,
            expected: [
                Unauthenticated,
                NotFound,
                NotFound,
                Forbidden,
                NotFound,
                Forbidden,
            ],
        },
        Case {
            name: "requestOrderChange (unknown id)",
            query: r#"mutation { requestOrderChange(id: "999999", message: "More") { id } }"#,
            variables: none,
            expected: [
                Unauthenticated,
                NotFound,
                NotFound,
                Forbidden,
                NotFound,
                Forbidden,
            ],
        },
        Case {
            name: "requestReturn (unknown id)",
            query: r#"mutation { requestReturn(id: "999999", reason: WRONG_ITEM) { id } }"#,
            variables: none,
            expected: [
                Unauthenticated,
                NotFound,
                NotFound,
                Forbidden,
                NotFound,
                Forbidden,
            ],
        },
        Case {
            name: "acceptOrderRequest (unknown id)",
            query: r#"mutation { acceptOrderRequest(id: "999999") { id } }"#,
            variables: none,
            expected: [
                Unauthenticated,
                Forbidden,
                Forbidden,
                Forbidden,
                Forbidden,
                NotFound,
            ],
        },
        Case {
            name: "declineOrderRequest (unknown id)",
            query: r#"mutation { declineOrderRequest(id: "999999", reason: "No") { id } }"#,
            variables: none,
            expected: [
                Unauthenticated,
                Forbidden,
                Forbidden,
                Forbidden,
                Forbidden,
                NotFound,
            ],
        },
        Case {
            name: "placeOrderFor (no lines: checked, nothing written)",
            query: "mutation($company: ID!) { placeOrderFor(companyId: $company, channel: PHONE, input: { lines: [] }) { id } }",
            variables: |ids| json!({ "company": ids.own_company }),
            expected: [
                Unauthenticated,
                Forbidden,
                Forbidden,
                Forbidden,
                Forbidden,
                BadInput,
            ],
        },
        Case {
            name: "openOrderRequestCount",
            query: "{ openOrderRequestCount }",
            variables: none,
            expected: [
                Unauthenticated,
                Forbidden,
                Forbidden,
                Forbidden,
                Forbidden,
                Ok,
            ],
        },
        Case {
            name: "pickList (unknown id)",
            query: r#"{ pickList(orderId: "999999") { lines { sku } } }"#,
            variables: none,
            expected: [
                Unauthenticated,
                Forbidden,
                Forbidden,
                Forbidden,
                Forbidden,
                NotFound,
            ],
        },
        // Invoices and the ledger: every role reads its own company's; staff all.
        Case {
            name: "invoices",
            query: "{ invoices(first: 5) { edges { node { id number pdfUrl } } } }",
            variables: none,
            expected: [Unauthenticated, Ok, Ok, Ok, Ok, Ok],
        },
        Case {
            name: "invoices (other company's)",
            query: "query($company: ID) { invoices(first: 5, companyId: $company) { edges { node { id } } } }",
            variables: |ids| json!({ "company": ids.other_company }),
            expected: [Unauthenticated, NotFound, NotFound, NotFound, NotFound, Ok],
        },
        Case {
            name: "invoice (unknown id)",
            query: r#"{ invoice(id: "999999") { id } }"#,
            variables: none,
            expected: [Unauthenticated, Null, Null, Null, Null, Null],
        },
        Case {
            name: "creditNotes",
            query: "{ creditNotes(first: 5) { edges { node { id number } } } }",
            variables: none,
            expected: [Unauthenticated, Ok, Ok, Ok, Ok, Ok],
        },
        Case {
            name: "creditNote (unknown id)",
            query: r#"{ creditNote(id: "999999") { id } }"#,
            variables: none,
            expected: [Unauthenticated, Null, Null, Null, Null, Null],
        },
        Case {
            name: "ledger (own; staff must name a company)",
            query: "{ ledger { balance availableCredit } }",
            variables: none,
            expected: [Unauthenticated, Ok, Ok, Ok, Ok, BadInput],
        },
        Case {
            name: "ledger (other company's)",
            query: "query($company: ID) { ledger(companyId: $company) { balance } }",
            variables: |ids| json!({ "company": ids.other_company }),
            expected: [Unauthenticated, NotFound, NotFound, NotFound, NotFound, Ok],
        },
        Case {
            name: "ledgerStatementCsv (other company's)",
            query: "query($company: ID) { ledgerStatementCsv(companyId: $company) }",
            variables: |ids| json!({ "company": ids.other_company }),
            expected: [Unauthenticated, NotFound, NotFound, NotFound, NotFound, Ok],
        },
        Case {
            name: "recordPayment (amount 0: checked, nothing written)",
            query: "mutation($company: ID!) { recordPayment(input: { companyId: $company, amount: \"0\", date: \"2026-01-01\", reference: \"R-1\" }) { id } }",
            variables: |ids| json!({ "company": ids.own_company }),
            expected: [
                Unauthenticated,
                Forbidden,
                Forbidden,
                Forbidden,
                Forbidden,
                BadInput,
            ],
        },
        Case {
            name: "importPaymentsCsv (dry run)",
            query: r#"mutation { importPaymentsCsv(csv: "company,date,amount,reference\n", dryRun: true) { errorCount applied } }"#,
            variables: none,
            expected: [
                Unauthenticated,
                Forbidden,
                Forbidden,
                Forbidden,
                Forbidden,
                Ok,
            ],
        },
        Case {
            name: "auditLog",
            query: "{ auditLog(first: 1) { edges { node { id } } } }",
            variables: none,
            expected: [Unauthenticated, Forbidden, Forbidden, Forbidden, Ok, Ok],
        },
        Case {
            name: "twoFactorStatus",
            query: "{ twoFactorStatus { enabled } }",
            variables: none,
            expected: [Unauthenticated, Ok, Ok, Ok, Ok, Ok],
        },
        Case {
            name: "companySecurity",
            query: "{ companySecurity { approversRequireTotp } }",
            variables: none,
            expected: [
                Unauthenticated,
                Forbidden,
                Forbidden,
                Forbidden,
                Ok,
                Forbidden,
            ],
        },
        Case {
            name: "setApproversRequireTotp (off, as it is)",
            query: "mutation { setApproversRequireTotp(required: false) { approversRequireTotp } }",
            variables: none,
            expected: [
                Unauthenticated,
                Forbidden,
                Forbidden,
                Forbidden,
                Ok,
                Forbidden,
            ],
        },
        Case {
            name: "confirmTotpEnrollment (no enrolment started)",
            query: r#"mutation { confirmTotpEnrollment(code: "000000") }"#,
            variables: none,
            expected: [
                Unauthenticated,
                BadInput,
                BadInput,
                BadInput,
                BadInput,
                BadInput,
            ],
        },
        Case {
            name: "setCreditLimit (other company)",
            query: r#"mutation($other: ID!) { setCreditLimit(companyId: $other, creditLimit: "900000") }"#,
            variables: |ids| json!({ "other": ids.other_company }),
            expected: [
                Unauthenticated,
                Forbidden,
                Forbidden,
                Forbidden,
                Forbidden,
                Ok,
            ],
        },
    ]
}

fn outcome_of(response: &Value, field: &str) -> Outcome {
    match error_code(response) {
        None if response["data"][field].is_null() => Null,
        None => Ok,
        Some("UNAUTHENTICATED") => Unauthenticated,
        Some("FORBIDDEN") => Forbidden,
        Some("NOT_FOUND") => NotFound,
        Some("BAD_USER_INPUT") => BadInput,
        Some(other) => panic!("unexpected error code {other}: {response}"),
    }
}

fn top_level_field(query: &str) -> &str {
    let body = &query[query.find('{').map(|index| index + 1).unwrap_or(0)..];
    body.trim_start()
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default()
}

async fn ids(app: &TestApp) -> Ids {
    let staff = app.login("staff@demo.test").await;
    let companies = app
        .graphql(
            Some(&staff),
            "{ companies { edges { node { id name } } } }",
            json!({}),
        )
        .await;
    let company_id = |name: &str| {
        companies["data"]["companies"]["edges"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|edge| edge["node"]["name"] == name)
            .and_then(|edge| edge["node"]["id"].as_str())
            .unwrap_or_default()
            .to_owned()
    };
    let user_id = |email: &'static str| async move {
        let token = app.login(email).await;
        let me = app.graphql(Some(&token), "{ me { id } }", json!({})).await;
        me["data"]["me"]["id"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    };
    Ids {
        own_company: company_id("Galil Hardware Ltd"),
        other_company: company_id("Negev Builders Ltd"),
        own_user: user_id("viewer@demo.test").await,
        other_user: user_id("buyer@other.test").await,
    }
}

#[tokio::test]
async fn every_role_gets_exactly_the_outcome_the_table_allows() {
    let app = TestApp::spawn().await;
    let ids = ids(&app).await;
    let mut tokens = Vec::new();
    for caller in CALLERS {
        tokens.push(match caller {
            Some(email) => Some(app.login(email).await),
            None => None,
        });
    }
    let mut mismatches = Vec::new();
    for case in cases() {
        for (caller, (token, expected)) in CALLERS.iter().zip(tokens.iter().zip(case.expected)) {
            let response = app
                .graphql(token.as_deref(), case.query, (case.variables)(&ids))
                .await;
            let actual = outcome_of(&response, top_level_field(case.query));
            if actual != expected {
                mismatches.push(format!(
                    "{} by {}: expected {expected:?}, got {actual:?}: {response}",
                    case.name,
                    caller.unwrap_or("anonymous")
                ));
            }
            if matches!(actual, Forbidden | Unauthenticated | NotFound) {
                assert!(
                    response["data"].is_null(),
                    "{}: an error must carry no data: {response}",
                    case.name
                );
            }
        }
    }
    assert!(
        mismatches.is_empty(),
        "authorization table mismatches:\n{}",
        mismatches.join("\n")
    );
}

#[tokio::test]
async fn a_customer_never_sees_another_companys_data_even_by_guessing_ids() {
    let app = TestApp::spawn().await;
    let ids = ids(&app).await;
    let buyer = app.login("buyer@other.test").await;
    for guess in [
        ids.own_company.as_str(),
        "0",
        "-1",
        "99999",
        "abc",
        "1 OR 1=1",
    ] {
        let response = app
            .graphql(
                Some(&buyer),
                "query($id: ID!) { company(id: $id) { id name } }",
                json!({ "id": guess }),
            )
            .await;
        let visible_name = response["data"]["company"]["name"].as_str();
        assert!(
            visible_name.is_none() || visible_name == Some("Negev Builders Ltd"),
            "guess {guess} leaked {response}"
        );
    }
    // The other company's users list is its own: the Negev approver sees only Negev.
    let users = app
        .graphql(Some(&buyer), "{ me { company { name } } }", json!({}))
        .await;
    assert_eq!(users["data"]["me"]["company"]["name"], "Negev Builders Ltd");
}
