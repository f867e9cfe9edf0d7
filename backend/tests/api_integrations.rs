//! Integrations: API keys (authentication, scopes, revocation), order ingest, signed
//! webhooks with retries and replay, and the CSV exports for accounting.
#![expect(
    clippy::expect_used,
    reason = "helpers (key creation, the webhook receiver) fail the test loudly on an unexpected answer"
)]

mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::http::{HeaderMap, StatusCode};
use common::{TestApp, assert_no_errors, error_code};
use hmac::{Hmac, Mac};
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::{Value, json};
use sha2::Sha256;

const CREATE_KEY: &str = "mutation($name: String!, $scopes: [ApiScope!]!, $companyId: ID) { createApiKey(name: $name, scopes: $scopes, companyId: $companyId) { secret apiKey { id prefix scopes companyId lastUsedAt revokedAt } } }";
const INGEST: &str = "mutation($input: IngestOrderInput!) { ingestOrder(input: $input) { id number status channel placedBy { email } lines { sku quantity } } }";
const CREATE_WEBHOOK: &str = "mutation($url: String!, $events: [WebhookEvent!]!) { createWebhook(url: $url, events: $events, description: \"ERP\") { secret webhook { id url events active } } }";
const DELIVERIES: &str = "query($id: ID!) { webhookDeliveries(webhookId: $id) { nodes { id event status attempts lastStatusCode lastDurationMs lastError nextRetryAt deliveredAt replayOf } } }";

/// Creates a key as staff and returns (id, secret).
async fn create_key(
    app: &TestApp,
    staff: &str,
    scopes: &[&str],
    company: Option<&str>,
) -> (String, String) {
    let response = app
        .graphql(
            Some(staff),
            CREATE_KEY,
            json!({ "name": "Marketplace connector", "scopes": scopes, "companyId": company }),
        )
        .await;
    assert_no_errors(&response);
    let created = &response["data"]["createApiKey"];
    let secret = created["secret"].as_str().expect("the secret").to_owned();
    let prefix = created["apiKey"]["prefix"].as_str().expect("a prefix");
    assert!(secret.starts_with(&format!("wpk_{prefix}_")), "{secret}");
    (
        created["apiKey"]["id"].as_str().expect("an id").to_owned(),
        secret,
    )
}

/// The ids of Galil (A) and Negev (B).
async fn company_ids(app: &TestApp, staff: &str) -> (String, String) {
    let response = app
        .graphql(
            Some(staff),
            "{ companies(first: 50) { nodes { id name } } }",
            json!({}),
        )
        .await;
    let find = |name: &str| {
        response["data"]["companies"]["nodes"]
            .as_array()
            .and_then(|nodes| {
                nodes
                    .iter()
                    .find(|node| node["name"].as_str().is_some_and(|n| n.contains(name)))
            })
            .and_then(|node| node["id"].as_str())
            .unwrap_or_else(|| panic!("no company {name}: {response}"))
            .to_owned()
    };
    (find("Galil"), find("Negev"))
}

async fn with_api_key_header(app: &TestApp, key: &str, query: &str) -> Value {
    app.client
        .post(app.url("/graphql"))
        .header("X-Api-Key", key)
        .json(&json!({ "query": query }))
        .send()
        .await
        .expect("the server answers")
        .json()
        .await
        .expect("JSON")
}

fn ingest_input(company: &str, reference: &str, sku: &str, quantity: i64) -> Value {
    json!({ "input": {
        "companyId": company,
        "externalReference": reference,
        "lines": [{ "sku": sku, "quantity": quantity }],
        "note": "from the marketplace",
    }})
}

async fn order_count(app: &TestApp) -> u64 {
    backend::entities::order::Entity::find()
        .count(&app.db)
        .await
        .expect("count orders")
}

async fn audit_actions(app: &TestApp, staff: &str, action: &str) -> usize {
    let response = app
        .graphql(
            Some(staff),
            "query($filter: AuditLogFilter) { auditLog(filter: $filter, first: 50) { nodes { action targetType } } }",
            json!({ "filter": { "action": action } }),
        )
        .await;
    assert_no_errors(&response);
    response["data"]["auditLog"]["nodes"]
        .as_array()
        .map_or(0, Vec::len)
}

