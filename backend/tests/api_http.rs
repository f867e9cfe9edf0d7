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
    assert!(message.contains("complex"), "{message}");
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
