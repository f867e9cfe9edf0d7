//! Notifications of the approval chain: in-app for approvers and buyers, and e-mail
//! through the job queue, to the outbox folder or to a real SMTP server.
#![expect(
    clippy::expect_used,
    reason = "helpers that start processes or touch the database fail the test loudly"
)]

mod common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::shop::{quantity_above, set_available};
use common::{TestApp, assert_no_errors, error_code};
use sea_orm::{ConnectionTrait, Statement};
use secrecy::SecretString;
use serde_json::{Value, json};

const PLACE: &str =
    "mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id number status } }";
const APPROVE: &str =
    "mutation($id: ID!) { approveOrder(id: $id, comment: \"Fine by me\") { id status } }";
const REJECT: &str =
    "mutation($id: ID!, $reason: String!) { rejectOrder(id: $id, reason: $reason) { id status } }";
const NOTIFICATIONS: &str = "query($unreadOnly: Boolean) { notifications(first: 50, unreadOnly: $unreadOnly) { edges { node { id kind title body link orderId createdAt readAt } } pageInfo { hasNextPage } } unreadNotificationCount }";
const MARK_READ: &str = "mutation($id: ID!) { markNotificationRead(id: $id) { id readAt } }";

/// How long an e-mail may take from the commit to the outbox or the SMTP server.
const MAIL_DEADLINE: Duration = Duration::from_secs(15);

/// The approval link of an order, as the default `PUBLIC_URL` makes it absolute.
fn approval_url(order_id: &str) -> String {
    format!("http://127.0.0.1:8080/approvals/{order_id}")
}

/// Places an order of `sku` with a net subtotal just above `amount` ILS.
async fn place_above(app: &TestApp, buyer: &str, sku: &str, amount: f64) -> Value {
    let staff = app.login("staff@demo.test").await;
    set_available(app, &staff, sku, 100_000).await;
    let quantity = quantity_above(app, buyer, sku, amount).await;
    let placed = app
        .graphql(
            Some(buyer),
            PLACE,
            json!({ "input": { "lines": [{ "sku": sku, "quantity": quantity }] } }),
        )
        .await;
    assert_no_errors(&placed);
    placed["data"]["placeOrder"].clone()
}

/// A Galil user created by its company admin; returns a token.
async fn company_user(app: &TestApp, email: &str, role: &str) -> String {
    let admin = app.login("admin@demo.test").await;
    let created = app
        .graphql(
            Some(&admin),
            "mutation($email: String!, $role: Role!) { createCompanyUser(input: { email: $email, name: \"Extra Approver\", role: $role, password: \"a-long-password\" }) { id } }",
            json!({ "email": email, "role": role }),
        )
        .await;
    assert_no_errors(&created);
    app.login_with(email, "a-long-password").await
}

/// Sets a user's approval limit in whole shekels (the API has no field for it yet).
async fn set_approval_limit(app: &TestApp, email: &str, shekels: i64) {
    let backend = app.db.get_database_backend();
    app.db
        .execute_raw(Statement::from_sql_and_values(
            backend,
            match backend {
                sea_orm::DbBackend::Postgres => {
                    "UPDATE users SET approval_limit = $1 WHERE email = $2"
                }
                _ => "UPDATE users SET approval_limit = ? WHERE email = ?",
            },
            [(shekels * 10_000).into(), email.into()],
        ))
        .await
        .expect("set the approval limit");
}

async fn notifications(app: &TestApp, token: &str) -> (Vec<Value>, i64) {
    let response = app
        .graphql(Some(token), NOTIFICATIONS, json!({ "unreadOnly": false }))
        .await;
    assert_no_errors(&response);
    let nodes = response["data"]["notifications"]["edges"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|edge| edge["node"].clone())
        .collect();
    let unread = response["data"]["unreadNotificationCount"]
        .as_i64()
        .unwrap_or(-1);
    (nodes, unread)
}