#[tokio::test]
async fn an_api_key_authenticates_by_bearer_or_header_and_may_do_only_what_its_scopes_name() {
    let app = TestApp::spawn().await;
    let staff = app.login("staff@demo.test").await;
    let (_, key) = create_key(&app, &staff, &["ORDERS_READ", "CATALOG_READ"], None).await;

    let orders = app
        .graphql(
            Some(&key),
            "{ orders(first: 5) { nodes { id } } }",
            json!({}),
        )
        .await;
    assert_no_errors(&orders);
    let products =
        with_api_key_header(&app, &key, "{ products(first: 1) { nodes { sku } } }").await;
    assert_no_errors(&products);

    // Outside its scopes, and everything that is staff's alone, is refused.
    for forbidden in [
        "mutation { adjustStock(input: { sku: \"SCR-101\", onHandDelta: 5, reason: COUNT }) { available } }",
        "mutation { createApiKey(name: \"escalate\", scopes: [ORDERS_WRITE]) { secret } }",
        "{ apiKeys { nodes { id } } }",
        "{ invoices(first: 1) { nodes { id } } }",
        "{ me { email } }",
        "mutation { ingestOrder(input: { companyId: \"1\", externalReference: \"x\", lines: [{ sku: \"SCR-101\", quantity: 1 }] }) { id } }",
    ] {
        let response = app.graphql(Some(&key), forbidden, json!({})).await;
        assert_eq!(
            error_code(&response),
            Some("FORBIDDEN"),
            "{forbidden}: {response}"
        );
    }

    // The list shows the prefix and the last use, never the key.
    let listed = app
        .graphql(
            Some(&staff),
            "{ apiKeys { nodes { id prefix name scopes lastUsedAt revokedAt } } }",
            json!({}),
        )
        .await;
    assert_no_errors(&listed);
    assert!(!listed.to_string().contains(&key));
    let node = &listed["data"]["apiKeys"]["nodes"][0];
    assert_eq!(node["scopes"], json!(["ORDERS_READ", "CATALOG_READ"]));
    assert!(node["lastUsedAt"].is_string(), "{listed}");
    assert_eq!(audit_actions(&app, &staff, "API_KEY_CREATED").await, 1);
    assert_eq!(
        audit_actions(&app, &staff, "API_KEY_USED").await,
        1,
        "recorded once a minute"
    );
}

#[tokio::test]
async fn revoked_and_forged_keys_are_unauthenticated() {
    let app = TestApp::spawn().await;
    let staff = app.login("staff@demo.test").await;
    let (id, key) = create_key(&app, &staff, &["ORDERS_READ"], None).await;
    let query = "{ orders(first: 1) { nodes { id } } }";
    assert_no_errors(&app.graphql(Some(&key), query, json!({})).await);

    let revoked = app
        .graphql(
            Some(&staff),
            "mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }",
            json!({ "id": id }),
        )
        .await;
    assert_no_errors(&revoked);
    assert!(revoked["data"]["revokeApiKey"]["revokedAt"].is_string());
    assert_eq!(
        error_code(&app.graphql(Some(&key), query, json!({})).await),
        Some("UNAUTHENTICATED")
    );
    assert_eq!(
        error_code(&with_api_key_header(&app, &key, query).await),
        Some("UNAUTHENTICATED")
    );
    assert_eq!(audit_actions(&app, &staff, "API_KEY_REVOKED").await, 1);

    // A key of the right shape that was never issued, one secret changed, and a
    // session token in the API-key header.
    let mut tampered = key.clone();
    let last = tampered.pop().expect("a character");
    tampered.push(if last == 'A' { 'B' } else { 'A' });
    for forged in [
        "wpk_deadbeef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA".to_owned(),
        tampered,
    ] {
        let response = app.graphql(Some(&forged), query, json!({})).await;
        assert_eq!(error_code(&response), Some("UNAUTHENTICATED"), "{forged}");
    }
    assert_eq!(
        error_code(&with_api_key_header(&app, &staff, query).await),
        Some("UNAUTHENTICATED")
    );
}

