//! The test harness: the real server on a random port, over a fresh database per test.
//!
//! The database is SQLite unless `TEST_DATABASE_URL` names a PostgreSQL server, so the
//! same tests run on both (`cargo xtask test` runs them twice). A migrated and seeded
//! template is built once per test binary and copied for every test, which keeps each
//! test's set-up to a few milliseconds.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

pub mod sessions;
pub mod shop;
pub mod two_factor;
pub mod ws;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use backend::app::App;
use backend::config::Config;
use backend::seed::DEMO_PASSWORD;
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use secrecy::SecretString;
use serde_json::{Value, json};
use tokio::sync::oneshot;

pub const TEST_JWT_SECRET: &str = "test-secret-7f3a9c1e5b2d4f6a8c0e2b4d6f8a0c2e";

/// Where the databases of this test run live.
enum Backend {
    Sqlite {
        template: PathBuf,
    },
    Postgres {
        server_url: String,
        template: String,
    },
}

static BACKEND: OnceLock<Backend> = OnceLock::new();
static NEXT_DATABASE: AtomicUsize = AtomicUsize::new(0);

fn backend() -> &'static Backend {
    BACKEND.get_or_init(|| {
        // Built on its own runtime: each #[tokio::test] has a runtime of its own, and
        // a pool must not outlive the runtime that created it.
        std::thread::spawn(build_template)
            .join()
            .expect("building the template database panicked")
    })
}

fn build_template() -> Backend {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime for the template");
    runtime.block_on(async {
        match std::env::var("TEST_DATABASE_URL")
            .ok()
            .filter(|url| !url.is_empty())
        {
            Some(server_url) => build_postgres_template(server_url).await,
            None => build_sqlite_template().await,
        }
    })
}