#[tokio::test]
async fn an_order_above_5000_notifies_each_eligible_approver_and_nobody_else() {
    let app = TestApp::spawn().await;
    let buyer = app.login("buyer@demo.test").await;
    let approver = app.login("approver@demo.test").await;
    let finance = app.login("finance@demo.test").await;
    let other_company_approver = app.login("approver@other.test").await;
    let low_limit = company_user(&app, "low.limit@demo.test", "APPROVER").await;
    set_approval_limit(&app, "low.limit@demo.test", 1_000).await;
    let unlimited = company_user(&app, "unlimited@demo.test", "APPROVER").await;

    let small = place_above(&app, &buyer, "SCR-101", 10.0).await;
    assert_eq!(small["status"], "SUBMITTED");
    let order = place_above(&app, &buyer, "PT-101", 5_000.0).await;
    assert_eq!(order["status"], "PENDING_APPROVAL");
    let order_id = order["id"].as_str().unwrap_or_default();
    let number = order["number"].as_str().unwrap_or_default();

    for token in [&approver, &finance, &unlimited] {
        let (nodes, unread) = notifications(&app, token).await;
        assert_eq!(nodes.len(), 1, "one notification per approver: {nodes:?}");
        assert_eq!(unread, 1);
        let notification = &nodes[0];
        assert_eq!(notification["kind"], "APPROVAL_NEEDED");
        assert_eq!(notification["orderId"], order_id);
        assert_eq!(notification["link"], format!("/approvals/{order_id}"));
        assert!(notification["readAt"].is_null());
        // Galil's users read Hebrew.
        assert_eq!(
            notification["title"],
            format!("הזמנה {number} ממתינה לאישורך")
        );
        let body = notification["body"].as_str().unwrap_or_default();
        assert!(body.contains("Noa Levi"), "{body}");
        assert!(body.contains("₪ 5,000.00"), "the reason: {body}");
    }
    for (who, token) in [
        ("the buyer", &buyer),
        ("another company's approver", &other_company_approver),
        ("an approver whose limit is below the subtotal", &low_limit),
    ] {
        let (nodes, unread) = notifications(&app, token).await;
        assert!(nodes.is_empty(), "{who} was notified: {nodes:?}");
        assert_eq!(unread, 0, "{who}");
    }
}

#[tokio::test]
async fn an_approver_who_places_an_order_is_not_notified_of_it_nor_is_a_deactivated_one() {
    let app = TestApp::spawn().await;
    let approver = app.login("approver@demo.test").await;
    let inactive = company_user(&app, "inactive@demo.test", "APPROVER").await;
    let admin = app.login("admin@demo.test").await;
    let inactive_id = app
        .graphql(Some(&inactive), "{ me { id } }", json!({}))
        .await["data"]["me"]["id"]
        .clone();
    let deactivated = app
        .graphql(
            Some(&admin),
            "mutation($id: ID!) { updateCompanyUser(id: $id, input: { active: false }) { id } }",
            json!({ "id": inactive_id }),
        )
        .await;
    assert_no_errors(&deactivated);
    let order = place_above(&app, &approver, "PT-101", 5_000.0).await;
    assert_eq!(order["status"], "PENDING_APPROVAL");
    let (nodes, _) = notifications(&app, &approver).await;
    assert!(nodes.is_empty(), "notified of its own order: {nodes:?}");
    let count: i64 = app
        .db
        .query_one_raw(Statement::from_string(
            app.db.get_database_backend(),
            "SELECT COUNT(*) AS n FROM notifications",
        ))
        .await
        .expect("count")
        .and_then(|row| row.try_get::<i64>("", "n").ok())
        .unwrap_or(-1);
    // Only the other active approver (the demo's finance@) may approve it.
    let finance = app.login("finance@demo.test").await;
    let (nodes, _) = notifications(&app, &finance).await;
    assert_eq!(nodes.len(), 1, "{nodes:?}");
    assert_eq!(count, 1, "nobody else may approve it");
}

