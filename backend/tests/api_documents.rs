//! Invoices, credit notes, their PDFs, payments and the ledger: what a customer's
//! accountant reads, and that one company never sees another's.
#![expect(
    clippy::expect_used,
    reason = "helpers that run pdftotext or read the database fail the test loudly"
)]

mod common;

use common::shop::{company_id, money, set_available};
use common::{TestApp, assert_no_errors, error_code};
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};

const INVOICE_FIELDS: &str = "id number issuedAt issueDate dueDate paymentTerms total subtotal vat customerName supplierName order { number } lines { sku quantity lineTotal } pdfUrl";

/// An invoiced order of `token`'s company: placed, confirmed, picked and packed.
async fn invoiced_order(
    app: &TestApp,
    token: &str,
    staff: &str,
    sku: &str,
    quantity: i64,
) -> Value {
    let placed = app
        .graphql(
            Some(token),
            "mutation($sku: String!, $quantity: Int!) { placeOrder(input: { lines: [{ sku: $sku, quantity: $quantity }] }) { id status } }",
            json!({ "sku": sku, "quantity": quantity }),
        )
        .await;
    assert_no_errors(&placed);
    let id = placed["data"]["placeOrder"]["id"].clone();
    let mut order = Value::Null;
    for action in ["CONFIRM", "START_PICKING", "PACK"] {
        let response = app
            .graphql(
                Some(staff),
                &format!("mutation($id: ID!, $action: OrderAction!) {{ moveOrder(id: $id, action: $action) {{ id number status invoice {{ {INVOICE_FIELDS} }} }} }}"),
                json!({ "id": id, "action": action }),
            )
            .await;
        assert_no_errors(&response);
        order = response["data"]["moveOrder"].clone();
    }
    assert_eq!(order["status"], "INVOICED");
    order
}

/// `1234.5` as the PDF prints it: `1,234.50`.
fn grouped(amount: f64) -> String {
    let text = format!("{amount:.2}");
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, "00"));
    let mut grouped = String::new();
    for (index, digit) in whole.chars().enumerate() {
        if index > 0 && (whole.len() - index) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    format!("{grouped}.{fraction}")
}

