//! Company onboarding: staff create and edit companies (validated, audited, unique
//! names), suspend and reinstate them (a suspended company reads but never orders), and
//! invite users by e-mail; company admins invite into their own company only; an
//! invitation link works once, within 7 days, unless revoked, and signs its user in.
#![expect(
    clippy::expect_used,
    reason = "helpers that read the database fail the test loudly"
)]

mod common;

use backend::entities::invitation;
use common::shop::{company_id, quantity_above, set_available};
use common::{TestApp, assert_no_errors, error_code};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

const COMPANY_FIELDS: &str = "id name vatNumber currency paymentTerms paymentTermsKind paymentDays creditLimit priceListId discountPercent active suspended suspendedReason";
const INVITE: &str = "mutation($company: ID!, $email: String!, $name: String!, $role: Role!) { inviteCompanyUser(companyId: $company, email: $email, name: $name, role: $role) { id email name role status } }";
const ACCEPT: &str = "mutation($token: String!, $name: String!, $password: String!) { acceptInvitation(token: $token, name: $name, password: $password) { token user { email name role company { id name } } } }";
const INVITATIONS: &str = "query($company: ID!) { invitations(companyId: $company, first: 50) { nodes { id email role status } } }";
const REVOKE: &str = "mutation($id: ID!) { revokeInvitation(id: $id) { id status } }";
const PLACE: &str =
    "mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id status } }";
const PASSWORD: &str = "copper kettle morning tide";

fn company_input(name: &str) -> Value {
    json!({
        "name": name,
        "vatNumber": "516000033",
        "paymentTerms": "END_OF_MONTH",
        "paymentDays": 30,
        "creditLimit": "150000",
        "discountPercent": "2.5",
    })
}

async fn create_company(app: &TestApp, staff: &str, input: Value) -> Value {
    app.graphql(
        Some(staff),
        &format!("mutation($input: CompanyInput!) {{ createCompany(input: $input) {{ {COMPANY_FIELDS} }} }}"),
        json!({ "input": input }),
    )
    .await
}

async fn update_company(app: &TestApp, staff: &str, id: &str, input: Value) -> Value {
    app.graphql(
        Some(staff),
        &format!("mutation($id: ID!, $input: CompanyInput!) {{ updateCompany(id: $id, input: $input) {{ {COMPANY_FIELDS} }} }}"),
        json!({ "id": id, "input": input }),
    )
    .await
}