#[tokio::test]
async fn a_full_approval_notifies_the_buyer_and_the_first_of_two_does_not() {
    let app = TestApp::spawn().await;
    let buyer = app.login("buyer@demo.test").await;
    let approver = app.login("approver@demo.test").await;
    let manager = company_user(&app, "manager@demo.test", "APPROVER").await;
    let order = place_above(&app, &buyer, "PT-310", 25_000.0).await;
    let order_id = order["id"].as_str().unwrap_or_default().to_owned();
    let number = order["number"].as_str().unwrap_or_default().to_owned();

    let first = app
        .graphql(Some(&approver), APPROVE, json!({ "id": order_id }))
        .await;
    assert_eq!(first["data"]["approveOrder"]["status"], "PENDING_APPROVAL");
    let (nodes, _) = notifications(&app, &buyer).await;
    assert!(nodes.is_empty(), "notified after one of two approvals");

    let second = app
        .graphql(Some(&manager), APPROVE, json!({ "id": order_id }))
        .await;
    assert_eq!(second["data"]["approveOrder"]["status"], "SUBMITTED");
    let (nodes, unread) = notifications(&app, &buyer).await;
    assert_eq!(nodes.len(), 1, "{nodes:?}");
    assert_eq!(unread, 1);
    assert_eq!(nodes[0]["kind"], "ORDER_APPROVED");
    assert_eq!(nodes[0]["title"], format!("הזמנה {number} אושרה"));
    assert_eq!(nodes[0]["link"], format!("/orders/{order_id}"));
    let body = nodes[0]["body"].as_str().unwrap_or_default();
    assert!(body.contains("Extra Approver"), "names who decided: {body}");
}

#[tokio::test]
async fn a_rejection_notifies_the_buyer_with_the_reason() {
    let app = TestApp::spawn().await;
    let buyer = app.login("buyer@demo.test").await;
    let approver = app.login("approver@demo.test").await;
    let english = app
        .graphql(
            Some(&buyer),
            r#"mutation { setLanguage(language: "en") { id } }"#,
            json!({}),
        )
        .await;
    assert_no_errors(&english);
    let order = place_above(&app, &buyer, "PT-101", 5_000.0).await;
    let order_id = order["id"].as_str().unwrap_or_default().to_owned();
    let number = order["number"].as_str().unwrap_or_default().to_owned();
    let rejected = app
        .graphql(
            Some(&approver),
            REJECT,
            json!({ "id": order_id, "reason": "Over the Karmiel project budget" }),
        )
        .await;
    assert_eq!(rejected["data"]["rejectOrder"]["status"], "REJECTED");
    let (nodes, unread) = notifications(&app, &buyer).await;
    assert_eq!(nodes.len(), 1, "{nodes:?}");
    assert_eq!(unread, 1);
    assert_eq!(nodes[0]["kind"], "ORDER_REJECTED");
    assert_eq!(nodes[0]["title"], format!("Order {number} was rejected"));
    assert_eq!(
        nodes[0]["body"]
            .as_str()
            .map(|body| body.ends_with("Reason: Over the Karmiel project budget")),
        Some(true),
        "{}",
        nodes[0]["body"]
    );
}

