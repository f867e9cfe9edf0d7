//! The HTTP surface: health, metrics, the SPA, GraphiQL, GET semantics and limits.

mod common;

use common::{TestApp, assert_no_errors};
use serde_json::{Value, json};

#[tokio::test]
async fn healthz_reports_the_database() {
    let app = TestApp::spawn().await;
    let response = app
        .client
        .get(app.url("/healthz"))
        .send()
        .await
        .expect("answer");
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["database"], "ok");
}

#[tokio::test]
async fn metrics_are_served_in_prometheus_text_format() {
    let app = TestApp::spawn().await;
    app.client
        .get(app.url("/healthz"))
        .send()
        .await
        .expect("answer");
    let response = app
        .client
        .get(app.url("/metrics"))
        .send()
        .await
        .expect("answer");
    assert_eq!(response.status(), 200);
    let text = response.text().await.expect("text");
    assert!(text.contains("http_requests_total"), "{text}");
    assert!(text.contains("route=\"/healthz\""), "{text}");
}

#[tokio::test]
async fn the_spa_is_served_and_client_routes_fall_back_to_index_html() {
    let dist = tempfile::tempdir().expect("dir");
    std::fs::write(
        dist.path().join("index.html"),
        "<!doctype html><title>portal</title>",
    )
    .expect("write");
    std::fs::write(dist.path().join("app-123.js"), "console.log(1)").expect("write");
    let app = TestApp::spawn_with_static_dir(Some(dist.path().to_owned())).await;
    for path in ["/", "/login", "/users", "/orders/42"] {
        let response = app.client.get(app.url(path)).send().await.expect("answer");
        assert_eq!(response.status(), 200, "{path}");
        assert!(
            response
                .text()
                .await
                .unwrap_or_default()
                .contains("<title>portal</title>"),
            "{path}"
        );
    }
    let asset = app
        .client
        .get(app.url("/app-123.js"))
        .send()
        .await
        .expect("answer");
    assert_eq!(asset.text().await.unwrap_or_default(), "console.log(1)");
    // The API keeps its own routes.
    let health = app
        .client
        .get(app.url("/healthz"))
        .send()
        .await
        .expect("answer");
    assert_eq!(
        health
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some("application/json")
    );
}

#[tokio::test]
async fn a_browser_asking_for_graphql_gets_graphiql() {
    let app = TestApp::spawn().await;
    let response = app
        .client
        .get(app.url("/graphql"))
        .header("accept", "text/html")
        .send()
        .await
        .expect("answer");
    assert_eq!(response.status(), 200);
    assert!(
        response
            .text()
            .await
            .unwrap_or_default()
            .to_lowercase()
            .contains("graphiql")
    );
}

#[tokio::test]
async fn get_runs_queries_but_never_mutations() {
    let app = TestApp::spawn().await;
    let token = app.login("buyer@demo.test").await;
    let query = app
        .client
        .get(app.url("/graphql"))
        .query(&[("query", "{ me { email } }")])
        .bearer_auth(&token)
        .send()
        .await
        .expect("answer");
    let body: Value = query.json().await.expect("json");
    assert_eq!(body["data"]["me"]["email"], "buyer@demo.test");
    let mutation = app
        .client
        .get(app.url("/graphql"))
        .query(&[(
            "query",
            r#"mutation { setLanguage(language: "en") { id } }"#,
        )])
        .bearer_auth(&token)
        .send()
        .await
        .expect("answer");
    assert_eq!(mutation.status(), 405);
}

#[tokio::test]
async fn every_response_carries_a_request_id() {
    let app = TestApp::spawn().await;
    let response = app
        .client
        .get(app.url("/healthz"))
        .send()
        .await
        .expect("answer");
    assert!(response.headers().get("x-request-id").is_some());
    assert_eq!(
        response
            .headers()
            .get("x-content-type-options")
            .and_then(|v| v.to_str().ok()),
        Some("nosniff")
    );
}

#[tokio::test]
async fn introspection_works_for_graphiql() {
    let app = TestApp::spawn().await;
    // The shape of GraphiQL's own introspection query, the deepest the real tools send.
    let query = "{ __schema { types { name kind fields { name type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } } } } } }";
    let response = app.graphql(None, query, json!({})).await;
    assert_no_errors(&response);
    assert!(
        response["data"]["__schema"]["types"]
            .as_array()
            .is_some_and(|t| !t.is_empty())
    );
}

