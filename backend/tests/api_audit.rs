//! The audit log: every audited change writes one entry in its own transaction, with
//! actor, IP and before/after; staff see all of it, company admins their own company's;
//! nothing changes an entry.
#![expect(
    clippy::unwrap_used,
    reason = "helpers that read the log fail the test loudly on an unexpected answer"
)]

mod common;

use common::shop::{company_id, quantity_above, set_available};
use common::two_factor::{enrol, login};
use common::{TestApp, assert_no_errors, error_code};
use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};

const AUDIT: &str = "query($filter: AuditLogFilter, $first: Int, $after: String) { auditLog(filter: $filter, first: $first, after: $after) { edges { cursor node { id at action actorId actorEmail companyId targetType targetId ip requestId before after changes { field before after } } } pageInfo { hasNextPage endCursor } } }";

async fn entries(app: &TestApp, token: &str, filter: Value) -> Vec<Value> {
    let response = app
        .graphql(
            Some(token),
            AUDIT,
            json!({ "filter": filter, "first": 100 }),
        )
        .await;
    assert_no_errors(&response);
    response["data"]["auditLog"]["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|edge| edge["node"].clone())
        .collect()
}

/// The one entry of `action`, after checking there is exactly one.
async fn only(app: &TestApp, staff: &str, action: &str) -> Value {
    let found = entries(app, staff, json!({ "action": action })).await;
    assert_eq!(found.len(), 1, "{action}: {found:?}");
    found[0].clone()
}

fn json_of(text: &Value) -> Value {
    serde_json::from_str(text.as_str().unwrap_or("null")).unwrap()
}

#[tokio::test]
async fn sign_ins_are_logged_with_the_ip_and_failures_with_their_reason() {
    let app = TestApp::spawn().await;
    let failed = app
        .graphql(
            None,
            "mutation { login(email: \"buyer@demo.test\", password: \"wrong-password\") { token } }",
            json!({}),
        )
        .await;
    assert_eq!(error_code(&failed), Some("UNAUTHENTICATED"));
    let staff = app.login("staff@demo.test").await;
    let failure = only(&app, &staff, "LOGIN_FAILED").await;
    assert_eq!(failure["actorEmail"], "buyer@demo.test");
    assert!(failure["actorId"].is_string());
    assert_eq!(failure["ip"], "127.0.0.1");
    assert!(failure["requestId"].is_string());
    assert_eq!(
        json_of(&failure["after"]),
        json!({ "reason": "BAD_CREDENTIALS" })
    );
    // The buyer's company admin sees its user's failed sign-in.
    let admin = app.login("admin@demo.test").await;
    let seen = entries(&app, &admin, json!({ "action": "LOGIN_FAILED" })).await;
    assert_eq!(seen.len(), 1);
    let unknown = app
        .graphql(
            None,
            "mutation { login(email: \"nobody@demo.test\", password: \"whatever-it-is\") { token } }",
            json!({}),
        )
        .await;
    assert_eq!(error_code(&unknown), Some("UNAUTHENTICATED"));
    let by_text = entries(&app, &staff, json!({ "text": "NOBODY@demo" })).await;
    assert_eq!(by_text.len(), 1);
    assert!(by_text[0]["actorId"].is_null());
    let successes = entries(&app, &staff, json!({ "action": "LOGIN_SUCCEEDED" })).await;
    assert_eq!(successes.len(), 2, "staff and admin signed in");
    assert_eq!(
        json_of(&successes[0]["after"]),
        json!({ "secondFactor": "NONE" })
    );
}

#[tokio::test]
async fn behind_a_trusted_proxy_the_log_names_the_forwarded_client() {
    let app = TestApp::spawn_with(|config| {
        config.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
    })
    .await;
    let failed: Value = app
        .client
        .post(app.url("/graphql"))
        .header("x-forwarded-for", "198.51.100.7")
        .json(&json!({ "query": "mutation { login(email: \"buyer@demo.test\", password: \"wrong-password\") { token } }" }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(error_code(&failed), Some("UNAUTHENTICATED"), "{failed}");
    let staff = app.login("staff@demo.test").await;
    assert_eq!(
        only(&app, &staff, "LOGIN_FAILED").await["ip"],
        "198.51.100.7"
    );
    // The staff sign-in came without the header: the proxy's own address.
    let successes = entries(&app, &staff, json!({ "action": "LOGIN_SUCCEEDED" })).await;
    assert_eq!(successes[0]["ip"], "127.0.0.1");
}

#[tokio::test]
async fn user_role_activation_and_limit_changes_are_logged_with_before_and_after() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin@demo.test").await;
    let staff = app.login("staff@demo.test").await;
    let viewer_id = app
        .graphql(
            Some(&app.login("viewer@demo.test").await),
            "{ me { id } }",
            json!({}),
        )
        .await["data"]["me"]["id"]
        .clone();
    let updated = app
        .graphql(
            Some(&admin),
            "mutation($id: ID!) { updateCompanyUser(id: $id, input: { role: BUYER, active: false }) { role active } }",
            json!({ "id": viewer_id }),
        )
        .await;
    assert_no_errors(&updated);
    let entry = only(&app, &staff, "USER_UPDATED").await;
    assert_eq!(entry["targetType"], "user");
    assert_eq!(entry["targetId"], viewer_id);
    assert_eq!(entry["actorEmail"], "admin@demo.test");
    assert_eq!(
        json_of(&entry["before"]),
        json!({ "role": "VIEWER", "active": true })
    );
    assert_eq!(
        json_of(&entry["after"]),
        json!({ "role": "BUYER", "active": false })
    );
    assert_eq!(
        entry["changes"][0],
        json!({ "field": "active", "before": "true", "after": "false" })
    );

    let created = app
        .graphql(
            Some(&admin),
            "mutation { createCompanyUser(input: { email: \"new@demo.test\", name: \"New\", role: APPROVER, password: \"a-long-password\" }) { id } }",
            json!({}),
        )
        .await;
    assert_no_errors(&created);
    let entry = only(&app, &staff, "USER_CREATED").await;
    assert_eq!(json_of(&entry["after"])["role"], "APPROVER");

    // A refused change writes nothing.
    let refused = app
        .graphql(
            Some(&admin),
            "mutation($id: ID!) { setUserLimits(userId: $id, approvalLimit: \"-5\") { approvalLimit } }",
            json!({ "id": viewer_id }),
        )
        .await;
    assert_eq!(error_code(&refused), Some("BAD_USER_INPUT"));
    assert!(
        entries(&app, &staff, json!({ "action": "USER_LIMITS_CHANGED" }))
            .await
            .is_empty()
    );
    let limited = app
        .graphql(
            Some(&admin),
            "mutation($id: ID!) { setUserLimits(userId: $id, approvalLimit: \"6000\") { approvalLimit } }",
            json!({ "id": viewer_id }),
        )
        .await;
    assert_no_errors(&limited);
    let entry = only(&app, &staff, "USER_LIMITS_CHANGED").await;
    assert_eq!(json_of(&entry["before"])["approvalLimit"], Value::Null);
    assert_eq!(json_of(&entry["after"])["approvalLimit"], "6000");

    let rules = app
        .graphql(Some(&admin), "mutation { setApprovalRules(autoApprovalLimit: \"7000\", dualApprovalLimit: \"30000\") { autoApprovalLimit } }", json!({}))
        .await;
    assert_no_errors(&rules);
    let entry = only(&app, &staff, "APPROVAL_RULES_CHANGED").await;
    assert_eq!(json_of(&entry["before"])["autoApprovalLimit"], "5000");
    assert_eq!(json_of(&entry["after"])["autoApprovalLimit"], "7000");
}

#[tokio::test]
async fn price_pricing_and_credit_limit_changes_are_logged() {
    let app = TestApp::spawn().await;
    let staff = app.login("staff@demo.test").await;
    let list = app
        .graphql(
            Some(&staff),
            "mutation { createPriceList(name: \"Audit list\") { id } }",
            json!({}),
        )
        .await;
    assert_no_errors(&list);
    let list_id = list["data"]["createPriceList"]["id"].clone();
    assert_eq!(
        json_of(&only(&app, &staff, "PRICE_LIST_CREATED").await["after"]),
        json!({ "name": "Audit list" })
    );
    let set = app
        .graphql(
            Some(&staff),
            "mutation($list: ID!) { setPrice(input: { priceListId: $list, sku: \"PT-101\", unitPrice: \"12.50\", tiers: [{ minQuantity: 10, unitPrice: \"11\" }] }) }",
            json!({ "list": list_id }),
        )
        .await;
    assert_no_errors(&set);
    let entry = only(&app, &staff, "PRICE_SET").await;
    assert_eq!(json_of(&entry["before"])["price"], Value::Null);
    assert_eq!(
        json_of(&entry["after"])["price"],
        json!({ "unitPrice": "12.5", "tiers": [{ "minQuantity": 10, "unitPrice": "11" }] })
    );
    let removed = app
        .graphql(
            Some(&staff),
            "mutation($list: ID!) { removePrice(priceListId: $list, sku: \"PT-101\") }",
            json!({ "list": list_id }),
        )
        .await;
    assert_no_errors(&removed);
    let entry = only(&app, &staff, "PRICE_REMOVED").await;
    assert_eq!(json_of(&entry["before"])["price"]["unitPrice"], "12.5");
    assert_eq!(json_of(&entry["after"])["price"], Value::Null);

    let negev = company_id(&app, &staff, "Negev Builders Ltd").await;
    let pricing = app
        .graphql(
            Some(&staff),
            "mutation($company: ID!, $list: ID) { setCompanyPricing(companyId: $company, priceListId: $list, discountPercent: \"2.5\") }",
            json!({ "company": negev, "list": list_id }),
        )
        .await;
    assert_no_errors(&pricing);
    let entry = only(&app, &staff, "COMPANY_PRICING_CHANGED").await;
    assert_eq!(entry["companyId"], negev);
    assert_eq!(json_of(&entry["after"])["discountPercent"], "2.5");

    let limit = app
        .graphql(
            Some(&staff),
            "mutation($company: ID!) { setCreditLimit(companyId: $company, creditLimit: \"123456.78\") }",
            json!({ "company": negev }),
        )
        .await;
    assert_no_errors(&limit);
    assert_eq!(limit["data"]["setCreditLimit"], "123456.78");
    let entry = only(&app, &staff, "CREDIT_LIMIT_CHANGED").await;
    assert_eq!(
        json_of(&entry["after"]),
        json!({ "creditLimit": "123456.78" })
    );
    assert!(json_of(&entry["before"])["creditLimit"].is_string());

    // Galil's admin sees none of Negev's entries, even when it asks for them.
    let admin = app.login("admin@demo.test").await;
    let own = entries(&app, &admin, json!({})).await;
    assert!(
        own.iter().all(|entry| entry["companyId"] != negev),
        "{own:?}"
    );
    assert!(!own.is_empty());
    assert!(
        entries(&app, &admin, json!({ "company": negev }))
            .await
            .is_empty()
    );
    assert_eq!(
        entries(&app, &staff, json!({ "company": negev }))
            .await
            .len(),
        2
    );
    let buyer = app.login("buyer@demo.test").await;
    let forbidden = app.graphql(Some(&buyer), AUDIT, json!({})).await;
    assert_eq!(error_code(&forbidden), Some("FORBIDDEN"));
    let anonymous = app.graphql(None, AUDIT, json!({})).await;
    assert_eq!(error_code(&anonymous), Some("UNAUTHENTICATED"));
}

#[tokio::test]
async fn base_prices_changed_by_a_catalog_import_are_logged_per_product() {
    const IMPORT: &str = "mutation($csv: String!, $dryRun: Boolean!) { importCatalogCsv(csv: $csv, dryRun: $dryRun) { applied errorCount } }";
    let app = TestApp::spawn().await;
    let staff = app.login("staff@demo.test").await;
    let import = |prices: [&str; 2], dry_run: bool| {
        let csv = format!(
            "sku,name_he,name_en,category,unit,base_price\n\
             PT-101,מוצר,Product,Screws,box,{}\n\
             AUDIT-NEW-1,חדש,New,Screws,box,{}\n",
            prices[0], prices[1]
        );
        let app = &app;
        let staff = staff.clone();
        async move {
            let response = app
                .graphql(
                    Some(&staff),
                    IMPORT,
                    json!({ "csv": csv, "dryRun": dry_run }),
                )
                .await;
            assert_no_errors(&response);
            assert_eq!(
                response["data"]["importCatalogCsv"]["errorCount"], 0,
                "{response}"
            );
        }
    };
    let price_entries = |sku: &'static str| {
        let app = &app;
        let staff = staff.clone();
        async move {
            entries(app, &staff, json!({ "action": "PRICE_SET" }))
                .await
                .into_iter()
                .filter(|entry| json_of(&entry["after"])["sku"] == sku)
                .collect::<Vec<_>>()
        }
    };
    import(["50.00", "5.00"], true).await;
    assert!(
        price_entries("PT-101").await.is_empty(),
        "a dry run logged a price"
    );
    import(["50.00", "5.00"], false).await;
    let created = price_entries("AUDIT-NEW-1").await;
    assert_eq!(created.len(), 1, "{created:?}");
    assert_eq!(json_of(&created[0]["before"])["price"], Value::Null);
    assert_eq!(json_of(&created[0]["after"])["price"]["unitPrice"], "5");
    assert_eq!(created[0]["actorEmail"], "staff@demo.test");
    // Again with one price changed and one the same: one more entry, for the change.
    import(["99.90", "5.00"], false).await;
    assert_eq!(
        price_entries("AUDIT-NEW-1").await.len(),
        1,
        "an unchanged price was logged"
    );
    let changed = price_entries("PT-101").await;
    assert_eq!(changed.len(), 2, "{changed:?}");
    let newest = &changed[0];
    assert_eq!(json_of(&newest["before"])["price"]["unitPrice"], "50");
    assert_eq!(json_of(&newest["after"])["price"]["unitPrice"], "99.9");
}

#[tokio::test]
async fn approvals_rejections_and_two_factor_changes_are_logged() {
    let app = TestApp::spawn().await;
    let buyer = app.login("buyer@demo.test").await;
    let approver = app.login("approver@demo.test").await;
    let staff = app.login("staff@demo.test").await;
    set_available(&app, &staff, "PT-101", 1000).await;
    let quantity = quantity_above(&app, &buyer, "PT-101", 5_000.0).await;
    let place = "mutation($qty: Int!) { placeOrder(input: { lines: [{ sku: \"PT-101\", quantity: $qty }] }) { id number status } }";
    let mut numbers = Vec::new();
    for _ in 0..2 {
        let placed = app
            .graphql(Some(&buyer), place, json!({ "qty": quantity }))
            .await;
        assert_eq!(
            placed["data"]["placeOrder"]["status"], "PENDING_APPROVAL",
            "{placed}"
        );
        numbers.push(placed["data"]["placeOrder"].clone());
    }
    let approved = app
        .graphql(
            Some(&approver),
            "mutation($id: ID!) { approveOrder(id: $id, comment: \"fine\") { status } }",
            json!({ "id": numbers[0]["id"] }),
        )
        .await;
    assert_no_errors(&approved);
    let rejected = app
        .graphql(
            Some(&approver),
            "mutation($id: ID!) { rejectOrder(id: $id, reason: \"too much\") { status } }",
            json!({ "id": numbers[1]["id"] }),
        )
        .await;
    assert_no_errors(&rejected);
    let entry = only(&app, &staff, "ORDER_APPROVED").await;
    assert_eq!(entry["targetId"], numbers[0]["number"]);
    assert_eq!(
        json_of(&entry["before"]),
        json!({ "status": "PENDING_APPROVAL" })
    );
    assert_eq!(
        json_of(&entry["after"]),
        json!({ "status": "SUBMITTED", "comment": "fine" })
    );
    let entry = only(&app, &staff, "ORDER_REJECTED").await;
    assert_eq!(
        json_of(&entry["after"]),
        json!({ "status": "REJECTED", "comment": "too much" })
    );

    let (_, codes) = enrol(&app, &buyer).await;
    let enabled = only(&app, &staff, "TOTP_ENABLED").await;
    assert_eq!(enabled["actorEmail"], "buyer@demo.test");
    // A sign-in with a recovery code says so; the code itself is never logged.
    assert_no_errors(&login(&app, "buyer@demo.test", Some(&codes[0])).await);
    let last = entries(
        &app,
        &staff,
        json!({ "action": "LOGIN_SUCCEEDED", "actor": "buyer@" }),
    )
    .await;
    assert_eq!(
        json_of(&last[0]["after"]),
        json!({ "secondFactor": "RECOVERY_CODE" })
    );
    assert!(
        entries(&app, &staff, json!({ "text": &codes[1] }))
            .await
            .is_empty()
    );
    let off = app
        .graphql(
            Some(&buyer),
            "mutation { disableTotp(codeOrPassword: \"demo-password\") { enabled } }",
            json!({}),
        )
        .await;
    assert_no_errors(&off);
    only(&app, &staff, "TOTP_DISABLED").await;
}

#[tokio::test]
async fn the_log_pages_newest_first_and_filters_by_date() {
    let app = TestApp::spawn().await;
    let staff = app.login("staff@demo.test").await;
    for _ in 0..3 {
        app.login("buyer@demo.test").await;
    }
    let first = app
        .graphql(Some(&staff), AUDIT, json!({ "first": 2 }))
        .await;
    assert_no_errors(&first);
    let page = &first["data"]["auditLog"];
    assert_eq!(page["pageInfo"]["hasNextPage"], true);
    let ids: Vec<i64> = page["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|edge| edge["node"]["id"].as_str().unwrap().parse().unwrap())
        .collect();
    assert!(ids[0] > ids[1]);
    let rest = app
        .graphql(
            Some(&staff),
            AUDIT,
            json!({ "first": 50, "after": page["pageInfo"]["endCursor"] }),
        )
        .await;
    assert_eq!(
        rest["data"]["auditLog"]["edges"].as_array().map(Vec::len),
        Some(2)
    );
    let today = chrono::Utc::now().date_naive();
    let yesterday = today.pred_opt().unwrap();
    assert_eq!(
        entries(&app, &staff, json!({ "from": today.to_string() }))
            .await
            .len(),
        4
    );
    assert!(
        entries(&app, &staff, json!({ "to": yesterday.to_string() }))
            .await
            .is_empty()
    );
    let backwards = app
        .graphql(
            Some(&staff),
            AUDIT,
            json!({ "filter": { "from": today.to_string(), "to": yesterday.to_string() } }),
        )
        .await;
    assert_eq!(error_code(&backwards), Some("BAD_USER_INPUT"));
}

#[tokio::test]
async fn no_statement_and_no_mutation_can_change_an_entry() {
    let app = TestApp::spawn().await;
    app.login("buyer@demo.test").await;
    let backend = app.db.get_database_backend();
    for sql in [
        "UPDATE audit_log SET action = 'LOGIN_FAILED'",
        "DELETE FROM audit_log",
    ] {
        let result = app
            .db
            .execute_raw(Statement::from_string(backend, sql))
            .await;
        assert!(result.is_err(), "{sql} was allowed");
    }
    let staff = app.login("staff@demo.test").await;
    assert_eq!(
        entries(&app, &staff, json!({ "action": "LOGIN_SUCCEEDED" }))
            .await
            .len(),
        2
    );
    // The API has no way to write the log other than the changes it records.
    let schema = app
        .graphql(
            None,
            "{ __schema { mutationType { fields { name } } } }",
            json!({}),
        )
        .await;
    let names: Vec<&str> = schema["data"]["__schema"]["mutationType"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|field| field["name"].as_str())
        .collect();
    assert!(names.contains(&"login"));
    assert!(
        names
            .iter()
            .all(|name| !name.to_lowercase().contains("audit")),
        "{names:?}"
    );
}