#[tokio::test]
async fn notifications_are_marked_read_one_by_one_or_all_at_once() {
    let app = TestApp::spawn().await;
    let buyer = app.login("buyer@demo.test").await;
    let approver = app.login("approver@demo.test").await;
    for _ in 0..3 {
        place_above(&app, &buyer, "PT-101", 5_000.0).await;
    }
    let (nodes, unread) = notifications(&app, &approver).await;
    assert_eq!((nodes.len(), unread), (3, 3));
    let ids: Vec<i64> = nodes
        .iter()
        .filter_map(|node| node["id"].as_str()?.parse().ok())
        .collect();
    assert!(
        ids.windows(2).all(|pair| pair[0] > pair[1]),
        "newest first: {ids:?}"
    );

    let newest = nodes[0]["id"].clone();
    let marked = app
        .graphql(Some(&approver), MARK_READ, json!({ "id": newest }))
        .await;
    assert_no_errors(&marked);
    let read_at = marked["data"]["markNotificationRead"]["readAt"].clone();
    assert!(read_at.is_string(), "{marked}");
    let again = app
        .graphql(Some(&approver), MARK_READ, json!({ "id": newest }))
        .await;
    assert_eq!(
        again["data"]["markNotificationRead"]["readAt"], read_at,
        "marking twice keeps the first time"
    );
    let unread_only = app
        .graphql(
            Some(&approver),
            NOTIFICATIONS,
            json!({ "unreadOnly": true }),
        )
        .await;
    assert_eq!(
        unread_only["data"]["notifications"]["edges"]
            .as_array()
            .map(Vec::len),
        Some(2)
    );
    assert_eq!(unread_only["data"]["unreadNotificationCount"], 2);

    // Pages: one at a time, following the cursor.
    let first_page = app
        .graphql(
            Some(&approver),
            "{ notifications(first: 1) { edges { cursor node { id } } pageInfo { hasNextPage } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        first_page["data"]["notifications"]["pageInfo"]["hasNextPage"],
        true
    );
    let cursor = first_page["data"]["notifications"]["edges"][0]["cursor"].clone();
    let second_page = app
        .graphql(
            Some(&approver),
            "query($after: String) { notifications(first: 1, after: $after) { edges { node { id } } } }",
            json!({ "after": cursor }),
        )
        .await;
    assert_eq!(
        second_page["data"]["notifications"]["edges"][0]["node"]["id"],
        nodes[1]["id"]
    );

    let all = app
        .graphql(
            Some(&approver),
            "mutation { markAllNotificationsRead }",
            json!({}),
        )
        .await;
    assert_eq!(all["data"]["markAllNotificationsRead"], 2);
    let (_, unread) = notifications(&app, &approver).await;
    assert_eq!(unread, 0);
}

#[tokio::test]
async fn nobody_sees_or_marks_another_users_notification() {
    let app = TestApp::spawn().await;
    let buyer = app.login("buyer@demo.test").await;
    let approver = app.login("approver@demo.test").await;
    let staff = app.login("staff@demo.test").await;
    let negev = app.login("approver@other.test").await;
    place_above(&app, &buyer, "PT-101", 5_000.0).await;
    let (nodes, _) = notifications(&app, &approver).await;
    let id = nodes[0]["id"].clone();
    for token in [&buyer, &staff, &negev] {
        let response = app
            .graphql(Some(token), MARK_READ, json!({ "id": id }))
            .await;
        assert_eq!(error_code(&response), Some("NOT_FOUND"), "{response}");
        assert!(response["data"].is_null());
        let (visible, _) = notifications(&app, token).await;
        assert!(visible.is_empty());
    }
    for guess in ["0", "-1", "abc", "999999"] {
        let response = app
            .graphql(Some(&approver), MARK_READ, json!({ "id": guess }))
            .await;
        assert_eq!(error_code(&response), Some("NOT_FOUND"), "{guess}");
    }
    let (nodes, unread) = notifications(&app, &approver).await;
    assert!(nodes[0]["readAt"].is_null(), "another user marked it read");
    assert_eq!(unread, 1);
}