async fn audit(app: &TestApp, staff: &str, action: &str) -> Vec<Value> {
    let response = app
        .graphql(
            Some(staff),
            "query($filter: AuditLogFilter) { auditLog(filter: $filter, first: 100) { nodes { action companyId targetId before after } } }",
            json!({ "filter": { "action": action } }),
        )
        .await;
    assert_no_errors(&response);
    response["data"]["auditLog"]["nodes"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn json_of(text: &Value) -> Value {
    serde_json::from_str(text.as_str().unwrap_or("null")).unwrap_or(Value::Null)
}

async fn company_count(app: &TestApp) -> u64 {
    backend::entities::company::Entity::find()
        .count(&app.db)
        .await
        .expect("count companies")
}

async fn invite(app: &TestApp, token: &str, company: &str, email: &str, role: &str) -> Value {
    app.graphql(
        Some(token),
        INVITE,
        json!({ "company": company, "email": email, "name": "Dana Levi", "role": role }),
    )
    .await
}

async fn accept(app: &TestApp, token: &str, password: &str) -> Value {
    app.graphql(
        None,
        ACCEPT,
        json!({ "token": token, "name": "Dana Levi", "password": password }),
    )
    .await
}

fn reason(response: &Value) -> Option<&str> {
    response["errors"][0]["extensions"]["reason"].as_str()
}

#[tokio::test]
async fn staff_create_a_company_with_its_terms_and_the_creation_is_audited() {
    let app = TestApp::spawn().await;
    let staff = app.login("staff@demo.test").await;
    let created = create_company(&app, &staff, company_input("Carmel Supply Ltd")).await;
    assert_no_errors(&created);
    let company = &created["data"]["createCompany"];
    assert_eq!(company["name"], "Carmel Supply Ltd");
    assert_eq!(company["vatNumber"], "516000033");
    assert_eq!(company["currency"], "ILS");
    assert_eq!(company["paymentTerms"], "EOM+30");
    assert_eq!(company["creditLimit"], "150000.00");
    assert_eq!(company["discountPercent"], "2.5");
    assert_eq!(company["suspended"], false);
    let entries = audit(&app, &staff, "COMPANY_CREATED").await;
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["companyId"], company["id"]);
    let after = json_of(&entries[0]["after"]);
    assert_eq!(after["name"], "Carmel Supply Ltd");
    assert_eq!(after["paymentTerms"], "EOM+30");
    assert_eq!(after["creditLimit"], "150000");
}

#[tokio::test]
async fn bad_company_input_is_refused_in_words_and_nothing_is_written() {
    let app = TestApp::spawn().await;
    let staff = app.login("staff@demo.test").await;
    let before = company_count(&app).await;
    let mut cases = Vec::new();
    for (field, value) in [
        ("vatNumber", json!("12345678")),
        ("vatNumber", json!("1234567890")),
        ("vatNumber", json!("51600003x")),
        ("name", json!("   ")),
        ("currency", json!("USD")),
        ("paymentDays", json!(400)),
        ("paymentDays", json!(-1)),
        ("creditLimit", json!("-5")),
        ("discountPercent", json!("101")),
    ] {
        let mut input = company_input("Bad Input Ltd");
        input[field] = value.clone();
        cases.push((field, value, input));
    }
    for (field, value, input) in cases {
        let response = create_company(&app, &staff, input).await;
        assert_eq!(
            error_code(&response),
            Some("BAD_USER_INPUT"),
            "{field} = {value}: {response}"
        );
    }
    let nine = create_company(&app, &staff, {
        let mut input = company_input("Bad Input Ltd");
        input["vatNumber"] = json!("12345678");
        input
    })
    .await;
    assert!(
        nine["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("9 digits"),
        "{nine}"
    );
    let unknown_list = create_company(&app, &staff, {
        let mut input = company_input("Bad Input Ltd");
        input["priceListId"] = json!("99999");
        input
    })
    .await;
    assert_eq!(error_code(&unknown_list), Some("NOT_FOUND"));
    assert_eq!(company_count(&app).await, before);
    assert!(audit(&app, &staff, "COMPANY_CREATED").await.is_empty());
}

#[tokio::test]
async fn a_company_name_taken_in_any_case_is_a_conflict_on_create_and_update() {
    let app = TestApp::spawn().await;
    let staff = app.login("staff@demo.test").await;
    let duplicate = create_company(&app, &staff, company_input("galil hardware LTD")).await;
    assert_eq!(error_code(&duplicate), Some("CONFLICT"), "{duplicate}");
    let created = create_company(&app, &staff, company_input("Carmel Supply Ltd")).await;
    assert_no_errors(&created);
    let id = created["data"]["createCompany"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let renamed = update_company(&app, &staff, &id, company_input("Negev Builders Ltd")).await;
    assert_eq!(error_code(&renamed), Some("CONFLICT"), "{renamed}");
    // Its own name is not a conflict.
    let same = update_company(&app, &staff, &id, company_input("Carmel Supply Ltd")).await;
    assert_no_errors(&same);
}

#[tokio::test]
async fn an_update_changes_the_terms_and_audits_only_the_fields_that_changed() {
    let app = TestApp::spawn().await;
    let staff = app.login("staff@demo.test").await;
    let negev = company_id(&app, &staff, "Negev Builders Ltd").await;
    let lists = app
        .graphql(Some(&staff), "{ priceLists { id name } }", json!({}))
        .await;
    let list = lists["data"]["priceLists"][0]["id"].clone();
    let mut input = company_input("Negev Builders Ltd");
    input["vatNumber"] = json!("515000025");
    input["paymentTerms"] = json!("NET");
    input["paymentDays"] = json!(45);
    input["priceListId"] = list.clone();
    let updated = update_company(&app, &staff, &negev, input).await;
    assert_no_errors(&updated);
    let company = &updated["data"]["updateCompany"];
    assert_eq!(company["paymentTerms"], "NET 45");
    assert_eq!(company["paymentTermsKind"], "NET");
    assert_eq!(company["priceListId"], list);
    let entries = audit(&app, &staff, "COMPANY_UPDATED").await;
    assert_eq!(entries.len(), 1, "{entries:?}");
    let (before, after) = (
        json_of(&entries[0]["before"]),
        json_of(&entries[0]["after"]),
    );
    assert_eq!(after["paymentTerms"], "NET 45");
    assert!(before["paymentTerms"].is_string());
    assert!(
        after.get("name").is_none(),
        "unchanged fields are left out: {after}"
    );
    assert!(after.get("vatNumber").is_none(), "{after}");
    let unknown = update_company(&app, &staff, "99999", company_input("Nobody Ltd")).await;
    assert_eq!(error_code(&unknown), Some("NOT_FOUND"));
}

#[tokio::test]
async fn a_suspended_company_reads_everything_but_cannot_place_or_approve_orders() {
    let app = TestApp::spawn().await;
    let staff = app.login("staff@demo.test").await;
    let buyer = app.login("buyer@demo.test").await;
    let approver = app.login("approver@demo.test").await;
    let galil = company_id(&app, &staff, "Galil Hardware Ltd").await;
    set_available(&app, &staff, "PT-310", 1000).await;
    // An order waiting for approval, placed before the suspension.
    let quantity = quantity_above(&app, &buyer, "PT-310", 6_000.0).await;
    let pending = app
        .graphql(
            Some(&buyer),
            PLACE,
            json!({ "input": { "lines": [{ "sku": "PT-310", "quantity": quantity }] } }),
        )
        .await;
    assert_no_errors(&pending);
    assert_eq!(pending["data"]["placeOrder"]["status"], "PENDING_APPROVAL");
    let pending_id = pending["data"]["placeOrder"]["id"].clone();

    let suspended = app
        .graphql(
            Some(&staff),
            "mutation($id: ID!) { suspendCompany(id: $id, reason: \"Overdue invoices\") { suspended suspendedReason } }",
            json!({ "id": galil }),
        )
        .await;
    assert_no_errors(&suspended);
    assert_eq!(suspended["data"]["suspendCompany"]["suspended"], true);

    // Reading works: the banner's facts, the catalog, orders, invoices, the ledger.
    let read = app
        .graphql(
            Some(&buyer),
            "{ me { company { suspended suspendedReason } } products(first: 1) { nodes { sku } } orders(first: 1) { nodes { id } } invoices(first: 1) { nodes { id } } ledger { balance } }",
            json!({}),
        )
        .await;
    assert_no_errors(&read);
    assert_eq!(read["data"]["me"]["company"]["suspended"], true);
    assert_eq!(
        read["data"]["me"]["company"]["suspendedReason"],
        "Overdue invoices"
    );
    // A fresh sign-in works too.
    app.login("viewer@demo.test").await;

    let line = json!({ "input": { "lines": [{ "sku": "PT-310", "quantity": 1 }] } });
    let placed = app.graphql(Some(&buyer), PLACE, line.clone()).await;
    assert_eq!(error_code(&placed), Some("FORBIDDEN"), "{placed}");
    assert_eq!(reason(&placed), Some("COMPANY_SUSPENDED"));
    let approved = app
        .graphql(
            Some(&approver),
            "mutation($id: ID!) { approveOrder(id: $id) { status } }",
            json!({ "id": pending_id }),
        )
        .await;
    assert_eq!(error_code(&approved), Some("FORBIDDEN"), "{approved}");
    assert_eq!(reason(&approved), Some("COMPANY_SUSPENDED"));
    let entered = app
        .graphql(
            Some(&staff),
            "mutation($company: ID!, $input: PlaceOrderInput!) { placeOrderFor(companyId: $company, channel: PHONE, input: $input) { id } }",
            json!({ "company": galil, "input": line["input"] }),
        )
        .await;
    assert_eq!(error_code(&entered), Some("FORBIDDEN"), "{entered}");
    assert_eq!(reason(&entered), Some("COMPANY_SUSPENDED"));
    let again = app
        .graphql(
            Some(&staff),
            "mutation($id: ID!) { suspendCompany(id: $id, reason: \"Again\") { id } }",
            json!({ "id": galil }),
        )
        .await;
    assert_eq!(error_code(&again), Some("CONFLICT"));

    let reinstated = app
        .graphql(
            Some(&staff),
            "mutation($id: ID!) { reinstateCompany(id: $id) { suspended suspendedReason } }",
            json!({ "id": galil }),
        )
        .await;
    assert_no_errors(&reinstated);
    assert_eq!(
        reinstated["data"]["reinstateCompany"]["suspendedReason"],
        Value::Null
    );
    assert_no_errors(&app.graphql(Some(&buyer), PLACE, line).await);
    let approved = app
        .graphql(
            Some(&approver),
            "mutation($id: ID!) { approveOrder(id: $id) { status } }",
            json!({ "id": pending_id }),
        )
        .await;
    assert_no_errors(&approved);
    let suspensions = audit(&app, &staff, "COMPANY_SUSPENDED").await;
    assert_eq!(suspensions.len(), 1);
    assert_eq!(
        json_of(&suspensions[0]["after"])["reason"],
        "Overdue invoices"
    );
    assert_eq!(audit(&app, &staff, "COMPANY_REINSTATED").await.len(), 1);
}

#[tokio::test]
async fn a_suspension_needs_a_reason() {
    let app = TestApp::spawn().await;
    let staff = app.login("staff@demo.test").await;
    let galil = company_id(&app, &staff, "Galil Hardware Ltd").await;
    let response = app
        .graphql(
            Some(&staff),
            "mutation($id: ID!) { suspendCompany(id: $id, reason: \"  \") { id } }",
            json!({ "id": galil }),
        )
        .await;
    assert_eq!(error_code(&response), Some("BAD_USER_INPUT"));
    let not_suspended = app
        .graphql(
            Some(&staff),
            "mutation($id: ID!) { reinstateCompany(id: $id) { id } }",
            json!({ "id": galil }),
        )
        .await;
    assert_eq!(error_code(&not_suspended), Some("CONFLICT"));
}

#[tokio::test]
async fn staff_invite_a_first_admin_who_accepts_the_mailed_link_once_and_is_signed_in() {
    let app = TestApp::spawn().await;
    let staff = app.login("staff@demo.test").await;
    let created = create_company(&app, &staff, company_input("Carmel Supply Ltd")).await;
    let company = created["data"]["createCompany"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let invited = invite(&app, &staff, &company, "dana@carmel.test", "COMPANY_ADMIN").await;
    assert_no_errors(&invited);
    assert_eq!(invited["data"]["inviteCompanyUser"]["status"], "PENDING");

    let token = app.invitation_token_from_outbox("dana@carmel.test").await;
    // The table keeps only the token's SHA-256.
    let row = invitation::Entity::find()
        .filter(invitation::Column::Email.eq("dana@carmel.test"))
        .one(&app.db)
        .await
        .expect("read")
        .expect("the invitation");
    assert_ne!(row.token_hash, token);
    assert_eq!(row.token_hash.len(), 64);
    assert_eq!(audit(&app, &staff, "USER_INVITED").await.len(), 1);

    let response = app
        .client
        .post(app.url("/graphql"))
        .json(&json!({ "query": ACCEPT, "variables": { "token": token, "name": "Dana Levi", "password": PASSWORD } }))
        .send()
        .await
        .expect("the server answers");
    assert!(
        common::sessions::refresh_cookie(&response).is_some(),
        "signed in like login: the refresh cookie is set"
    );
    let accepted: Value = response.json().await.expect("JSON");
    assert_no_errors(&accepted);
    let user = &accepted["data"]["acceptInvitation"]["user"];
    assert_eq!(user["email"], "dana@carmel.test");
    assert_eq!(user["role"], "COMPANY_ADMIN");
    assert_eq!(user["company"]["name"], "Carmel Supply Ltd");
    let session = accepted["data"]["acceptInvitation"]["token"]
        .as_str()
        .unwrap_or_default();
    let me = app
        .graphql(Some(session), "{ me { email name } }", json!({}))
        .await;
    assert_eq!(me["data"]["me"]["name"], "Dana Levi");
    app.login_with("dana@carmel.test", PASSWORD).await;

    let again = accept(&app, &token, PASSWORD).await;
    assert_eq!(
        error_code(&again),
        Some("BAD_USER_INPUT"),
        "single use: {again}"
    );
    let listed = app
        .graphql(Some(&staff), INVITATIONS, json!({ "company": company }))
        .await;
    assert_eq!(
        listed["data"]["invitations"]["nodes"][0]["status"],
        "ACCEPTED"
    );
    assert_eq!(audit(&app, &staff, "INVITATION_ACCEPTED").await.len(), 1);
}

#[tokio::test]
async fn a_company_admin_invites_lists_and_revokes_only_in_its_own_company() {
    let app = TestApp::spawn().await;
    let staff = app.login("staff@demo.test").await;
    let admin = app.login("admin@demo.test").await;
    let galil = company_id(&app, &staff, "Galil Hardware Ltd").await;
    let negev = company_id(&app, &staff, "Negev Builders Ltd").await;
    let own = invite(&app, &admin, &galil, "new.buyer@galil.test", "BUYER").await;
    assert_no_errors(&own);
    let other = invite(&app, &admin, &negev, "spy@negev.test", "COMPANY_ADMIN").await;
    assert_eq!(error_code(&other), Some("NOT_FOUND"), "{other}");
    let listed = app
        .graphql(Some(&admin), INVITATIONS, json!({ "company": negev }))
        .await;
    assert_eq!(error_code(&listed), Some("NOT_FOUND"));
    let negev_invitation = invite(&app, &staff, &negev, "site@negev.test", "BUYER").await;
    assert_no_errors(&negev_invitation);
    let revoked = app
        .graphql(
            Some(&admin),
            REVOKE,
            json!({ "id": negev_invitation["data"]["inviteCompanyUser"]["id"] }),
        )
        .await;
    assert_eq!(error_code(&revoked), Some("NOT_FOUND"));
    let own_list = app
        .graphql(Some(&admin), INVITATIONS, json!({ "company": galil }))
        .await;
    assert_no_errors(&own_list);
    let emails: Vec<&str> = own_list["data"]["invitations"]["nodes"]
        .as_array()
        .map(|nodes| {
            nodes
                .iter()
                .filter_map(|node| node["email"].as_str())
                .collect()
        })
        .unwrap_or_default();
    assert!(emails.contains(&"new.buyer@galil.test"), "{emails:?}");
    assert!(!emails.contains(&"site@negev.test"), "{emails:?}");
}

#[tokio::test]
async fn a_revoked_invitation_link_no_longer_works() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin@demo.test").await;
    let staff = app.login("staff@demo.test").await;
    let galil = company_id(&app, &staff, "Galil Hardware Ltd").await;
    let invited = invite(&app, &admin, &galil, "late@galil.test", "VIEWER").await;
    let token = app.invitation_token_from_outbox("late@galil.test").await;
    let revoked = app
        .graphql(
            Some(&admin),
            REVOKE,
            json!({ "id": invited["data"]["inviteCompanyUser"]["id"] }),
        )
        .await;
    assert_no_errors(&revoked);
    assert_eq!(revoked["data"]["revokeInvitation"]["status"], "REVOKED");
    let accepted = accept(&app, &token, PASSWORD).await;
    assert_eq!(error_code(&accepted), Some("BAD_USER_INPUT"));
    assert!(
        accepted["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("withdrawn")
    );
    let twice = app
        .graphql(
            Some(&admin),
            REVOKE,
            json!({ "id": invited["data"]["inviteCompanyUser"]["id"] }),
        )
        .await;
    assert_eq!(error_code(&twice), Some("CONFLICT"));
    // A new invitation of the same e-mail is possible once the old one is revoked.
    assert_no_errors(&invite(&app, &admin, &galil, "late@galil.test", "VIEWER").await);
}

#[tokio::test]
async fn an_expired_invitation_link_no_longer_works() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin@demo.test").await;
    let staff = app.login("staff@demo.test").await;
    let galil = company_id(&app, &staff, "Galil Hardware Ltd").await;
    assert_no_errors(&invite(&app, &admin, &galil, "slow@galil.test", "BUYER").await);
    let token = app.invitation_token_from_outbox("slow@galil.test").await;
    invitation::Entity::update_many()
        .col_expr(
            invitation::Column::ExpiresAt,
            Expr::value(chrono::Utc::now() - chrono::Duration::minutes(1)),
        )
        .exec(&app.db)
        .await
        .expect("age the invitation");
    let accepted = accept(&app, &token, PASSWORD).await;
    assert_eq!(error_code(&accepted), Some("BAD_USER_INPUT"));
    assert!(
        accepted["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("expired")
    );
    let listed = app
        .graphql(Some(&admin), INVITATIONS, json!({ "company": galil }))
        .await;
    assert_eq!(
        listed["data"]["invitations"]["nodes"][0]["status"],
        "EXPIRED"
    );
    let made_up = accept(&app, "made-up-token", PASSWORD).await;
    assert_eq!(error_code(&made_up), Some("BAD_USER_INPUT"));
}

#[tokio::test]
async fn accepting_applies_the_password_policy_and_writes_nothing_when_refused() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin@demo.test").await;
    let staff = app.login("staff@demo.test").await;
    let galil = company_id(&app, &staff, "Galil Hardware Ltd").await;
    assert_no_errors(&invite(&app, &admin, &galil, "weak@galil.test", "APPROVER").await);
    let token = app.invitation_token_from_outbox("weak@galil.test").await;
    for weak in ["short", "weak@galil.test", "password123"] {
        let refused = accept(&app, &token, weak).await;
        assert_eq!(
            error_code(&refused),
            Some("BAD_USER_INPUT"),
            "{weak}: {refused}"
        );
    }
    let users = backend::entities::user::Entity::find()
        .filter(backend::entities::user::Column::Email.eq("weak@galil.test"))
        .count(&app.db)
        .await
        .expect("count");
    assert_eq!(users, 0);
    // The link still works after the refusals.
    let accepted = accept(&app, &token, PASSWORD).await;
    assert_no_errors(&accepted);
    assert_eq!(
        accepted["data"]["acceptInvitation"]["user"]["role"],
        "APPROVER"
    );
}

#[tokio::test]
async fn an_email_that_has_a_user_or_a_pending_invitation_is_a_conflict() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin@demo.test").await;
    let staff = app.login("staff@demo.test").await;
    let galil = company_id(&app, &staff, "Galil Hardware Ltd").await;
    let existing = invite(&app, &admin, &galil, "buyer@other.test", "BUYER").await;
    assert_eq!(error_code(&existing), Some("CONFLICT"), "{existing}");
    assert_no_errors(&invite(&app, &admin, &galil, "twice@galil.test", "BUYER").await);
    let twice = invite(&app, &admin, &galil, "twice@galil.test", "VIEWER").await;
    assert_eq!(error_code(&twice), Some("CONFLICT"));
    // The e-mail got a user another way before the link was used.
    let token = app.invitation_token_from_outbox("twice@galil.test").await;
    let created = app
        .graphql(
            Some(&admin),
            "mutation { createCompanyUser(input: { email: \"twice@galil.test\", name: \"Twice\", role: VIEWER, password: \"copper kettle morning tide\" }) { id } }",
            json!({}),
        )
        .await;
    assert_no_errors(&created);
    let accepted = accept(&app, &token, PASSWORD).await;
    assert_eq!(error_code(&accepted), Some("CONFLICT"), "{accepted}");
    let staff_role = invite(&app, &admin, &galil, "boss@galil.test", "SUPPLIER_STAFF").await;
    assert_eq!(error_code(&staff_role), Some("BAD_USER_INPUT"));
    let bad_email = invite(&app, &admin, &galil, "not an e-mail", "BUYER").await;
    assert_eq!(error_code(&bad_email), Some("BAD_USER_INPUT"));
}

#[tokio::test]
async fn invitations_are_limited_per_inviter() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin@demo.test").await;
    let staff = app.login("staff@demo.test").await;
    let galil = company_id(&app, &staff, "Galil Hardware Ltd").await;
    for number in 0..20 {
        let response = invite(
            &app,
            &admin,
            &galil,
            &format!("team{number}@galil.test"),
            "BUYER",
        )
        .await;
        assert_no_errors(&response);
    }
    let limited = invite(&app, &admin, &galil, "team20@galil.test", "BUYER").await;
    assert_eq!(error_code(&limited), Some("RATE_LIMITED"), "{limited}");
    assert!(
        limited["errors"][0]["extensions"]["retryAfterSeconds"]
            .as_u64()
            .unwrap_or(0)
            > 0
    );
    // Another inviter has its own budget.
    assert_no_errors(&invite(&app, &staff, &galil, "team20@galil.test", "BUYER").await);
}
