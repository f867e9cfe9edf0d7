//! Abuse limits: deep, wide, aliased, batched and introspection-heavy queries are
//! refused before anything runs (`BAD_USER_INPUT`), while the real UI's largest queries
//! pass; request bodies and CSV uploads have a size limit with a clear error.

#![expect(
    clippy::expect_used,
    reason = "helpers that send requests or read the frontend fail the test loudly"
)]

mod common;

use std::sync::atomic::Ordering;
use std::time::Duration;

use backend::graphql::limits::{MAX_ALIASES, MAX_QUERY_BYTES};
use common::ws::Subscription;
use common::{TestApp, assert_no_errors, error_code};
use serde_json::{Value, json};

/// Sends an anonymous query and checks that it was refused as bad input without a
/// single database statement (nothing ran).
async fn assert_refused_before_execution(app: &TestApp, query: &str, words: &str) -> Value {
    let before = app.statements.load(Ordering::SeqCst);
    let response = app.graphql(None, query, json!({})).await;
    assert_eq!(error_code(&response), Some("BAD_USER_INPUT"), "{response}");
    assert!(response["data"].is_null(), "{response}");
    let message = response["errors"][0]["message"]
        .as_str()
        .unwrap_or_default();
    assert!(message.contains(words), "{message}");
    assert_eq!(
        app.statements.load(Ordering::SeqCst),
        before,
        "nothing may run"
    );
    response
}

#[tokio::test]
async fn a_deep_query_is_refused_before_execution() {
    let app = TestApp::spawn().await;
    let query = format!(
        "{{ __schema {{ types {{ {} name {} }} }} }}",
        "ofType { ".repeat(20),
        "} ".repeat(20)
    );
    assert_refused_before_execution(&app, &query, "nested too deep").await;
    // Far deeper than the parser's own recursion limit: refused just as fast.
    let query = format!("{{ me {}", "{ me ".repeat(5_000));
    let response = app.graphql(None, &query, json!({})).await;
    assert_eq!(error_code(&response), Some("BAD_USER_INPUT"), "{response}");
}

#[tokio::test]
async fn a_thousand_aliases_are_refused_before_execution() {
    let app = TestApp::spawn().await;
    let aliases: String = (0..1_000)
        .map(|index| format!("a{index}: me {{ id }} "))
        .collect();
    assert_refused_before_execution(&app, &format!("{{ {aliases} }}"), "1000 aliases").await;
    // A handful is fine.
    let few: String = (0..MAX_ALIASES)
        .map(|index| format!("a{index}: __typename "))
        .collect();
    assert_no_errors(&app.graphql(None, &format!("{{ {few} }}"), json!({})).await);
}

#[tokio::test]
async fn a_wide_query_of_many_aliased_lists_is_refused_before_execution() {
    let app = TestApp::spawn().await;
    let lists: String = (0..=MAX_ALIASES)
        .map(|index| {
            format!(
                "o{index}: orders(first: 100) {{ nodes {{ id lines {{ sku }} events {{ at }} }} }} "
            )
        })
        .collect();
    let words = format!("{} aliases", MAX_ALIASES + 1);
    assert_refused_before_execution(&app, &format!("{{ {lists} }}"), &words).await;
}