#[tokio::test]
async fn abusively_deep_or_expensive_queries_are_refused_before_execution() {
    let app = TestApp::spawn().await;
    let token = app.login("buyer@demo.test").await;
    let mut deep = String::from("kind");
    for _ in 0..20 {
        deep = format!("ofType {{ {deep} }}");
    }
    let deep_query = format!("{{ __schema {{ types {{ fields {{ type {{ {deep} }} }} }} }} }}");
    let response = app.graphql(Some(&token), &deep_query, json!({})).await;
    assert!(response["data"].is_null(), "{response}");
    let message = response["errors"][0]["message"]
        .as_str()
        .unwrap_or_default()
        .to_lowercase();
    assert!(message.contains("nested too deep"), "{message}");

    let wide: String = (0..6000)
        .map(|index| format!("a{index}: me {{ id }} "))
        .collect();
    let response = app
        .graphql(Some(&token), &format!("{{ {wide} }}"), json!({}))
        .await;
    assert!(response["data"].is_null(), "wide query ran");
    let message = response["errors"][0]["message"]
        .as_str()
        .unwrap_or_default()
        .to_lowercase();
    // Refused by whichever limit it meets first: the query text size (16 KB) before
    // the complexity; `api_abuse_limits.rs` tests each limit on its own.
    assert!(
        message.contains("complex") || message.contains("at most 16384"),
        "{message}"
    );
}

#[tokio::test]
async fn money_is_a_decimal_string_with_two_decimals() {
    let app = TestApp::spawn().await;
    let token = app.login("buyer@demo.test").await;
    let response = app
        .graphql(
            Some(&token),
            "{ costCenters { name monthlyBudget } me { company { creditLimit } } }",
            json!({}),
        )
        .await;
    assert_no_errors(&response);
    assert_eq!(
        response["data"]["costCenters"][0]["monthlyBudget"],
        "40000.00"
    );
    assert_eq!(
        response["data"]["me"]["company"]["creditLimit"],
        "500000.00"
    );
}

#[test]
fn the_checked_in_schema_matches_the_code() {
    let path = common::backend_dir().join("schema.graphql");
    let current = backend::graphql::sdl();
    if std::env::var("UPDATE_SCHEMA").is_ok() {
        std::fs::write(&path, &current).expect("write schema.graphql");
    }
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        checked_in == current,
        "backend/schema.graphql differs from the schema in the code; review the API change and run \
         `UPDATE_SCHEMA=1 cargo test -p backend --test api_http` to update it"
    );
}

#[tokio::test]
async fn the_tests_run_on_the_database_the_environment_names() {
    let app = TestApp::spawn().await;
    let expected = if std::env::var("TEST_DATABASE_URL").is_ok_and(|url| !url.is_empty()) {
        sea_orm::DbBackend::Postgres
    } else {
        sea_orm::DbBackend::Sqlite
    };
    assert_eq!(app.db.get_database_backend(), expected);
    assert_eq!(
        common::is_postgres(),
        expected == sea_orm::DbBackend::Postgres
    );
}

#[tokio::test]
async fn the_server_stops_promptly_when_asked() {
    let app = TestApp::spawn().await;
    let token = app.login("buyer@demo.test").await;
    let response = app.graphql(Some(&token), "{ me { id } }", json!({})).await;
    assert_no_errors(&response);
    assert!(
        app.shut_down_within(std::time::Duration::from_secs(15))
            .await,
        "graceful shutdown hung"
    );
}

fn header<'a>(response: &'a reqwest::Response, name: &str) -> Option<&'a str> {
    response
        .headers()
        .get(name)
        .and_then(|value| value.to_str().ok())
}

/// The base64 SHA-256 the browser compares an inline script's text with.
fn script_hash(text: &str) -> String {
    use base64::Engine;
    use sha2::Digest;
    base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(text.as_bytes()))
}

