//! The authorization matrix over the whole schema (`tests/authz_matrix.md`): every
//! query, mutation and subscription, found by introspecting the running server, is
//! called by every caller on objects of both companies; each cell's outcome must be
//! the one the table writes down, and no response may carry the other company's data.
//!
//! Databases: the queries and subscriptions share one; each mutation row gets one for
//! its denied calls (which must change nothing) and, for a `fresh` row, one per allowed
//! call. Rows run concurrently.

#![expect(
    clippy::expect_used,
    reason = "the matrix and its fixtures fail the test loudly on a broken set-up"
)]

mod common;
#[path = "api_authz_matrix/fixtures.rs"]
mod fixtures;
#[path = "api_authz_matrix/table.rs"]
mod table;

use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

use common::TestApp;
use common::ws::Subscription;
use fixtures::Fixtures;
use futures_util::StreamExt;
use serde_json::{Value, json};
use table::{CALLERS, Company, Outcome, Row, Sharing};

/// Rows (or parts of rows) run at the same time, each over its own server.
const CONCURRENT_DATABASES: usize = 4;

fn rows() -> Vec<Row> {
    let path = common::backend_dir().join("tests/authz_matrix.md");
    let text = std::fs::read_to_string(&path).expect("tests/authz_matrix.md");
    table::parse(&text).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// The field names of `Query`, `Mutation` and `Subscription`, asked of the server.
async fn schema_operations(app: &TestApp) -> BTreeSet<String> {
    let response = app
        .graphql(
            None,
            "{ __schema { queryType { fields { name } } mutationType { fields { name } } subscriptionType { fields { name } } } }",
            json!({}),
        )
        .await;
    let schema = &response["data"]["__schema"];
    let mut names = BTreeSet::new();
    for root in ["queryType", "mutationType", "subscriptionType"] {
        for field in schema[root]["fields"].as_array().into_iter().flatten() {
            names.insert(field["name"].as_str().expect("a field name").to_owned());
        }
    }
    assert!(
        names.contains("me") && names.contains("login"),
        "{response}"
    );
    names
}

#[tokio::test]
async fn every_operation_of_the_schema_has_a_row_in_the_matrix() {
    let app = TestApp::spawn().await;
    let operations = schema_operations(&app).await;
    let report = table::completeness(&operations, &rows());
    assert!(
        report.is_complete(),
        "the authorization matrix (tests/authz_matrix.md) and the schema disagree: \
         operations without a row: {:?}; rows of unknown operations: {:?}; rows whose \
         request calls another field: {:?}",
        report.missing,
        report.unknown,
        report.mismatched
    );
}

#[tokio::test]
async fn the_completeness_check_names_an_operation_that_has_no_row() {
    let app = TestApp::spawn().await;
    let mut operations = schema_operations(&app).await;
    let rows = rows();
    assert!(table::completeness(&operations, &rows).is_complete());

    // A new operation in the schema without a row.
    operations.insert("transferCompanyFunds".to_owned());
    let report = table::completeness(&operations, &rows);
    assert_eq!(report.missing, ["transferCompanyFunds"]);
    assert!(!report.is_complete());
    operations.remove("transferCompanyFunds");

    // A table that lost the rows of one operation.
    let without_ledger: Vec<Row> = rows
        .iter()
        .filter(|row| row.operation != "ledger")
        .cloned()
        .collect();
    assert_eq!(
        table::completeness(&operations, &without_ledger).missing,
        ["ledger"]
    );

    // A row that names one field but calls another.
    let mut wrong = rows.clone();
    wrong[0].request = "{ companies(first: 1) { nodes { id } } }".to_owned();
    assert_eq!(table::completeness(&operations, &wrong).mismatched.len(), 1);
}

/// One call: a row, a caller (index into [`CALLERS`]).
#[derive(Clone, Copy)]
struct Cell<'a> {
    row: &'a Row,
    caller: usize,
}

/// The cells run on one database, in order.
struct Job<'a> {
    cells: Vec<Cell<'a>>,
}

/// What one cell answered.
#[derive(Debug, PartialEq, Eq)]
enum Actual {
    Ok,
    Null,
    Error(String),
}

impl Actual {
    fn matches(&self, expected: Outcome) -> bool {
        match (self, expected) {
            (Actual::Ok, Outcome::Ok) | (Actual::Null, Outcome::Null) => true,
            (Actual::Error(code), Outcome::Error(expected)) => code == expected,
            _ => false,
        }
    }
}

fn actual_of(response: &Value, field: &str) -> Actual {
    match response.get("errors").and_then(|errors| errors.get(0)) {
        Some(error) => Actual::Error(
            error["extensions"]["code"]
                .as_str()
                .unwrap_or("(no code)")
                .to_owned(),
        ),
        None if response["data"][field].is_null() => Actual::Null,
        None => Actual::Ok,
    }
}