async fn build_sqlite_template() -> Backend {
    let dir = std::env::temp_dir().join(format!("portal-tests-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temp dir for the template");
    let template = dir.join("template.db");
    // A finished run whose process id this one reuses left its template behind:
    // start from an empty file, or seeding would collide with the old data.
    for stale in ["template.db", "template.db-wal", "template.db-shm"] {
        let _ = std::fs::remove_file(dir.join(stale));
    }
    let url = format!("sqlite://{}?mode=rwc", template.display());
    let db = backend::db::connect(&url)
        .await
        .expect("connect to the SQLite template");
    migrate_and_seed(&db).await;
    // Fold the WAL into the main file so that a plain copy is complete.
    db.execute_unprepared("PRAGMA wal_checkpoint(TRUNCATE)")
        .await
        .expect("checkpoint");
    db.close().await.expect("close the template");
    Backend::Sqlite { template }
}

async fn build_postgres_template(server_url: String) -> Backend {
    let admin = Database::connect(&server_url)
        .await
        .expect("connect to TEST_DATABASE_URL");
    let prefix = format!("pt_{}_", std::process::id());
    // Databases of earlier runs (other process ids) are dropped here.
    let stale = admin
        .query_all_raw(sea_orm::Statement::from_string(
            sea_orm::DbBackend::Postgres,
            format!("SELECT datname FROM pg_database WHERE datname LIKE 'pt\\_%' AND datname NOT LIKE '{prefix}%'"),
        ))
        .await
        .expect("list stale test databases");
    for row in stale {
        let name: String = row.try_get("", "datname").expect("datname");
        // A run still going on (another checkout, CI) keeps its databases.
        let owner = name.split('_').nth(1).unwrap_or_default();
        if !owner.is_empty() && Path::new("/proc").join(owner).exists() {
            continue;
        }
        let _ = admin
            .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
            .await;
    }
    let template = format!("{prefix}template");
    admin
        .execute_unprepared(&format!("CREATE DATABASE \"{template}\""))
        .await
        .expect("create the template database");
    let db = backend::db::connect(&database_url(&server_url, &template))
        .await
        .expect("connect to the template");
    migrate_and_seed(&db).await;
    db.close().await.expect("close the template");
    admin.close().await.expect("close the admin connection");
    Backend::Postgres {
        server_url,
        template,
    }
}

async fn migrate_and_seed(db: &DatabaseConnection) {
    backend::db::migrate(db).await.expect("migrate");
    backend::seed::seed_demo(db)
        .await
        .expect("seed the demo data");
}

/// `postgres://user@host:port/<name>` from a server URL with any database name.
fn database_url(server_url: &str, name: &str) -> String {
    let (without_query, query) = match server_url.split_once('?') {
        Some((base, query)) => (base, format!("?{query}")),
        None => (server_url, String::new()),
    };
    let scheme_end = without_query
        .find("://")
        .map(|index| index + 3)
        .unwrap_or(0);
    let base = match without_query[scheme_end..].find('/') {
        Some(slash) => &without_query[..scheme_end + slash],
        None => without_query,
    };
    format!("{base}/{name}{query}")
}

/// A fresh copy of the template; returns its URL (and the SQLite file's folder, which
/// must live as long as the database is used).
pub async fn fresh_database() -> (String, Option<tempfile::TempDir>) {
    let number = NEXT_DATABASE.fetch_add(1, Ordering::SeqCst);
    match backend() {
        Backend::Sqlite { template } => {
            let dir = tempfile::tempdir().expect("a temp dir");
            let path = dir.path().join(format!("test-{number}.db"));
            std::fs::copy(template, &path).expect("copy the template");
            (format!("sqlite://{}?mode=rwc", path.display()), Some(dir))
        }
        Backend::Postgres {
            server_url,
            template,
        } => {
            let name = format!("pt_{}_{number}", std::process::id());
            let admin = Database::connect(server_url.as_str())
                .await
                .expect("admin connection");
            admin
                .execute_unprepared(&format!(
                    "CREATE DATABASE \"{name}\" TEMPLATE \"{template}\""
                ))
                .await
                .expect("copy the template database");
            admin.close().await.ok();
            (database_url(server_url, &name), None)
        }
    }
}

pub fn is_postgres() -> bool {
    matches!(backend(), Backend::Postgres { .. })
}

pub struct TestApp {
    /// SQL statements the server has run (for N+1 checks).
    pub statements: std::sync::Arc<AtomicUsize>,
    pub base_url: String,
    pub database_url: String,
    pub client: reqwest::Client,
    pub db: DatabaseConnection,
    /// Where this app writes its e-mails when no SMTP server is configured: a
    /// temporary folder of its own (shared with its `second_instance`).
    pub outbox_dir: PathBuf,
    shutdown: Option<oneshot::Sender<()>>,
    server: Option<tokio::task::JoinHandle<anyhow::Result<()>>>,
    _sqlite_dir: Option<tempfile::TempDir>,
    _outbox: Option<tempfile::TempDir>,
}

pub fn test_config(database_url: String, static_dir: Option<PathBuf>) -> Config {
    Config {
        database_url,
        listen_address: "127.0.0.1:0".parse().expect("an address"),
        static_dir,
        jwt_secret: SecretString::from(TEST_JWT_SECRET),
        jwt_previous_secrets: Vec::new(),
        demo: false,
        access_token_minutes: 15,
        require_totp: false,
        mail: backend::config::MailConfig::default(),
        supplier: Default::default(),
        login_limits: Default::default(),
        trusted_proxies: Vec::new(),
        webhooks: backend::config::WebhookConfig::default(),
    }
}

impl TestApp {
    /// The server over a fresh copy of the demo database, without the web app.
    pub async fn spawn() -> TestApp {
        TestApp::spawn_with_static_dir(None).await
    }

    pub async fn spawn_with_static_dir(static_dir: Option<PathBuf>) -> TestApp {
        TestApp::spawn_configured(static_dir, |_| {}).await
    }

    /// The server with its configuration adjusted by `configure` (an SMTP URL, for
    /// example); everything else as in [`TestApp::spawn`].
    pub async fn spawn_with(configure: impl FnOnce(&mut Config)) -> TestApp {
        TestApp::spawn_configured(None, configure).await
    }

    async fn spawn_configured(
        static_dir: Option<PathBuf>,
        configure: impl FnOnce(&mut Config),
    ) -> TestApp {
        let (database_url, sqlite_dir) = fresh_database().await;
        let outbox = tempfile::tempdir().expect("a temp dir for the outbox");
        let mut config = test_config(database_url, static_dir);
        config.mail.outbox_dir = outbox.path().to_owned();
        configure(&mut config);
        let mut db = backend::db::connect(&config.database_url)
            .await
            .expect("connect");
        let statements = std::sync::Arc::new(AtomicUsize::new(0));
        let counter = statements.clone();
        db.set_metric_callback(move |_| {
            counter.fetch_add(1, Ordering::SeqCst);
        });
        let app = App::from_database(db.clone(), &config);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let address = listener.local_addr().expect("local address");
        let (shutdown, shutdown_signal) = oneshot::channel::<()>();
        let server = tokio::spawn(app.serve(listener, async move {
            let _ = shutdown_signal.await;
        }));
        TestApp {
            server: Some(server),
            statements,
            database_url: config.database_url.clone(),
            base_url: format!("http://{address}"),
            client: reqwest::Client::new(),
            db,
            outbox_dir: config.mail.outbox_dir.clone(),
            shutdown: Some(shutdown),
            _sqlite_dir: sqlite_dir,
            _outbox: Some(outbox),
        }
    }

    /// A second server instance over the same database (scale-out tests).
    pub async fn second_instance(&self) -> TestApp {
        self.second_instance_with(|_| {}).await
    }

    /// [`TestApp::second_instance`] with its configuration adjusted by `configure` (a
    /// rotated signing key, for example).
    pub async fn second_instance_with(&self, configure: impl FnOnce(&mut Config)) -> TestApp {
        let mut config = test_config(self.database_url.clone(), None);
        configure(&mut config);
        config.mail.outbox_dir = self.outbox_dir.clone();
        let db = backend::db::connect(&config.database_url)
            .await
            .expect("connect");
        let app = App::from_database(db.clone(), &config);
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        let address = listener.local_addr().expect("local address");
        let (shutdown, shutdown_signal) = oneshot::channel::<()>();
        let server = tokio::spawn(app.serve(listener, async move {
            let _ = shutdown_signal.await;
        }));
        TestApp {
            server: Some(server),
            statements: std::sync::Arc::new(AtomicUsize::new(0)),
            database_url: self.database_url.clone(),
            base_url: format!("http://{address}"),
            client: reqwest::Client::new(),
            db,
            outbox_dir: self.outbox_dir.clone(),
            shutdown: Some(shutdown),
            _sqlite_dir: None,
            _outbox: None,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    /// Sends a GraphQL request and returns the whole JSON response.
    pub async fn graphql(&self, token: Option<&str>, query: &str, variables: Value) -> Value {
        let mut request = self
            .client
            .post(self.url("/graphql"))
            .json(&json!({ "query": query, "variables": variables }));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.expect("the server answers");
        assert!(
            response.status().is_success(),
            "GraphQL over HTTP answered {}",
            response.status()
        );
        response.json().await.expect("a JSON response")
    }

    /// Logs a demo user in and returns its token.
    pub async fn login(&self, email: &str) -> String {
        self.login_with(email, DEMO_PASSWORD).await
    }

    pub async fn login_with(&self, email: &str, password: &str) -> String {
        let response = self
            .graphql(
                None,
                "mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }",
                json!({ "email": email, "password": password }),
            )
            .await;
        response["data"]["login"]["token"]
            .as_str()
            .unwrap_or_else(|| panic!("login of {email} failed: {response}"))
            .to_owned()
    }
}

impl TestApp {
    /// Asks the server to stop, as Ctrl-C does, and tells whether it finished within
    /// `limit` (requests done, workers stopped, pool closed).
    pub async fn shut_down_within(mut self, limit: std::time::Duration) -> bool {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        match self.server.take() {
            Some(server) => matches!(tokio::time::timeout(limit, server).await, Ok(Ok(Ok(())))),
            None => false,
        }
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
    }
}

/// The `extensions.code` of the first error, if any.
pub fn error_code(response: &Value) -> Option<&str> {
    response["errors"][0]["extensions"]["code"].as_str()
}

/// Fails with the whole response when it has errors.
pub fn assert_no_errors(response: &Value) {
    assert!(
        response.get("errors").is_none(),
        "unexpected errors: {response}"
    );
}

/// The backend crate's folder. Read at run time (cargo sets it for test runs): a
/// build cache shared between checkouts can reuse a test binary built in another one.
pub fn backend_dir() -> std::path::PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")))
}
