//! Company admins manage the users of their own company.

mod common;

use common::{TestApp, assert_no_errors, error_code};
use serde_json::json;

const CREATE: &str = "mutation($input: CreateCompanyUserInput!) { createCompanyUser(input: $input) { id email name role active company { name } } }";
const UPDATE: &str = "mutation($id: ID!, $input: UpdateCompanyUserInput!) { updateCompanyUser(id: $id, input: $input) { id role active } }";

#[tokio::test]
async fn a_company_admin_adds_a_user_who_can_then_log_in_to_that_company() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin@demo.test").await;
    let created = app
        .graphql(
            Some(&admin),
            CREATE,
            json!({ "input": { "email": "Dana@Galil.test", "name": "Dana Katz", "role": "BUYER", "password": "dana-password-1" } }),
        )
        .await;
    assert_no_errors(&created);
    assert_eq!(
        created["data"]["createCompanyUser"]["email"],
        "dana@galil.test"
    );
    assert_eq!(
        created["data"]["createCompanyUser"]["company"]["name"],
        "Galil Hardware Ltd"
    );
    let token = app.login_with("dana@galil.test", "dana-password-1").await;
    let me = app
        .graphql(Some(&token), "{ me { role company { name } } }", json!({}))
        .await;
    assert_eq!(me["data"]["me"]["role"], "BUYER");
    let list = app
        .graphql(
            Some(&admin),
            "{ companyUsers(first: 100) { edges { node { email } } } }",
            json!({}),
        )
        .await;
    let emails: Vec<&str> = list["data"]["companyUsers"]["edges"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|edge| edge["node"]["email"].as_str())
        .collect();
    assert!(emails.contains(&"dana@galil.test"));
    assert!(
        !emails.iter().any(|email| email.ends_with("@other.test")),
        "{emails:?}"
    );
}

#[tokio::test]
async fn bad_new_users_are_refused_with_a_clear_error_and_nothing_is_written() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin@demo.test").await;
    let cases = [
        (
            json!({ "email": "buyer@demo.test", "name": "Dup", "role": "BUYER", "password": "long-enough-pw" }),
            "CONFLICT",
        ),
        (
            json!({ "email": "not-an-email", "name": "X", "role": "BUYER", "password": "long-enough-pw" }),
            "BAD_USER_INPUT",
        ),
        (
            json!({ "email": "x@galil.test", "name": "   ", "role": "BUYER", "password": "long-enough-pw" }),
            "BAD_USER_INPUT",
        ),
        (
            json!({ "email": "x@galil.test", "name": "X", "role": "BUYER", "password": "short" }),
            "BAD_USER_INPUT",
        ),
        (
            json!({ "email": "x@galil.test", "name": "X", "role": "SUPPLIER_STAFF", "password": "long-enough-pw" }),
            "BAD_USER_INPUT",
        ),
    ];
    for (input, code) in cases {
        let response = app
            .graphql(Some(&admin), CREATE, json!({ "input": input }))
            .await;
        assert_eq!(error_code(&response), Some(code), "{input}: {response}");
        assert!(
            response["errors"][0]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty())
        );
    }
    let count = app
        .graphql(
            Some(&admin),
            "{ companyUsers(first: 100) { edges { node { id } } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        count["data"]["companyUsers"]["edges"]
            .as_array()
            .map(Vec::len),
        // buyer, approver, finance, viewer, admin
        Some(5)
    );
}

#[tokio::test]
async fn an_admin_cannot_lock_itself_out() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin@demo.test").await;
    let me = app.graphql(Some(&admin), "{ me { id } }", json!({})).await;
    let id = me["data"]["me"]["id"].clone();
    let demote = app
        .graphql(
            Some(&admin),
            UPDATE,
            json!({ "id": id, "input": { "role": "VIEWER" } }),
        )
        .await;
    assert_eq!(error_code(&demote), Some("BAD_USER_INPUT"));
    let deactivate = app
        .graphql(
            Some(&admin),
            UPDATE,
            json!({ "id": id, "input": { "active": false } }),
        )
        .await;
    assert_eq!(error_code(&deactivate), Some("BAD_USER_INPUT"));
}

#[tokio::test]
async fn a_role_change_applies_to_the_users_live_session() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin@demo.test").await;
    let viewer = app.login("viewer@demo.test").await;
    let before = app
        .graphql(Some(&viewer), "{ costCenters { id } }", json!({}))
        .await;
    assert_eq!(error_code(&before), Some("FORBIDDEN"));
    let me = app.graphql(Some(&viewer), "{ me { id } }", json!({})).await;
    let promoted = app
        .graphql(
            Some(&admin),
            UPDATE,
            json!({ "id": me["data"]["me"]["id"], "input": { "role": "BUYER" } }),
        )
        .await;
    assert_no_errors(&promoted);
    let after = app
        .graphql(Some(&viewer), "{ costCenters { id } }", json!({}))
        .await;
    assert_no_errors(&after);
}

#[tokio::test]
async fn lists_page_with_relay_cursors() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin@demo.test").await;
    let query = "query($after: String) { companyUsers(first: 3, after: $after) { edges { cursor node { email } } pageInfo { hasNextPage endCursor } } }";
    let first = app
        .graphql(Some(&admin), query, json!({ "after": null }))
        .await;
    assert_no_errors(&first);
    assert_eq!(
        first["data"]["companyUsers"]["edges"]
            .as_array()
            .map(Vec::len),
        Some(3)
    );
    assert_eq!(
        first["data"]["companyUsers"]["pageInfo"]["hasNextPage"],
        true
    );
    let cursor = first["data"]["companyUsers"]["pageInfo"]["endCursor"].clone();
    let second = app
        .graphql(Some(&admin), query, json!({ "after": cursor }))
        .await;
    // Galil's five users: three, then two.
    assert_eq!(
        second["data"]["companyUsers"]["edges"]
            .as_array()
            .map(Vec::len),
        Some(2)
    );
    assert_eq!(
        second["data"]["companyUsers"]["pageInfo"]["hasNextPage"],
        false
    );
    let bad_size = app
        .graphql(
            Some(&admin),
            "{ companyUsers(first: 100000) { edges { cursor } } }",
            json!({}),
        )
        .await;
    assert_eq!(error_code(&bad_size), Some("BAD_USER_INPUT"));
    let bad_cursor = app
        .graphql(
            Some(&admin),
            r#"{ companyUsers(after: "not-a-cursor") { edges { cursor } } }"#,
            json!({}),
        )
        .await;
    assert_eq!(error_code(&bad_cursor), Some("BAD_USER_INPUT"));
}