/// The complete files in `folder` whose name ends with `suffix`, sorted.
fn files_in(folder: &Path, suffix: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
        .map(|entries| {
            entries
                .filter_map(|entry| entry.ok().map(|entry| entry.path()))
                .filter(|path| {
                    path.file_name()
                        .and_then(|name| name.to_str())
                        .is_some_and(|name| !name.starts_with('.') && name.ends_with(suffix))
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// [`files_in`], once at least one is there (or the deadline passed).
/// Waits until `folder` holds `count` files ending in `suffix` (or the deadline passes).
async fn wait_for_files(folder: &Path, suffix: &str, count: usize) -> Vec<PathBuf> {
    let deadline = Instant::now() + MAIL_DEADLINE;
    loop {
        let files = files_in(folder, suffix);
        if files.len() >= count || Instant::now() > deadline {
            return files;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn without_smtp_the_approvers_email_is_written_to_the_outbox_within_seconds() {
    let app = TestApp::spawn().await;
    let buyer = app.login("buyer@demo.test").await;
    let approver = app.login("approver@demo.test").await;
    let english = app
        .graphql(
            Some(&approver),
            r#"mutation { setLanguage(language: "en") { id } }"#,
            json!({}),
        )
        .await;
    assert_no_errors(&english);
    let placed_at = Instant::now();
    let order = place_above(&app, &buyer, "PT-101", 5_000.0).await;
    let order_id = order["id"].as_str().unwrap_or_default();
    let number = order["number"].as_str().unwrap_or_default();

    // One e-mail per eligible approver: the demo has two (approver@ and finance@).
    let files = wait_for_files(&app.outbox_dir, ".eml", 2).await;
    assert_eq!(files.len(), 2, "e-mails in {}", app.outbox_dir.display());
    eprintln!(
        "the e-mails reached the outbox {} ms after the order",
        placed_at.elapsed().as_millis()
    );
    let messages: Vec<String> = files
        .iter()
        .map(|file| std::fs::read_to_string(file).expect("read the .eml"))
        .collect();
    assert!(
        messages
            .iter()
            .any(|message| message.contains("<finance@demo.test>")),
        "{messages:?}"
    );
    let message = messages
        .iter()
        .find(|message| message.contains("<approver@demo.test>"))
        .expect("the e-mail to approver@demo.test");
    for expected in [
        "To: \"Avi Cohen\" <approver@demo.test>",
        &format!("Subject: Order {number} needs your approval"),
        number,
        "Noa Levi",
        "Net total: ₪ ",
        &approval_url(order_id),
    ] {
        assert!(
            message.contains(expected),
            "{expected} missing in:\n{message}"
        );
    }
    // Nobody else gets an e-mail, and each is sent once.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let files = files_in(&app.outbox_dir, ".eml");
    assert_eq!(files.len(), 2, "{files:?}");
}

#[tokio::test]
async fn two_instances_on_one_database_send_each_email_once() {
    let app = TestApp::spawn().await;
    let second = app.second_instance().await;
    let buyer = app.login("buyer@demo.test").await;
    let other_buyer = second.login("buyer@demo.test").await;
    for index in 0..6 {
        let (instance, token) = if index % 2 == 0 {
            (&app, &buyer)
        } else {
            (&second, &other_buyer)
        };
        place_above(instance, token, "PT-101", 5_000.0).await;
    }
    let deadline = Instant::now() + MAIL_DEADLINE;
    // Two approvers per order.
    while files_in(&app.outbox_dir, ".eml").len() < 12 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // Both workers keep polling a while longer: nothing may be sent twice.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let files = files_in(&app.outbox_dir, ".eml");
    assert_eq!(files.len(), 12, "{files:?}");
    // apalis recorded each job as done, by one of the two workers.
    let table = if common::is_postgres() {
        "apalis.jobs"
    } else {
        "Jobs"
    };
    let statuses: Vec<String> = app
        .db
        .query_all_raw(Statement::from_string(
            app.db.get_database_backend(),
            format!("SELECT status FROM {table}"),
        ))
        .await
        .expect("read the job queue")
        .into_iter()
        .filter_map(|row| row.try_get::<String>("", "status").ok())
        .collect();
    assert_eq!(statuses, vec!["Done"; 12]);
}

/// `aiosmtpd` in a child process (`tests/support/smtp_sink.py`), killed on drop.
struct SmtpServer {
    child: Child,
    port: u16,
    folder: tempfile::TempDir,
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The pinned version installed when the module is missing (`cargo xtask test` runs
/// the same command first).
const AIOSMTPD: &str = "aiosmtpd==1.4.6";

/// Starts the SMTP server, installing `aiosmtpd` from PyPI when it is missing;
/// `None` (and a loud message) only when there is no `python3` at all.
fn start_smtp_server() -> Option<SmtpServer> {
    if Command::new("python3").arg("--version").output().is_err() {
        eprintln!(
            "\n********************************************************************\n\
             SKIPPED: the SMTP test needs python3 (for aiosmtpd), which is not installed\n\
             ********************************************************************\n"
        );
        return None;
    }
    let has_module = |_: ()| {
        Command::new("python3")
            .args(["-c", "import aiosmtpd"])
            .output()
            .is_ok_and(|output| output.status.success())
    };
    if !has_module(()) {
        let install = Command::new("python3")
            .args([
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                AIOSMTPD,
            ])
            .status()
            .expect("run pip");
        assert!(
            install.success() && has_module(()),
            "aiosmtpd is missing and `python3 -m pip install {AIOSMTPD}` failed"
        );
    }
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port();
    let folder = tempfile::tempdir().expect("a temp dir for received mail");
    let script = common::backend_dir().join("tests/support/smtp_sink.py");
    let mut child = Command::new("python3")
        .arg(script)
        .arg(port.to_string())
        .arg(folder.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("start the SMTP server");
    let stdout = child.stdout.take().expect("its stdout");
    let (ready, started) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(stdout).read_line(&mut line);
        let _ = ready.send(line);
    });
    let server = SmtpServer {
        child,
        port,
        folder,
    };
    let line = started
        .recv_timeout(Duration::from_secs(30))
        .unwrap_or_default();
    assert_eq!(line.trim(), "READY", "the SMTP server did not start");
    Some(server)
}

#[tokio::test]
async fn with_smtp_the_approvers_email_reaches_a_real_smtp_server() {
    let Some(smtp) = start_smtp_server() else {
        return;
    };
    let smtp_url = format!("smtp://127.0.0.1:{}", smtp.port);
    let app = TestApp::spawn_with(|config| {
        config.mail.smtp_url = Some(SecretString::from(smtp_url));
        config.mail.from = "Galil orders <orders@portal.test>".to_owned();
    })
    .await;
    let buyer = app.login("buyer@demo.test").await;
    let order = place_above(&app, &buyer, "PT-101", 5_000.0).await;
    let order_id = order["id"].as_str().unwrap_or_default();
    let number = order["number"].as_str().unwrap_or_default();

    // One message per eligible approver (approver@ and finance@ in the demo).
    let received = wait_for_files(smtp.folder.path(), ".json", 2).await;
    assert_eq!(received.len(), 2, "the SMTP server received {received:?}");
    let messages: Vec<Value> = received
        .iter()
        .map(|file| {
            serde_json::from_str(&std::fs::read_to_string(file).expect("read the message"))
                .expect("JSON")
        })
        .collect();
    let mut recipients: Vec<&Value> = messages.iter().map(|m| &m["rcpt_tos"]).collect();
    recipients.sort_by_key(|r| r.to_string());
    assert_eq!(
        recipients,
        [
            &json!(["approver@demo.test"]),
            &json!(["finance@demo.test"])
        ]
    );
    let message = messages
        .iter()
        .find(|m| m["rcpt_tos"] == json!(["approver@demo.test"]))
        .expect("the message to approver@demo.test");
    assert_eq!(message["mail_from"], "orders@portal.test");
    assert_eq!(message["to"], "Avi Cohen <approver@demo.test>");
    // The approver reads Hebrew: the subject survives RFC 2047 encoding.
    assert_eq!(message["subject"], format!("הזמנה {number} ממתינה לאישורך"));
    assert_eq!(message["content_type"], "text/plain");
    let text = message["text"]
        .as_str()
        .unwrap_or_default()
        .replace("\r\n", "\n");
    assert!(text.starts_with("שלום Avi Cohen"), "{text}");
    assert!(text.contains(&approval_url(order_id)), "{text}");
    assert!(text.contains("Noa Levi"), "{text}");
    assert!(
        files_in(&app.outbox_dir, ".eml").is_empty(),
        "with SMTP nothing goes to the outbox"
    );
}