/// The text of a PDF, by Debian's `pdftotext` (poppler-utils), with the bidi marks it
/// puts around right-to-left pieces removed.
fn pdf_text(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("document.pdf");
    std::fs::write(&path, bytes).expect("write the PDF");
    let output = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext runs (Debian's poppler-utils; `cargo xtask test` installs it)");
    assert!(output.status.success(), "pdftotext failed");
    String::from_utf8_lossy(&output.stdout)
        .chars()
        .filter(|c| !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}'))
        .collect()
}

async fn download(app: &TestApp, path: &str, bearer: Option<&str>) -> (u16, Vec<u8>, String) {
    let mut request = app.client.get(app.url(path));
    if let Some(token) = bearer {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.expect("the server answers");
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let bytes = response.bytes().await.expect("a body").to_vec();
    (status, bytes, content_type)
}

#[tokio::test]
async fn an_invoice_has_its_number_terms_due_date_and_totals_and_its_pdf_reads_right() {
    let app = TestApp::spawn().await;
    let buyer = app.login("buyer@demo.test").await;
    let viewer = app.login("viewer@demo.test").await;
    let staff = app.login("staff@demo.test").await;
    set_available(&app, &staff, "SCR-101", 100).await;
    let order = invoiced_order(&app, &buyer, &staff, "SCR-101", 10).await;
    let invoice = &order["invoice"];
    // Galil pays "shotef + 30": the end of the invoice's month plus 30 days.
    assert_eq!(invoice["paymentTerms"], "EOM+30");
    let issued = chrono::NaiveDate::parse_from_str(
        invoice["issueDate"].as_str().unwrap_or_default(),
        "%Y-%m-%d",
    )
    .expect("an issue date");
    let due = chrono::NaiveDate::parse_from_str(
        invoice["dueDate"].as_str().unwrap_or_default(),
        "%Y-%m-%d",
    )
    .expect("a due date");
    let end_of_month = backend::domain::companies::end_of_month(issued);
    assert_eq!(due, end_of_month + chrono::Days::new(30));
    assert_eq!(invoice["customerName"], "Galil Hardware Ltd");
    assert!((money(&invoice["vat"]) - money(&invoice["subtotal"]) * 0.18).abs() < 0.011);
    assert!(
        (money(&invoice["total"]) - money(&invoice["subtotal"]) - money(&invoice["vat"])).abs()
            < 0.001
    );
    assert_eq!(invoice["order"]["number"], order["number"]);

    // The viewer lists it by order and by date, and opens the PDF by its signed link.
    let listed = app
        .graphql(
            Some(&viewer),
            &format!("query($number: String, $from: Date, $to: Date) {{ invoices(first: 5, orderNumber: $number, from: $from, to: $to) {{ edges {{ node {{ {INVOICE_FIELDS} }} }} }} }}"),
            json!({ "number": order["number"], "from": issued.to_string(), "to": issued.to_string() }),
        )
        .await;
    assert_no_errors(&listed);
    let node = &listed["data"]["invoices"]["edges"][0]["node"];
    assert_eq!(node["number"], invoice["number"]);
    let link = node["pdfUrl"].as_str().unwrap_or_default().to_owned();
    assert!(link.starts_with(&format!(
        "/invoices/{}/pdf?token=",
        node["id"].as_str().unwrap_or_default()
    )));
    let started = std::time::Instant::now();
    let (status, bytes, content_type) = download(&app, &link, None).await;
    let elapsed = started.elapsed();
    assert_eq!(status, 200);
    assert_eq!(content_type, "application/pdf");
    assert!(bytes.starts_with(b"%PDF-"));
    let text = pdf_text(&bytes);
    let number = invoice["number"].as_str().unwrap_or_default();
    assert!(text.contains(number), "the number {number} in:\n{text}");
    assert!(
        text.contains("Galil Hardware Ltd"),
        "the customer in:\n{text}"
    );
    let total = grouped(money(&invoice["total"]));
    assert!(text.contains(&total), "the total {total} in:\n{text}");
    // Hebrew reads in logical order once extracted (the letters were reordered for
    // display, not garbled): the title and the supplier's Hebrew name.
    assert!(text.contains("חשבונית מס"), "the Hebrew title in:\n{text}");
    assert!(
        text.contains("סיטונאות"),
        "the supplier's Hebrew name in:\n{text}"
    );
    assert!(text.contains("SCR-101"));
    println!(
        "invoice PDF: {} bytes, downloaded and rendered in {elapsed:?}",
        bytes.len()
    );

    // The Bearer header works as well, for API clients.
    let by_header = download(
        &app,
        &format!("/invoices/{}/pdf", node["id"].as_str().unwrap_or_default()),
        Some(&viewer),
    )
    .await;
    assert_eq!(by_header.0, 200);
    let anonymous = download(
        &app,
        &format!("/invoices/{}/pdf", node["id"].as_str().unwrap_or_default()),
        None,
    )
    .await;
    assert_eq!(anonymous.0, 401);
}

#[tokio::test]
async fn one_company_never_sees_anothers_invoices_ledger_or_pdfs_even_by_guessing() {
    let app = TestApp::spawn().await;
    let buyer = app.login("buyer@demo.test").await;
    let viewer = app.login("viewer@demo.test").await;
    let other = app.login("buyer@other.test").await;
    let staff = app.login("staff@demo.test").await;
    set_available(&app, &staff, "SCR-101", 100).await;
    let order = invoiced_order(&app, &buyer, &staff, "SCR-101", 5).await;
    let invoice_id = order["invoice"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let galil_link = order["invoice"]["pdfUrl"]
        .as_str()
        .unwrap_or_default()
        .to_owned();

    // GraphQL: the invoice is null for the other company, and absent from its list.
    let guessed = app
        .graphql(
            Some(&other),
            "query($id: ID!) { invoice(id: $id) { number } }",
            json!({ "id": invoice_id }),
        )
        .await;
    assert_no_errors(&guessed);
    assert!(guessed["data"]["invoice"].is_null());
    let list = app
        .graphql(
            Some(&other),
            "{ invoices(first: 100) { edges { node { id customerName } } } }",
            json!({}),
        )
        .await;
    assert!(
        list["data"]["invoices"]["edges"]
            .as_array()
            .into_iter()
            .flatten()
            .all(|edge| edge["node"]["customerName"] == "Negev Builders Ltd"),
        "{list}"
    );
    // The PDF by id with its own session: not found.
    let (status, _, _) = download(&app, &format!("/invoices/{invoice_id}/pdf"), Some(&other)).await;
    assert_eq!(status, 404);
    for guess in ["0", "-1", "abc", "99999999"] {
        let (status, _, _) = download(&app, &format!("/invoices/{guess}/pdf"), Some(&other)).await;
        assert_eq!(status, 404, "{guess}");
    }
    // A link is for its own user and document: another user's session does not make
    // it work for another id, a tampered token or one of another document is 404.
    let token = galil_link
        .split("token=")
        .nth(1)
        .unwrap_or_default()
        .to_owned();
    let (status, _, _) = download(&app, &galil_link, None).await;
    assert_eq!(status, 200);
    let other_invoice = invoiced_order(&app, &other, &staff, "SCR-101", 5).await;
    let other_id = other_invoice["invoice"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let (status, _, _) = download(
        &app,
        &format!("/invoices/{other_id}/pdf?token={token}"),
        None,
    )
    .await;
    assert_eq!(status, 404, "a link's token opens only its own document");
    let mut tampered = token.clone().into_bytes();
    let middle = tampered.len() / 2;
    tampered[middle] = if tampered[middle] == b'A' { b'B' } else { b'A' };
    let tampered = String::from_utf8(tampered).unwrap_or_default();
    let (status, _, _) = download(
        &app,
        &format!("/invoices/{invoice_id}/pdf?token={tampered}"),
        None,
    )
    .await;
    assert_eq!(status, 404);
    // A session token is not a download token.
    let (status, _, _) = download(
        &app,
        &format!("/invoices/{invoice_id}/pdf?token={buyer}"),
        None,
    )
    .await;
    assert_eq!(status, 404);
    // An expired link (signed with the server's own secret, 20 minutes old).
    let expired = jsonwebtoken::encode(
        &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256),
        &backend::domain::auth::token::DownloadClaims {
            sub: "2".to_owned(),
            iss: backend::domain::auth::token::ISSUER.to_owned(),
            aud: backend::domain::auth::token::DOWNLOAD_AUDIENCE.to_owned(),
            iat: chrono::Utc::now().timestamp() - 1_200,
            exp: chrono::Utc::now().timestamp() - 600,
            res: format!("invoice:{invoice_id}"),
        },
        &jsonwebtoken::EncodingKey::from_secret(common::TEST_JWT_SECRET.as_bytes()),
    )
    .expect("a token");
    let (status, _, _) = download(
        &app,
        &format!("/invoices/{invoice_id}/pdf?token={expired}"),
        None,
    )
    .await;
    assert_eq!(status, 404);
    // The same link, freshly signed for a Negev user, still does not open Galil's invoice.
    let negev_user =
        app.graphql(Some(&other), "{ me { id } }", json!({})).await["data"]["me"]["id"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
    let borrowed = backend::domain::auth::token::TokenKeys::new(
        &secrecy::SecretString::from(common::TEST_JWT_SECRET),
        15,
    )
    .issue_download(
        shared::UserId(negev_user.parse().unwrap_or(0)),
        &format!("invoice:{invoice_id}"),
    )
    .expect("a token");
    let (status, _, _) = download(
        &app,
        &format!("/invoices/{invoice_id}/pdf?token={borrowed}"),
        None,
    )
    .await;
    assert_eq!(status, 404, "a link signed for another company's user");

    // The ledger: a customer naming another company gets NOT_FOUND, and its own shows
    // only its own entries.
    let galil_id = company_id(&app, &staff, "Galil Hardware Ltd").await;
    let foreign = app
        .graphql(
            Some(&other),
            "query($company: ID) { ledger(companyId: $company) { balance } }",
            json!({ "company": galil_id }),
        )
        .await;
    assert_eq!(error_code(&foreign), Some("NOT_FOUND"));
    let own = app
        .graphql(
            Some(&other),
            "{ ledger { companyName entries { reference } csvUrl } }",
            json!({}),
        )
        .await;
    assert_no_errors(&own);
    assert_eq!(own["data"]["ledger"]["companyName"], "Negev Builders Ltd");
    let references: Vec<&str> = own["data"]["ledger"]["entries"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|entry| entry["reference"].as_str())
        .collect();
    assert!(!references.contains(&order["invoice"]["number"].as_str().unwrap_or_default()));
    // Galil's statement link does not open with a Negev session, nor its path by guessing.
    let (status, _, _) = download(
        &app,
        &format!("/ledger/{galil_id}/statement.csv"),
        Some(&other),
    )
    .await;
    assert_eq!(status, 404);
    let galil_ledger = app
        .graphql(Some(&viewer), "{ ledger { csvUrl pdfUrl } }", json!({}))
        .await;
    let csv_link = galil_ledger["data"]["ledger"]["csvUrl"]
        .as_str()
        .unwrap_or_default();
    let (status, _, _) = download(&app, csv_link, None).await;
    assert_eq!(status, 200);
    let negev_company = own["data"]["ledger"]["csvUrl"]
        .as_str()
        .unwrap_or_default()
        .split('/')
        .nth(2)
        .unwrap_or_default()
        .to_owned();
    let swapped = csv_link.replacen(
        &format!("/ledger/{galil_id}/"),
        &format!("/ledger/{negev_company}/"),
        1,
    );
    let (status, _, _) = download(&app, &swapped, None).await;
    assert_eq!(status, 404, "a statement link opens only its own company");
}

#[tokio::test]
async fn payments_and_credit_notes_reduce_the_balance_and_the_ledger_shows_open_items_and_overdue()
{
    let app = TestApp::spawn().await;
    let buyer = app.login("buyer@demo.test").await;
    let viewer = app.login("viewer@demo.test").await;
    let staff = app.login("staff@demo.test").await;
    set_available(&app, &staff, "SCR-101", 100).await;
    let ledger_query = "query($from: Date, $to: Date) { ledger(from: $from, to: $to) { companyId balance openingBalance closingBalance creditLimit availableCredit openOrders overdue paymentTerms entries { date kind reference debit credit balance dueDate } openItems { number dueDate total open daysOverdue overdue } } }";
    let start = app.graphql(Some(&viewer), ledger_query, json!({})).await;
    assert_no_errors(&start);
    let company_id = start["data"]["ledger"]["companyId"].clone();
    // Settle the demo's open history first, so the payments below meet this test's
    // invoices (payments settle the oldest due invoices first).
    let history = money(&start["data"]["ledger"]["balance"]);
    if history > 0.0 {
        let settled = app
            .graphql(
                Some(&staff),
                "mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }",
                json!({ "input": { "companyId": company_id, "amount": format!("{history:.2}"), "date": chrono::Utc::now().date_naive().to_string(), "reference": "RCPT-HISTORY" } }),
            )
            .await;
        assert_no_errors(&settled);
    }
    let start = app.graphql(Some(&viewer), ledger_query, json!({})).await;
    let balance_start = money(&start["data"]["ledger"]["balance"]);
    let first = invoiced_order(&app, &buyer, &staff, "SCR-101", 10).await;
    let second = invoiced_order(&app, &buyer, &staff, "SCR-101", 4).await;
    let first_total = money(&first["invoice"]["total"]);
    let second_total = money(&second["invoice"]["total"]);

    // A payment covering the first invoice and part of the second.
    let paid = first_total + 1.0;
    let today = chrono::Utc::now().date_naive();
    let recorded = app
        .graphql(
            Some(&staff),
            "mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { id amount reference } }",
            json!({ "input": { "companyId": company_id, "amount": format!("{paid:.2}"), "date": today.to_string(), "reference": "RCPT-9001" } }),
        )
        .await;
    assert_no_errors(&recorded);
    let twice = app
        .graphql(
            Some(&staff),
            "mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }",
            json!({ "input": { "companyId": company_id, "amount": "10.00", "date": today.to_string(), "reference": "RCPT-9001" } }),
        )
        .await;
    assert_eq!(
        error_code(&twice),
        Some("CONFLICT"),
        "one payment per reference"
    );
    for (amount, date, reference) in [
        ("0", today.to_string(), "R-0"),
        ("-5", today.to_string(), "R-1"),
        ("1.005", today.to_string(), "R-2"),
        ("10", (today + chrono::Days::new(3)).to_string(), "R-3"),
        ("10", today.to_string(), "  "),
    ] {
        let bad = app
            .graphql(
                Some(&staff),
                "mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }",
                json!({ "input": { "companyId": company_id, "amount": amount, "date": date, "reference": reference } }),
            )
            .await;
        assert_eq!(
            error_code(&bad),
            Some("BAD_USER_INPUT"),
            "{amount} {reference}: {bad}"
        );
    }
    let customer_pays = app
        .graphql(
            Some(&buyer),
            "mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }",
            json!({ "input": { "companyId": company_id, "amount": "10.00", "date": today.to_string(), "reference": "R-9" } }),
        )
        .await;
    assert_eq!(error_code(&customer_pays), Some("FORBIDDEN"));

    let ledger = app.graphql(Some(&viewer), ledger_query, json!({})).await;
    assert_no_errors(&ledger);
    let ledger = &ledger["data"]["ledger"];
    let expected_balance = balance_start + first_total + second_total - paid;
    assert!(
        (money(&ledger["balance"]) - expected_balance).abs() < 0.001,
        "{ledger}"
    );
    // The running balance: each entry's balance is the previous plus debit minus credit.
    let entries = ledger["entries"].as_array().cloned().unwrap_or_default();
    let mut running = money(&ledger["openingBalance"]);
    for entry in &entries {
        running += money(&entry["debit"]) - money(&entry["credit"]);
        assert!(
            (money(&entry["balance"]) - running).abs() < 0.001,
            "{entry}"
        );
    }
    let last = entries.last().cloned().unwrap_or_default();
    assert_eq!(last["kind"], "PAYMENT");
    assert_eq!(last["reference"], "RCPT-9001");
    // Open items: the first invoice is settled, the second has all but 1.00 open.
    let open: Vec<Value> = ledger["openItems"].as_array().cloned().unwrap_or_default();
    assert!(
        !open
            .iter()
            .any(|item| item["number"] == first["invoice"]["number"])
    );
    let second_open = open
        .iter()
        .find(|item| item["number"] == second["invoice"]["number"])
        .cloned()
        .expect("the second invoice is open");
    assert!((money(&second_open["open"]) - (second_total - 1.0)).abs() < 0.001);
    assert_eq!(second_open["overdue"], false);
    // Available credit: the limit minus the balance and the orders not yet invoiced.
    let available =
        money(&ledger["creditLimit"]) - money(&ledger["balance"]) - money(&ledger["openOrders"]);
    assert!((money(&ledger["availableCredit"]) - available).abs() < 0.001);
    assert_eq!(ledger["paymentTerms"], "EOM+30");

    // A date range: the opening balance carries what came before.
    let tomorrow = (today + chrono::Days::new(1)).to_string();
    let later = app
        .graphql(Some(&viewer), ledger_query, json!({ "from": tomorrow }))
        .await;
    assert_no_errors(&later);
    assert!(
        later["data"]["ledger"]["entries"]
            .as_array()
            .is_some_and(Vec::is_empty)
    );
    assert!((money(&later["data"]["ledger"]["openingBalance"]) - expected_balance).abs() < 0.001);
    let reversed = app
        .graphql(
            Some(&viewer),
            ledger_query,
            json!({ "from": today.to_string(), "to": (today - chrono::Days::new(1)).to_string() }),
        )
        .await;
    assert_eq!(error_code(&reversed), Some("BAD_USER_INPUT"));

    // Overdue: time passes (every due date of the company moves back, so the order
    // of due dates stays) until the second invoice is 10 days past due.
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let second_due = chrono::NaiveDate::parse_from_str(
        second["invoice"]["dueDate"].as_str().unwrap_or_default(),
        "%Y-%m-%d",
    )
    .expect("a due date");
    let shift = (second_due - today).num_days() + 10;
    let galil = company_id
        .as_str()
        .unwrap_or_default()
        .parse::<i64>()
        .unwrap_or(0);
    for row in backend::entities::invoice::Entity::find()
        .filter(backend::entities::invoice::Column::CompanyId.eq(galil))
        .all(&app.db)
        .await
        .expect("the invoices")
    {
        backend::entities::invoice::Entity::update_many()
            .col_expr(
                backend::entities::invoice::Column::DueDate,
                sea_orm::sea_query::Expr::value(row.due_date - chrono::Duration::days(shift)),
            )
            .filter(backend::entities::invoice::Column::Id.eq(row.id))
            .exec(&app.db)
            .await
            .expect("age the invoice");
    }
    let aged = app.graphql(Some(&viewer), ledger_query, json!({})).await;
    let item = aged["data"]["ledger"]["openItems"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|item| item["number"] == second["invoice"]["number"])
        .cloned()
        .expect("still open");
    assert_eq!(item["overdue"], true);
    assert_eq!(item["daysOverdue"], 10);
    assert!(money(&aged["data"]["ledger"]["overdue"]) >= second_total - 1.0 - 0.001);

    // The statement exports: CSV with the running balance, PDF with the company.
    let links = app
        .graphql(Some(&viewer), "{ ledger { csvUrl pdfUrl } }", json!({}))
        .await;
    let (status, csv, content_type) = download(
        &app,
        links["data"]["ledger"]["csvUrl"]
            .as_str()
            .unwrap_or_default(),
        None,
    )
    .await;
    assert_eq!(status, 200);
    assert!(content_type.starts_with("text/csv"));
    let csv = String::from_utf8(csv).unwrap_or_default();
    assert!(csv.contains("RCPT-9001"));
    assert!(csv.contains("OPENING_BALANCE") && csv.contains("CLOSING_BALANCE"));
    let (status, pdf, _) = download(
        &app,
        links["data"]["ledger"]["pdfUrl"]
            .as_str()
            .unwrap_or_default(),
        None,
    )
    .await;
    assert_eq!(status, 200);
    let text = pdf_text(&pdf);
    assert!(text.contains("Galil Hardware Ltd"), "{text}");
    assert!(text.contains("RCPT-9001"), "{text}");
    assert!(text.contains("כרטסת"), "{text}");
    let inline = app
        .graphql(Some(&viewer), "{ ledgerStatementCsv }", json!({}))
        .await;
    assert!(
        inline["data"]["ledgerStatementCsv"]
            .as_str()
            .unwrap_or_default()
            .contains("RCPT-9001")
    );
    // Staff read any company's ledger, but must name it.
    let unnamed = app
        .graphql(Some(&staff), "{ ledger { balance } }", json!({}))
        .await;
    assert_eq!(error_code(&unnamed), Some("BAD_USER_INPUT"));
    let named = app
        .graphql(
            Some(&staff),
            "query($company: ID) { ledger(companyId: $company) { balance } }",
            json!({ "company": company_id }),
        )
        .await;
    assert_eq!(named["data"]["ledger"]["balance"], ledger["balance"]);
}

#[tokio::test]
async fn payments_import_from_an_erp_csv_all_or_nothing_with_a_dry_run() {
    let app = TestApp::spawn().await;
    let staff = app.login("staff@demo.test").await;
    let viewer = app.login("viewer@demo.test").await;
    let other = app.login("buyer@other.test").await;
    let today = chrono::Utc::now().date_naive();
    let israeli = today.format("%d/%m/%Y").to_string();
    let balance = |response: &Value| money(&response["data"]["ledger"]["balance"]);
    let galil_before = balance(
        &app.graphql(Some(&viewer), "{ ledger { balance } }", json!({}))
            .await,
    );
    let negev_before = balance(
        &app.graphql(Some(&other), "{ ledger { balance } }", json!({}))
            .await,
    );
    let import = "mutation($csv: String!, $dryRun: Boolean) { importPaymentsCsv(csv: $csv, dryRun: $dryRun) { rows total errorCount errors { line message } applied } }";
    // Galil's and Negev's VAT numbers, as an ERP exports them; one bad row.
    let bad = format!(
        "company,date,amount,reference,note\n514000017,{today},1500.00,ERP-1,March\n515000025,{israeli},\"2,000.50\",ERP-2,\n999999999,{today},10,ERP-3,\n514000017,{today},-4,ERP-4,\n514000017,tomorrow,4,ERP-5,\n514000017,{today},4,ERP-1,\n"
    );
    let report = app
        .graphql(Some(&staff), import, json!({ "csv": bad, "dryRun": false }))
        .await;
    assert_no_errors(&report);
    let report = &report["data"]["importPaymentsCsv"];
    assert_eq!(report["applied"], false);
    assert_eq!(report["errorCount"], 4, "{report}");
    let lines: Vec<i64> = report["errors"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|error| error["line"].as_i64())
        .collect();
    assert_eq!(lines, vec![4, 5, 6, 7]);
    assert!(
        report["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("999999999")
    );
    // Nothing was written.
    assert!(
        (balance(
            &app.graphql(Some(&viewer), "{ ledger { balance } }", json!({}))
                .await
        ) - galil_before)
            .abs()
            < 0.001
    );

    let good = format!(
        "\u{feff}company;date;amount;reference\n514000017;{israeli};1.500,00;ERP-1\n515000025;{today};2000,50;ERP-2\n"
    );
    let dry = app
        .graphql(Some(&staff), import, json!({ "csv": good, "dryRun": true }))
        .await;
    assert_no_errors(&dry);
    assert_eq!(dry["data"]["importPaymentsCsv"]["applied"], false);
    assert_eq!(dry["data"]["importPaymentsCsv"]["rows"], 2);
    assert_eq!(dry["data"]["importPaymentsCsv"]["total"], "3500.50");
    assert!(
        (balance(
            &app.graphql(Some(&viewer), "{ ledger { balance } }", json!({}))
                .await
        ) - galil_before)
            .abs()
            < 0.001
    );
    let applied = app
        .graphql(
            Some(&staff),
            import,
            json!({ "csv": good, "dryRun": false }),
        )
        .await;
    assert_no_errors(&applied);
    assert_eq!(applied["data"]["importPaymentsCsv"]["applied"], true);
    assert!(
        (balance(
            &app.graphql(Some(&viewer), "{ ledger { balance } }", json!({}))
                .await
        ) - (galil_before - 1500.0))
            .abs()
            < 0.001
    );
    assert!(
        (balance(
            &app.graphql(Some(&other), "{ ledger { balance } }", json!({}))
                .await
        ) - (negev_before - 2000.5))
            .abs()
            < 0.001
    );
    // The same export again: refused, row by row.
    let again = app
        .graphql(
            Some(&staff),
            import,
            json!({ "csv": good, "dryRun": false }),
        )
        .await;
    assert_eq!(again["data"]["importPaymentsCsv"]["applied"], false);
    assert_eq!(again["data"]["importPaymentsCsv"]["errorCount"], 2);
    // Bad headers.
    let headers = app
        .graphql(
            Some(&staff),
            import,
            json!({ "csv": "customer,when\nx,y\n", "dryRun": true }),
        )
        .await;
    assert_eq!(headers["data"]["importPaymentsCsv"]["errorCount"], 1);
    assert!(
        headers["data"]["importPaymentsCsv"]["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("missing columns")
    );
}

#[tokio::test]
async fn the_credit_check_counts_open_debt_from_the_ledger_and_payments_free_it() {
    let app = TestApp::spawn().await;
    let buyer = app.login("buyer@demo.test").await;
    let viewer = app.login("viewer@demo.test").await;
    let staff = app.login("staff@demo.test").await;
    set_available(&app, &staff, "SCR-101", 1000).await;
    let ledger = app
        .graphql(
            Some(&viewer),
            "{ ledger { companyId balance openOrders } }",
            json!({}),
        )
        .await;
    let company_id = ledger["data"]["ledger"]["companyId"].clone();
    let debt_before = money(&ledger["data"]["ledger"]["balance"])
        + money(&ledger["data"]["ledger"]["openOrders"]);
    // An invoiced order: its total moves from open orders to the ledger.
    let order = invoiced_order(&app, &buyer, &staff, "SCR-101", 10).await;
    let total = money(&order["invoice"]["total"]);
    // Lower the limit to just above what is owed now: the next order must not fit.
    use sea_orm::{ConnectionTrait, Statement};
    let limit = ((debt_before + total + 1.0) * 10_000.0).round() as i64;
    let sql = if common::is_postgres() {
        "UPDATE companies SET credit_limit = $1 WHERE name = 'Galil Hardware Ltd'"
    } else {
        "UPDATE companies SET credit_limit = ? WHERE name = 'Galil Hardware Ltd'"
    };
    app.db
        .execute_raw(Statement::from_sql_and_values(
            app.db.get_database_backend(),
            sql,
            [limit.into()],
        ))
        .await
        .expect("lower the limit");
    let place = "mutation { placeOrder(input: { lines: [{ sku: \"SCR-101\", quantity: 10 }] }) { id status } }";
    let held = app.graphql(Some(&buyer), place, json!({})).await;
    assert_eq!(error_code(&held), Some("CREDIT_LIMIT"), "{held}");
    let message = held["errors"][0]["message"].as_str().unwrap_or_default();
    assert!(message.contains("open debt"), "{message}");
    // A payment of the invoice frees the credit again.
    let paid = app
        .graphql(
            Some(&staff),
            "mutation($input: RecordPaymentInput!) { recordPayment(input: $input) { id } }",
            json!({ "input": { "companyId": company_id, "amount": format!("{total:.2}"), "date": chrono::Utc::now().date_naive().to_string(), "reference": "RCPT-CREDIT" } }),
        )
        .await;
    assert_no_errors(&paid);
    let placed = app.graphql(Some(&buyer), place, json!({})).await;
    assert_no_errors(&placed);
}

#[tokio::test]
async fn the_demo_has_a_year_of_history_with_invoices_payments_one_overdue_invoice_and_one_credit_note()
 {
    let app = TestApp::spawn().await;
    let staff = app.login("staff@demo.test").await;
    let buyer = app.login("buyer@demo.test").await;
    let viewer = app.login("viewer@demo.test").await;
    let other = app.login("buyer@other.test").await;
    // Every status, both companies, over a year.
    use sea_orm::{ConnectionTrait, Statement};
    let rows = app
        .db
        .query_all_raw(Statement::from_string(
            app.db.get_database_backend(),
            "SELECT company_id, status, COUNT(*) AS n, MIN(created_at) AS first FROM orders GROUP BY company_id, status",
        ))
        .await
        .expect("orders by status");
    let mut statuses: std::collections::HashMap<i64, Vec<String>> =
        std::collections::HashMap::new();
    for row in &rows {
        let company: i64 = row.try_get("", "company_id").expect("company");
        let status: String = row.try_get("", "status").expect("status");
        statuses.entry(company).or_default().push(status);
    }
    assert_eq!(statuses.len(), 2, "both companies have history");
    let all: std::collections::HashSet<&str> =
        statuses.values().flatten().map(String::as_str).collect();
    for status in [
        "PENDING_APPROVAL",
        "REJECTED",
        "SUBMITTED",
        "CONFIRMED",
        "PICKING",
        "INVOICED",
        "SHIPPED",
        "DELIVERED",
        "CANCELLED",
        "RETURNED",
    ] {
        assert!(all.contains(status), "{status} missing: {all:?}");
    }
    let oldest = app
        .graphql(
            Some(&buyer),
            "query($to: Date) { orders(first: 1, to: $to) { edges { node { createdAt } } } }",
            json!({ "to": (chrono::Utc::now().date_naive() - chrono::Days::new(330)).to_string() }),
        )
        .await;
    assert_eq!(
        oldest["data"]["orders"]["edges"].as_array().map(Vec::len),
        Some(1),
        "orders from about a year ago"
    );
    // Invoices numbered per year, 1..N, in the order of their dates.
    let invoices = app
        .db
        .query_all_raw(Statement::from_string(
            app.db.get_database_backend(),
            "SELECT year, sequence, issued_at FROM invoices ORDER BY year, sequence",
        ))
        .await
        .expect("invoices");
    assert!(invoices.len() > 80, "{} invoices", invoices.len());
    let mut expected: std::collections::HashMap<i32, i64> = std::collections::HashMap::new();
    let mut previous: Option<chrono::DateTime<chrono::Utc>> = None;
    for row in &invoices {
        let year: i32 = row.try_get("", "year").expect("year");
        let sequence: i64 = row.try_get("", "sequence").expect("sequence");
        let issued: chrono::DateTime<chrono::Utc> = row.try_get("", "issued_at").expect("issued");
        let next = expected.entry(year).or_insert(1);
        assert_eq!(sequence, *next, "gapless within {year}");
        *next += 1;
        if let Some(previous) = previous {
            assert!(issued >= previous, "numbers follow the dates");
        }
        previous = Some(issued);
    }
    // One credit note (Galil's return), one overdue invoice (Negev's).
    let notes = app
        .graphql(
            Some(&staff),
            "{ creditNotes(first: 10) { edges { node { number reason order { status } } } } }",
            json!({}),
        )
        .await;
    let notes = notes["data"]["creditNotes"]["edges"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0]["node"]["order"]["status"], "RETURNED");
    let ledger = "{ ledger { balance overdue availableCredit entries { kind } openItems { number overdue } } }";
    let negev = app.graphql(Some(&other), ledger, json!({})).await;
    assert_no_errors(&negev);
    let overdue: Vec<&Value> = negev["data"]["ledger"]["openItems"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|item| item["overdue"] == true)
        .collect();
    assert_eq!(overdue.len(), 1, "{negev}");
    let galil = app.graphql(Some(&viewer), ledger, json!({})).await;
    assert_eq!(galil["data"]["ledger"]["overdue"], "0.00");
    for response in [&galil, &negev] {
        let kinds: std::collections::HashSet<&str> = response["data"]["ledger"]["entries"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|entry| entry["kind"].as_str())
            .collect();
        assert!(
            kinds.contains("INVOICE") && kinds.contains("PAYMENT"),
            "{kinds:?}"
        );
        // Room to order: the demo's buyers are not blocked by their history.
        assert!(
            money(&response["data"]["ledger"]["availableCredit"]) > 40_000.0,
            "{response}"
        );
    }
    // Open orders hold exactly their stock: reserved equals the open order lines.
    let mismatched = app
        .db
        .query_all_raw(Statement::from_string(
            app.db.get_database_backend(),
            "SELECT s.product_id FROM stock s LEFT JOIN (SELECT l.product_id, SUM(l.quantity) AS q FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.status IN ('PENDING_APPROVAL','SUBMITTED','CONFIRMED','PICKING','PACKED','INVOICED') GROUP BY l.product_id) r ON r.product_id = s.product_id WHERE s.reserved <> COALESCE(r.q, 0) OR s.reserved > s.on_hand",
        ))
        .await
        .expect("stock check");
    assert!(
        mismatched.is_empty(),
        "{} products reserve the wrong amount",
        mismatched.len()
    );
    // A cancellation request waits on top of the supplier's queue.
    let queue = app
        .graphql(Some(&staff), "{ orders(first: 5, hasOpenRequest: true) { edges { node { openRequest { kind } } } } }", json!({}))
        .await;
    assert_eq!(
        queue["data"]["orders"]["edges"][0]["node"]["openRequest"]["kind"],
        "CANCEL"
    );
}

/// Seeding takes about a second because it runs one transaction of a few thousand
/// statements. Counted in statements, not timed: a timer fails on a busy machine (it
/// once took 29 s beside a release build), and a statement count does not.
#[tokio::test]
async fn seeding_the_demo_runs_a_bounded_number_of_statements() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("demo.db").display());
    let mut db = backend::db::connect(&url).await.expect("connect");
    backend::db::migrate(&db).await.expect("migrate");
    let statements = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = statements.clone();
    db.set_metric_callback(move |_| {
        counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    });
    let started = std::time::Instant::now();
    backend::seed::seed_demo(&db).await.expect("seed");
    let elapsed = started.elapsed();
    let statements = statements.load(std::sync::atomic::Ordering::SeqCst);
    let rows = db
        .query_one_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            "SELECT (SELECT COUNT(*) FROM orders) + (SELECT COUNT(*) FROM order_lines) \
             + (SELECT COUNT(*) FROM stock_movements) + (SELECT COUNT(*) FROM invoices)",
        ))
        .await
        .expect("count rows")
        .expect("a row")
        .try_get_by_index::<i64>(0)
        .expect("a count");
    println!(
        "demo seed: {rows} rows of orders, lines, movements and invoices in {statements} statements, {elapsed:?}"
    );
    assert!(rows > 500, "a year of history: {rows} rows");
    // 4,179 when written: room for a fifth more demo data, not for a seed twice as slow.
    assert!(
        statements < 5_000,
        "{statements} statements for {rows} rows"
    );
}