#[tokio::test]
async fn the_spa_the_api_and_documents_carry_a_content_security_policy() {
    let dist = tempfile::tempdir().expect("dir");
    let loader = "import init from '/frontend-1.js';\nawait init();";
    std::fs::write(
        dist.path().join("index.html"),
        format!("<!doctype html><title>portal</title><script type=module>{loader}</script>"),
    )
    .expect("write");
    let app = TestApp::spawn_with_static_dir(Some(dist.path().to_owned())).await;

    let page = app
        .client
        .get(app.url("/orders/1"))
        .send()
        .await
        .expect("answer");
    let policy = header(&page, "content-security-policy").unwrap_or_default();
    // Trunk's inline loader runs by its hash; no other inline script does.
    assert!(
        policy.contains(&format!("'sha256-{}'", script_hash(loader))),
        "{policy}"
    );
    for directive in [
        "default-src 'self'",
        "'wasm-unsafe-eval'",
        "style-src 'self'",
        "connect-src 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "object-src 'none'",
    ] {
        assert!(policy.contains(directive), "{directive} in {policy}");
    }
    assert!(!policy.contains("unsafe-inline"), "{policy}");
    assert_eq!(header(&page, "x-frame-options"), Some("DENY"));
    assert_eq!(header(&page, "strict-transport-security"), None);

    let api = app
        .client
        .post(app.url("/graphql"))
        .json(&json!({ "query": "{ __typename }" }))
        .send()
        .await
        .expect("answer");
    assert_eq!(header(&api, "content-security-policy"), Some(policy));
    let not_found = app
        .client
        .get(app.url("/invoices/999999/pdf"))
        .send()
        .await
        .expect("answer");
    assert!(header(&not_found, "content-security-policy").is_some());

    // A PDF gets a policy that still lets Chrome's viewer (a plugin) show it.
    let viewer = app.login("viewer@demo.test").await;
    let invoices = app
        .graphql(
            Some(&viewer),
            "{ invoices(first: 1) { edges { node { id } } } }",
            json!({}),
        )
        .await;
    assert_no_errors(&invoices);
    let id = invoices["data"]["invoices"]["edges"][0]["node"]["id"]
        .as_str()
        .unwrap_or_default();
    let pdf = app
        .client
        .get(app.url(&format!("/invoices/{id}/pdf")))
        .bearer_auth(&viewer)
        .send()
        .await
        .expect("answer");
    assert_eq!(pdf.status(), 200);
    assert_eq!(header(&pdf, "content-type"), Some("application/pdf"));
    let document_policy = header(&pdf, "content-security-policy").unwrap_or_default();
    assert!(document_policy.contains("frame-ancestors 'none'"));
    assert!(!document_policy.contains("object-src"));
    assert_eq!(header(&pdf, "x-content-type-options"), Some("nosniff"));

    // GraphiQL loads its scripts from a CDN: its own, relaxed policy.
    let graphiql = app
        .client
        .get(app.url("/graphql"))
        .header("accept", "text/html")
        .send()
        .await
        .expect("answer");
    let graphiql_policy = header(&graphiql, "content-security-policy").unwrap_or_default();
    assert!(graphiql_policy.contains("https://unpkg.com"));
    assert!(graphiql_policy.contains("frame-ancestors 'none'"));
}

#[tokio::test]
async fn hsts_is_sent_only_when_the_portal_is_served_over_https() {
    let app = TestApp::spawn_with(|config| {
        config.mail.public_url = "https://portal.example.co.il".to_owned();
    })
    .await;
    let response = app
        .client
        .get(app.url("/healthz"))
        .send()
        .await
        .expect("answer");
    assert_eq!(
        header(&response, "strict-transport-security"),
        Some("max-age=31536000")
    );
    let plain = TestApp::spawn().await;
    let response = plain
        .client
        .get(plain.url("/healthz"))
        .send()
        .await
        .expect("answer");
    assert_eq!(header(&response, "strict-transport-security"), None);
}

#[tokio::test]
async fn a_cross_origin_preflight_gets_no_cors_permission() {
    let app = TestApp::spawn().await;
    let preflight = app
        .client
        .request(reqwest::Method::OPTIONS, app.url("/graphql"))
        .header("origin", "https://evil.example")
        .header("access-control-request-method", "POST")
        .header(
            "access-control-request-headers",
            "authorization, content-type",
        )
        .send()
        .await
        .expect("answer");
    assert_eq!(header(&preflight, "access-control-allow-origin"), None);
    assert_eq!(header(&preflight, "access-control-allow-headers"), None);
    let post = app
        .client
        .post(app.url("/graphql"))
        .header("origin", "https://evil.example")
        .json(&json!({ "query": "{ __typename }" }))
        .send()
        .await
        .expect("answer");
    assert_eq!(header(&post, "access-control-allow-origin"), None);
}