/// Sends one cell's request: over HTTP, or over the websocket for a subscription
/// (where authorization happens at subscribe time).
async fn send(app: &TestApp, fixtures: &Fixtures, cell: Cell<'_>) -> Value {
    let request = fixtures.fill(&cell.row.request, cell.row.target);
    let token = fixtures.tokens[cell.caller].as_deref();
    if !cell.row.is_subscription() {
        return app.graphql(token, &request, json!({})).await;
    }
    let mut subscription = Subscription::start_as(&app.base_url, token, &request, json!({})).await;
    // A refused subscription answers at once; an accepted one stays quiet until an event.
    match subscription.next(Duration::from_millis(700)).await {
        Some(payload) if payload.get("type").is_some() => {
            json!({ "errors": [{ "message": payload.to_string() }] })
        }
        Some(payload) => payload,
        None => json!({ "data": { (table::top_level_field(&request)): "subscribed" } }),
    }
}

/// What is wrong with one cell's answer: its outcome and its leaks.
fn judge(
    cell: Cell<'_>,
    response: &Value,
    markers: &BTreeMap<Company, BTreeSet<String>>,
) -> Vec<String> {
    let caller = CALLERS[cell.caller];
    let field = table::top_level_field(&cell.row.request);
    let expected = cell.row.expected[cell.caller];
    let actual = actual_of(response, field);
    let mut problems = Vec::new();
    let at = format!("{} by {}", cell.row.label(), caller.name());
    if !actual.matches(expected) {
        problems.push(format!(
            "{at}: expected {expected:?}, got {actual:?}: {response}"
        ));
    }
    if matches!(actual, Actual::Error(_)) && !response["data"][field].is_null() {
        problems.push(format!("{at}: an error that carries data: {response}"));
    }
    if let Some(other) = caller.other_company() {
        let leaked = fixtures::leaked(response, &markers[&other]);
        if !leaked.is_empty() {
            problems.push(format!("{at}: leaks company {other:?}'s {leaked:?}"));
        }
    }
    problems
}

async fn run_job(job: Job<'_>) -> Vec<String> {
    let app = TestApp::spawn().await;
    let fixtures = Fixtures::prepare(&app).await;
    let markers = fixtures::markers(&app).await;
    let mut problems = Vec::new();
    for cell in job.cells {
        let response = send(&app, &fixtures, cell).await;
        problems.extend(judge(cell, &response, &markers));
    }
    problems
}

/// Splits the mutation rows into jobs: a row's denied calls first on one database,
/// then its allowed calls (on the same database for a `shared` row, one each for a
/// `fresh` one).
fn mutation_jobs(rows: &[Row]) -> Vec<Job<'_>> {
    let mut jobs = Vec::new();
    for row in rows.iter().filter(|row| row.is_mutation()) {
        let cells: Vec<Cell<'_>> = (0..CALLERS.len())
            .map(|caller| Cell { row, caller })
            .collect();
        let (allowed, denied): (Vec<_>, Vec<_>) = cells
            .into_iter()
            .partition(|cell| matches!(row.expected[cell.caller], Outcome::Ok | Outcome::Null));
        match row.sharing {
            Sharing::Shared => jobs.push(Job {
                cells: denied.into_iter().chain(allowed).collect(),
            }),
            Sharing::Fresh => {
                jobs.push(Job { cells: denied });
                jobs.extend(allowed.into_iter().map(|cell| Job { cells: vec![cell] }));
            }
        }
    }
    jobs
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_cell_of_the_matrix_has_its_expected_outcome_and_leaks_nothing() {
    let started = Instant::now();
    let rows = rows();

    // Queries and subscriptions read only: one database for all of them.
    let reads: Vec<Cell<'_>> = rows
        .iter()
        .filter(|row| !row.is_mutation())
        .flat_map(|row| (0..CALLERS.len()).map(move |caller| Cell { row, caller }))
        .collect();
    let read_cells = reads.len();
    let app = TestApp::spawn().await;
    let fixtures = Fixtures::prepare(&app).await;
    let markers = fixtures::markers(&app).await;
    let mut problems: Vec<String> = futures_util::stream::iter(reads)
        .map(|cell| {
            let (app, fixtures, markers) = (&app, &fixtures, &markers);
            async move { judge(cell, &send(app, fixtures, cell).await, markers) }
        })
        .buffer_unordered(8)
        .flat_map(futures_util::stream::iter)
        .collect()
        .await;
    drop(app);

    let jobs = mutation_jobs(&rows);
    let databases = jobs.len() + 1;
    let write_cells: usize = jobs.iter().map(|job| job.cells.len()).sum();
    let mut writes: Vec<String> = futures_util::stream::iter(jobs)
        .map(run_job)
        .buffer_unordered(CONCURRENT_DATABASES)
        .flat_map(futures_util::stream::iter)
        .collect()
        .await;
    problems.append(&mut writes);
    problems.sort();

    let operations: BTreeSet<&str> = rows.iter().map(|row| row.operation.as_str()).collect();
    println!(
        "authorization matrix: {} operations, {} rows × {} callers = {} cells ({read_cells} reads, {write_cells} writes) on {databases} databases in {:.1?}{}",
        operations.len(),
        rows.len(),
        CALLERS.len(),
        read_cells + write_cells,
        started.elapsed(),
        if common::is_postgres() {
            " (PostgreSQL)"
        } else {
            " (SQLite)"
        },
    );
    assert!(
        problems.is_empty(),
        "{} cells of the authorization matrix are wrong:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