#[tokio::test]
async fn a_batch_of_a_hundred_operations_is_refused() {
    let app = TestApp::spawn().await;
    let batch: Vec<Value> = (0..100)
        .map(|_| json!({ "query": "{ __typename }" }))
        .collect();
    let response = app
        .client
        .post(app.url("/graphql"))
        .json(&batch)
        .send()
        .await
        .expect("the server answers");
    assert_eq!(response.status(), reqwest::StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn introspection_that_multiplies_the_schema_is_refused_but_graphiql_s_is_not() {
    let app = TestApp::spawn().await;
    let abusive =
        "{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }";
    assert_refused_before_execution(&app, abusive, "introspection lists").await;
    let through_fragments = "{ __schema { types { ...T } } } \
        fragment T on __Type { fields { type { ...U } } } fragment U on __Type { fields { type { fields { name } } } }";
    assert_refused_before_execution(&app, through_fragments, "introspection lists").await;
    assert_no_errors(&app.graphql(None, GRAPHIQL_INTROSPECTION, json!({})).await);
}

#[tokio::test]
async fn a_query_text_above_the_limit_is_refused() {
    let app = TestApp::spawn().await;
    let query = format!("{{ __typename }} # {}", "x".repeat(MAX_QUERY_BYTES));
    assert_refused_before_execution(&app, &query, "bytes long").await;
}

#[tokio::test]
async fn a_subscription_over_the_websocket_meets_the_same_limits() {
    let app = TestApp::spawn().await;
    let token = app.login("buyer@demo.test").await;
    let aliases: String = (0..=MAX_ALIASES).map(|n| format!("a{n}: sku ")).collect();
    let mut subscription = Subscription::start(
        &app.base_url,
        &token,
        &format!("subscription {{ stockChanged {{ {aliases} }} }}"),
        json!({}),
    )
    .await;
    let refused = subscription
        .next(Duration::from_secs(5))
        .await
        .expect("an answer to the subscription");
    assert_eq!(error_code(&refused), Some("BAD_USER_INPUT"), "{refused}");
    let message = refused["errors"][0]["message"].as_str().unwrap_or_default();
    assert!(message.contains("aliases"), "{message}");
}

/// A `pub const NAME: &str = "...";` of the frontend's API module, as the string.
fn frontend_const(file: &str, name: &str) -> String {
    let path = common::backend_dir().join("../frontend/src/api").join(file);
    let source = std::fs::read_to_string(&path).expect("the frontend's API module");
    let start = source
        .find(&format!("pub const {name}: &str = \""))
        .unwrap_or_else(|| panic!("{name} in {}", path.display()));
    let body = &source[start..];
    let body = &body[body.find('"').expect("a string") + 1..];
    let literal = &body[..body.find("\";").expect("the end of the string")];
    // Rust's `\` at a line end skips the newline and the next line's indentation.
    literal
        .split("\\\n")
        .map(str::trim_start)
        .collect::<Vec<_>>()
        .join("")
}

#[tokio::test]
async fn the_real_ui_s_largest_queries_pass_the_limits() {
    let app = TestApp::spawn().await;
    let staff = app.login("staff@demo.test").await;
    let summary = frontend_const("orders.rs", "SUMMARY_FIELDS");
    let order = frontend_const("orders.rs", "ORDER_FIELDS");
    // The supplier's queue at the largest page the API serves (the UI asks for 20).
    let list = app
        .graphql(
            Some(&staff),
            &format!(
                "query Orders($first: Int) {{ orders(first: $first) {{ pageInfo {{ hasNextPage endCursor }} nodes {{ {summary} }} }} }}"
            ),
            json!({ "first": 100 }),
        )
        .await;
    assert_no_errors(&list);
    let id = list["data"]["orders"]["nodes"][0]["id"].clone();
    // The order page, the deepest query of the UI.
    let page = app
        .graphql(
            Some(&staff),
            &format!("query Order($id: ID!) {{ order(id: $id) {{ {order} }} }}"),
            json!({ "id": id }),
        )
        .await;
    assert_no_errors(&page);
    assert!(page["data"]["order"]["number"].is_string(), "{page}");
}

#[tokio::test]
async fn a_request_body_above_the_limit_is_refused_with_413() {
    let app = TestApp::spawn().await;
    let body = json!({ "query": "mutation($csv: String!) { importCatalogCsv(csv: $csv) { rows } }", "variables": { "csv": "x".repeat(backend::http::MAX_BODY_BYTES) } });
    let response = app
        .client
        .post(app.url("/graphql"))
        .json(&body)
        .send()
        .await
        .expect("the server answers");
    assert_eq!(response.status(), reqwest::StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn a_csv_file_above_its_limit_is_refused_in_words() {
    let app = TestApp::spawn().await;
    let staff = app.login("staff@demo.test").await;
    for (mutation, max_bytes) in [
        (
            "importCatalogCsv",
            backend::domain::catalog::csv::MAX_FILE_BYTES,
        ),
        (
            "importPaymentsCsv",
            backend::domain::ledger::payments::MAX_FILE_BYTES,
        ),
    ] {
        let csv = format!("sku\n{}", "x".repeat(max_bytes));
        let response = app
            .graphql(
                Some(&staff),
                &format!("mutation($csv: String!) {{ {mutation}(csv: $csv, dryRun: false) {{ applied }} }}"),
                json!({ "csv": csv }),
            )
            .await;
        assert_eq!(
            error_code(&response),
            Some("BAD_USER_INPUT"),
            "{mutation}: {response}"
        );
        let message = response["errors"][0]["message"]
            .as_str()
            .unwrap_or_default();
        assert!(
            message.contains(&format!("at most {} KB", max_bytes / 1024)),
            "{mutation}: {message}"
        );
    }
}

/// GraphiQL's introspection query (the shape of `graphql`'s `getIntrospectionQuery`).
const GRAPHIQL_INTROSPECTION: &str = r#"
query IntrospectionQuery {
  __schema {
    queryType { name } mutationType { name } subscriptionType { name }
    types { ...FullType }
    directives { name description locations args { ...InputValue } }
  }
}
fragment FullType on __Type {
  kind name description
  fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
  inputFields { ...InputValue }
  interfaces { ...TypeRef }
  enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
  possibleTypes { ...TypeRef }
}
fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
fragment TypeRef on __Type {
  kind name
  ofType { kind name ofType { kind name ofType { kind name ofType { kind name
    ofType { kind name ofType { kind name ofType { kind name } } } } } } }
}
"#;