#[tokio::test]
async fn an_ingested_order_reaches_the_staff_queue_with_its_channel_and_a_retry_returns_it() {
    let app = TestApp::spawn().await;
    let staff = app.login("staff@demo.test").await;
    let (galil, _) = company_ids(&app, &staff).await;
    let (_, key) = create_key(&app, &staff, &["ORDERS_WRITE"], None).await;
    let buyer = app.login("buyer@demo.test").await;
    let before = common::shop::available(&app, &buyer, "SCR-101").await;

    let mut input = ingest_input(&galil, "AMZ-1001", "SCR-101", 2);
    input["input"]["channel"] = json!("EMAIL");
    let first = app.graphql(Some(&key), INGEST, input.clone()).await;
    assert_no_errors(&first);
    let order = &first["data"]["ingestOrder"];
    assert_eq!(order["status"], "SUBMITTED");
    assert_eq!(order["channel"], "EMAIL");
    assert_eq!(order["placedBy"]["email"], "staff@demo.test");

    let retry = app.graphql(Some(&key), INGEST, input).await;
    assert_no_errors(&retry);
    assert_eq!(retry["data"]["ingestOrder"]["id"], order["id"]);
    assert_eq!(
        common::shop::available(&app, &buyer, "SCR-101").await,
        before - 2,
        "reserved once"
    );

    let queue = app
        .graphql(
            Some(&staff),
            "{ orders(first: 100, channel: EMAIL) { nodes { id channel status } } }",
            json!({}),
        )
        .await;
    assert_no_errors(&queue);
    let rows: Vec<&Value> = queue["data"]["orders"]["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .filter(|node| node["id"] == order["id"])
        .collect();
    assert_eq!(rows.len(), 1, "{queue}");
    assert_eq!(rows[0]["channel"], "EMAIL");

    // The key's own id is part of the idempotency: another key places its own order.
    let (_, other_key) = create_key(&app, &staff, &["ORDERS_WRITE"], None).await;
    let other = app
        .graphql(
            Some(&other_key),
            INGEST,
            ingest_input(&galil, "AMZ-1001", "SCR-101", 2),
        )
        .await;
    assert_no_errors(&other);
    assert_ne!(other["data"]["ingestOrder"]["id"], order["id"]);
    assert_eq!(other["data"]["ingestOrder"]["channel"], "API");
}

#[tokio::test]
async fn an_ingested_order_with_a_bad_line_is_refused_and_writes_nothing() {
    let app = TestApp::spawn().await;
    let staff = app.login("staff@demo.test").await;
    let (galil, _) = company_ids(&app, &staff).await;
    let (_, key) = create_key(&app, &staff, &["ORDERS_WRITE"], None).await;
    let orders_before = order_count(&app).await;

    for (input, code) in [
        (
            ingest_input(&galil, "BAD-1", "NO-SUCH-SKU-9", 1),
            "BAD_USER_INPUT",
        ),
        (
            ingest_input(&galil, "BAD-2", "SCR-101", 0),
            "BAD_USER_INPUT",
        ),
        (ingest_input(&galil, "", "SCR-101", 1), "BAD_USER_INPUT"),
        (ingest_input("999999", "BAD-3", "SCR-101", 1), "NOT_FOUND"),
        (
            json!({ "input": { "companyId": galil, "externalReference": "BAD-4", "channel": "PORTAL", "lines": [{ "sku": "SCR-101", "quantity": 1 }] } }),
            "BAD_USER_INPUT",
        ),
    ] {
        let response = app.graphql(Some(&key), INGEST, input.clone()).await;
        assert_eq!(error_code(&response), Some(code), "{input}: {response}");
    }
    assert_eq!(order_count(&app).await, orders_before);
}

#[tokio::test]
async fn a_key_bound_to_a_company_orders_and_reads_for_that_company_only() {
    let app = TestApp::spawn().await;
    let staff = app.login("staff@demo.test").await;
    let (galil, negev) = company_ids(&app, &staff).await;
    let (_, key) = create_key(&app, &staff, &["ORDERS_WRITE", "ORDERS_READ"], Some(&galil)).await;

    let refused = app
        .graphql(
            Some(&key),
            INGEST,
            ingest_input(&negev, "N-1", "SCR-101", 1),
        )
        .await;
    assert_eq!(error_code(&refused), Some("NOT_FOUND"), "{refused}");
    let placed = app
        .graphql(
            Some(&key),
            INGEST,
            ingest_input(&galil, "G-1", "SCR-101", 1),
        )
        .await;
    assert_no_errors(&placed);

    let orders = app
        .graphql(
            Some(&key),
            "{ orders(first: 100) { nodes { id number } } }",
            json!({}),
        )
        .await;
    assert_no_errors(&orders);
    let staff_view = app
        .graphql(
            Some(&staff),
            &format!("{{ orders(first: 100, companyId: \"{negev}\") {{ nodes {{ number }} }} }}"),
            json!({}),
        )
        .await;
    for negev_order in staff_view["data"]["orders"]["nodes"]
        .as_array()
        .expect("nodes")
    {
        let number = negev_order["number"].as_str().expect("a number");
        assert!(!orders.to_string().contains(number), "{number} leaked");
    }
}

/// A webhook receiver run by the test: answers 500 to the first `failures` requests,
/// then 200, and keeps every request.
struct Receiver {
    url: String,
    received: Arc<Mutex<Vec<(HeaderMap, String)>>>,
}

async fn start_receiver(failures: usize) -> Receiver {
    let received: Arc<Mutex<Vec<(HeaderMap, String)>>> = Arc::default();
    let kept = received.clone();
    let app = axum::Router::new().route(
        "/hook",
        axum::routing::post(move |headers: HeaderMap, body: String| {
            let kept = kept.clone();
            async move {
                let mut requests = kept.lock().expect("lock");
                requests.push((headers, body));
                if requests.len() <= failures {
                    StatusCode::INTERNAL_SERVER_ERROR
                } else {
                    StatusCode::OK
                }
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let address = listener.local_addr().expect("address");
    tokio::spawn(async move { axum::serve(listener, app).await });
    Receiver {
        url: format!("http://{address}/hook"),
        received,
    }
}

impl Receiver {
    fn requests(&self) -> Vec<(HeaderMap, String)> {
        self.received.lock().expect("lock").clone()
    }

    async fn wait_for(&self, count: usize) -> Vec<(HeaderMap, String)> {
        for _ in 0..300 {
            let requests = self.requests();
            if requests.len() >= count {
                return requests;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!(
            "the receiver got {} of {count} requests",
            self.requests().len()
        );
    }
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> &'a str {
    headers
        .get(name)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
}

/// Checks `X-Portal-Signature` the way a receiver would.
fn assert_signed(secret: &str, headers: &HeaderMap, body: &str) {
    let timestamp = header(headers, "x-portal-timestamp");
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("a key");
    mac.update(format!("{timestamp}.{body}").as_bytes());
    let expected: String = mac
        .finalize()
        .into_bytes()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    assert_eq!(
        header(headers, "x-portal-signature"),
        format!("sha256={expected}")
    );
    let age = chrono::Utc::now().timestamp() - timestamp.parse::<i64>().expect("a timestamp");
    assert!((0..60).contains(&age), "{age}");
}

async fn create_webhook(app: &TestApp, staff: &str, url: &str, events: Value) -> (String, String) {
    let response = app
        .graphql(
            Some(staff),
            CREATE_WEBHOOK,
            json!({ "url": url, "events": events }),
        )
        .await;
    assert_no_errors(&response);
    let created = &response["data"]["createWebhook"];
    (
        created["webhook"]["id"].as_str().expect("an id").to_owned(),
        created["secret"].as_str().expect("a secret").to_owned(),
    )
}

async fn deliveries(app: &TestApp, staff: &str, webhook: &str) -> Vec<Value> {
    let response = app
        .graphql(Some(staff), DELIVERIES, json!({ "id": webhook }))
        .await;
    assert_no_errors(&response);
    response["data"]["webhookDeliveries"]["nodes"]
        .as_array()
        .expect("nodes")
        .clone()
}

async fn settled_deliveries(app: &TestApp, staff: &str, webhook: &str, count: usize) -> Vec<Value> {
    for _ in 0..300 {
        let rows = deliveries(app, staff, webhook).await;
        if rows.len() >= count
            && rows
                .iter()
                .all(|row| row["status"] == "SUCCEEDED" || row["status"] == "FAILED")
        {
            return rows;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!(
        "deliveries did not settle: {:?}",
        deliveries(app, staff, webhook).await
    );
}

/// Staff enter an order for Galil by phone; returns its (id, number).
async fn place_order_for_galil(app: &TestApp, staff: &str, galil: &str) -> (String, String) {
    let response = app
        .graphql(
            Some(staff),
            "mutation($company: ID!) { placeOrderFor(companyId: $company, channel: PHONE, input: { lines: [{ sku: \"SCR-101\", quantity: 1 }] }) { id number } }",
            json!({ "company": galil }),
        )
        .await;
    assert_no_errors(&response);
    let order = &response["data"]["placeOrderFor"];
    (
        order["id"].as_str().expect("an id").to_owned(),
        order["number"].as_str().expect("a number").to_owned(),
    )
}

#[tokio::test]
async fn a_webhook_receives_a_signed_order_created_event() {
    let app =
        TestApp::spawn_with(|config| config.webhooks.retry_base_delay = Duration::from_millis(20))
            .await;
    let staff = app.login("staff@demo.test").await;
    let (galil, _) = company_ids(&app, &staff).await;
    let receiver = start_receiver(0).await;
    let (webhook, secret) =
        create_webhook(&app, &staff, &receiver.url, json!(["ORDER_CREATED"])).await;

    let (order, number) = place_order_for_galil(&app, &staff, &galil).await;
    let requests = receiver.wait_for(1).await;
    let (headers, body) = &requests[0];
    assert_signed(&secret, headers, body);
    assert_eq!(header(headers, "x-portal-event"), "order.created");
    assert_eq!(header(headers, "content-type"), "application/json");
    let event: Value = serde_json::from_str(body).expect("JSON");
    assert_eq!(event["event"], "order.created");
    assert_eq!(event["data"]["number"], number.as_str());
    assert_eq!(event["data"]["channel"], "PHONE");

    let rows = settled_deliveries(&app, &staff, &webhook, 1).await;
    assert_eq!(rows.len(), 1);
    assert_eq!(
        header(headers, "x-portal-delivery"),
        rows[0]["id"].as_str().expect("id")
    );
    assert_eq!(rows[0]["attempts"], 1);
    assert_eq!(rows[0]["lastStatusCode"], 200);
    assert!(rows[0]["lastDurationMs"].is_i64());
    // Not subscribed: a status change queues nothing for this endpoint (deliveries
    // are written in the change's own transaction, so the log is complete at once).
    let moved = app
        .graphql(
            Some(&staff),
            "mutation($id: ID!) { moveOrder(id: $id, action: CONFIRM) { status } }",
            json!({ "id": order }),
        )
        .await;
    assert_no_errors(&moved);
    assert_eq!(deliveries(&app, &staff, &webhook).await.len(), 1);
}

#[tokio::test]
async fn a_failing_endpoint_gets_the_event_on_the_third_attempt_and_a_replay_sends_it_again() {
    let app =
        TestApp::spawn_with(|config| config.webhooks.retry_base_delay = Duration::from_millis(20))
            .await;
    let staff = app.login("staff@demo.test").await;
    let (galil, _) = company_ids(&app, &staff).await;
    let receiver = start_receiver(2).await;
    let (webhook, secret) = create_webhook(
        &app,
        &staff,
        &receiver.url,
        json!(["ORDER_CREATED", "ORDER_STATUS_CHANGED"]),
    )
    .await;

    place_order_for_galil(&app, &staff, &galil).await;
    let rows = settled_deliveries(&app, &staff, &webhook, 1).await;
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0]["status"], "SUCCEEDED");
    assert_eq!(rows[0]["attempts"], 3);
    assert_eq!(rows[0]["lastStatusCode"], 200);
    assert!(rows[0]["lastError"].is_null());
    let requests = receiver.requests();
    assert_eq!(requests.len(), 3);
    let ids: Vec<&str> = requests
        .iter()
        .map(|(headers, _)| header(headers, "x-portal-delivery"))
        .collect();
    assert!(
        ids.iter().all(|id| *id == ids[0]),
        "one delivery id across retries: {ids:?}"
    );
    for (headers, body) in &requests {
        assert_signed(&secret, headers, body);
    }

    let replayed = app
        .graphql(
            Some(&staff),
            "mutation($id: ID!) { replayWebhookDelivery(id: $id) { id replayOf status } }",
            json!({ "id": rows[0]["id"] }),
        )
        .await;
    assert_no_errors(&replayed);
    assert_eq!(
        replayed["data"]["replayWebhookDelivery"]["replayOf"],
        rows[0]["id"]
    );
    let requests = receiver.wait_for(4).await;
    assert_eq!(requests[3].1, requests[0].1, "the same body");
    assert_ne!(header(&requests[3].0, "x-portal-delivery"), ids[0]);
    let rows = settled_deliveries(&app, &staff, &webhook, 2).await;
    assert_eq!(rows[1]["status"], "SUCCEEDED");
    assert_eq!(rows[1]["attempts"], 1);
}

#[tokio::test]
async fn webhook_urls_must_be_http_and_only_staff_configure_them() {
    let app = TestApp::spawn().await;
    let staff = app.login("staff@demo.test").await;
    for url in ["ftp://example.com/hook", "file:///etc/passwd", "not a url"] {
        let response = app
            .graphql(
                Some(&staff),
                CREATE_WEBHOOK,
                json!({ "url": url, "events": ["ORDER_CREATED"] }),
            )
            .await;
        assert_eq!(error_code(&response), Some("BAD_USER_INPUT"), "{url}");
    }
    let empty = app
        .graphql(
            Some(&staff),
            CREATE_WEBHOOK,
            json!({ "url": "https://erp.example.com/in", "events": [] }),
        )
        .await;
    assert_eq!(error_code(&empty), Some("BAD_USER_INPUT"));
    let (webhook, secret) = create_webhook(
        &app,
        &staff,
        "https://erp.example.com/in",
        json!(["INVOICE_ISSUED"]),
    )
    .await;
    let updated = app
        .graphql(
            Some(&staff),
            "mutation($id: ID!) { updateWebhook(id: $id, input: { events: [CREDIT_NOTE_ISSUED], active: false }) { events active } }",
            json!({ "id": webhook }),
        )
        .await;
    assert_no_errors(&updated);
    assert_eq!(
        updated["data"]["updateWebhook"]["events"],
        json!(["CREDIT_NOTE_ISSUED"])
    );
    let listed = app
        .graphql(Some(&staff), "{ webhooks { nodes { id url } } }", json!({}))
        .await;
    assert!(
        !listed.to_string().contains(&secret),
        "the secret is shown once"
    );
    assert_eq!(audit_actions(&app, &staff, "WEBHOOK_UPDATED").await, 1);
    let deleted = app
        .graphql(
            Some(&staff),
            "mutation($id: ID!) { deleteWebhook(id: $id) }",
            json!({ "id": webhook }),
        )
        .await;
    assert_no_errors(&deleted);
    let gone = app
        .graphql(Some(&staff), DELIVERIES, json!({ "id": webhook }))
        .await;
    assert_eq!(error_code(&gone), Some("NOT_FOUND"));
}

async fn download(app: &TestApp, path: &str, token: Option<&str>) -> (StatusCode, String) {
    let mut request = app.client.get(app.url(path));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.expect("the server answers");
    let status = StatusCode::from_u16(response.status().as_u16()).expect("a status");
    (status, response.text().await.expect("a body"))
}

#[tokio::test]
async fn csv_exports_list_every_company_for_staff_and_only_their_own_for_customers() {
    let app = TestApp::spawn().await;
    let staff = app.login("staff@demo.test").await;
    let (galil, negev) = company_ids(&app, &staff).await;

    let (status, all) = download(&app, "/exports/invoices.csv", Some(&staff)).await;
    assert_eq!(status, StatusCode::OK);
    let mut lines = all.lines();
    assert_eq!(
        lines.next(),
        Some(
            "invoice_number,issue_date,due_date,order_number,company_id,customer_name,customer_vat_number,currency,subtotal,vat,total"
        )
    );
    let first: Vec<&str> = lines.next().expect("a row").split(',').collect();
    assert!(
        chrono::NaiveDate::parse_from_str(first[1], "%Y-%m-%d").is_ok(),
        "{first:?}"
    );
    assert!(
        first[10].contains('.') && first[10].parse::<f64>().is_ok(),
        "{first:?}"
    );
    assert!(all.contains("Galil") && all.contains("Negev"));

    let buyer = app.login("buyer@demo.test").await;
    let (status, own) = download(&app, "/exports/invoices.csv", Some(&buyer)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(own.contains("Galil") && !own.contains("Negev"), "{own}");
    assert!(own.lines().count() > 1);
    let (status, _) = download(
        &app,
        &format!("/exports/invoices.csv?company={negev}"),
        Some(&buyer),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let other = app.login("approver@other.test").await;
    let (status, orders) =
        download(&app, "/exports/orders.csv?from=2000-01-01", Some(&other)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(orders.starts_with(
        "order_number,created_at,company_id,company_name,status,channel,subtotal,vat,total"
    ));
    assert!(
        !orders.contains("Galil") && orders.contains("Negev"),
        "{orders}"
    );
    for row in orders.lines().skip(1) {
        assert_eq!(row.split(',').nth(2), Some(negev.as_str()), "{row}");
    }

    // Staff narrow to a company; a customer's signed link works without a header and
    // keeps the customer's scope; a range that ends before it starts is refused.
    let (_, galil_only) = download(
        &app,
        &format!("/exports/orders.csv?company={galil}"),
        Some(&staff),
    )
    .await;
    assert!(galil_only.contains("Galil") && !galil_only.contains("Negev"));
    let link = app
        .graphql(
            Some(&buyer),
            "{ exportUrl(kind: INVOICES, from: \"2000-01-01\") }",
            json!({}),
        )
        .await;
    assert_no_errors(&link);
    let link = link["data"]["exportUrl"]
        .as_str()
        .expect("a link")
        .to_owned();
    let (status, linked) = download(&app, &link, None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(linked, own);
    let widened = link.replace(&format!("company={galil}"), &format!("company={negev}"));
    assert_eq!(
        download(&app, &widened, None).await.0,
        StatusCode::NOT_FOUND
    );
    let (status, _) = download(
        &app,
        "/exports/orders.csv?from=2026-02-01&to=2026-01-01",
        Some(&staff),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        download(&app, "/exports/orders.csv", None).await.0,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn api_keys_download_the_exports_their_scopes_allow() {
    let app = TestApp::spawn().await;
    let staff = app.login("staff@demo.test").await;
    let (galil, _) = company_ids(&app, &staff).await;
    let (_, invoices_key) = create_key(&app, &staff, &["INVOICES_READ"], Some(&galil)).await;
    let get = |path: &'static str, key: String| {
        let request = app.client.get(app.url(path)).header("X-Api-Key", key);
        async move { request.send().await.expect("answer") }
    };
    let response = get("/exports/invoices.csv", invoices_key.clone()).await;
    assert_eq!(response.status().as_u16(), 200);
    let text = response.text().await.expect("text");
    assert!(
        text.contains("Galil") && !text.contains("Negev"),
        "a company key reads its company"
    );
    assert_eq!(
        get("/exports/orders.csv", invoices_key)
            .await
            .status()
            .as_u16(),
        403
    );
}
