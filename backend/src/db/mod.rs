//! Connecting to SQLite or PostgreSQL and migrating the schema.

pub mod money;
pub mod sql;

use std::time::Duration;

use anyhow::Context;
use migrations::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbBackend};

/// Opens a pool on `database_url` (`sqlite://...` or `postgres://...`).
///
/// SQLite runs in WAL mode with a busy timeout so that readers never block the writer
/// and concurrent writers queue instead of failing; foreign keys are enforced.
pub async fn connect(database_url: &str) -> anyhow::Result<DatabaseConnection> {
    if let Some(path) = sqlite_file_path(database_url)
        && let Some(parent) = std::path::Path::new(&path).parent()
        && !parent.as_os_str().is_empty()
    {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    let mut options = ConnectOptions::new(database_url.to_owned());
    options
        .sqlx_logging(false)
        .connect_timeout(Duration::from_secs(10))
        .acquire_timeout(Duration::from_secs(10))
        .map_sqlx_sqlite_opts(|sqlite| {
            sqlite
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(10))
                .foreign_keys(true)
        });
    let default_size = if database_url.starts_with("sqlite:") {
        SQLITE_POOL_SIZE
    } else {
        POSTGRES_POOL_SIZE
    };
    options
        .max_connections(pool_size(default_size)?)
        .min_connections(1);
    let connection = Database::connect(options).await.with_context(|| {
        format!(
            "cannot connect to the database at {}",
            redact_url(database_url)
        )
    })?;
    Ok(connection)
}

/// Connections per instance unless `DATABASE_MAX_CONNECTIONS` says otherwise. On
/// SQLite each connection is a thread of its own; more than the cores only adds
/// switching (measured in the note of issue 7). On PostgreSQL, instances × this must
/// stay under the server's `max_connections` (100 by default).
const SQLITE_POOL_SIZE: u32 = 8;
const POSTGRES_POOL_SIZE: u32 = 16;

fn pool_size(default: u32) -> anyhow::Result<u32> {
    match std::env::var("DATABASE_MAX_CONNECTIONS") {
        Ok(value) => match value.trim().parse::<u32>() {
            Ok(size) if (1..=1000).contains(&size) => Ok(size),
            _ => anyhow::bail!("DATABASE_MAX_CONNECTIONS must be a number from 1 to 1000"),
        },
        Err(_) => Ok(default),
    }
}

/// Brings the schema up to the newest migration. Returns true when the database was
/// new (had no migration applied), which is when the demo seeds its data.
pub async fn migrate(connection: &DatabaseConnection) -> anyhow::Result<bool> {
    let was_new = Migrator::get_applied_migrations(connection)
        .await
        .map(|applied| applied.is_empty())
        .unwrap_or(true);
    Migrator::up(connection, None)
        .await
        .context("database migration failed")?;
    // The e-mail job queue's tables, by apalis's own migrations.
    crate::notifications::queue::migrate(connection).await?;
    Ok(was_new)
}

pub fn is_postgres(connection: &DatabaseConnection) -> bool {
    connection.get_database_backend() == DbBackend::Postgres
}

/// The file behind a `sqlite://path?...` URL, for creating its folder.
fn sqlite_file_path(database_url: &str) -> Option<String> {
    let rest = database_url
        .strip_prefix("sqlite://")
        .or_else(|| database_url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or_default();
    (!path.is_empty() && path != ":memory:").then(|| path.to_owned())
}

/// A URL without its password, for messages and logs.
pub fn redact_url(database_url: &str) -> String {
    match (database_url.find("://"), database_url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let credentials = &database_url[scheme_end + 3..at];
            match credentials.split_once(':') {
                Some((user, _password)) => format!(
                    "{}{user}:***{}",
                    &database_url[..scheme_end + 3],
                    &database_url[at..]
                ),
                None => database_url.to_owned(),
            }
        }
        _ => database_url.to_owned(),
    }
}

/// Whether `error` says the database cannot be reached now (stopped, restarting, a
/// connection cut by the server, or no pool connection within the acquire timeout)
/// rather than that a statement failed. Such a request may be retried as it is.
pub fn is_unavailable(error: &sea_orm::DbErr) -> bool {
    use sea_orm::sqlx::Error as SqlxError;
    use sea_orm::{DbErr, RuntimeErr};
    let sqlx_error = match error {
        DbErr::ConnectionAcquire(_) => return true,
        DbErr::Conn(RuntimeErr::SqlxError(error))
        | DbErr::Exec(RuntimeErr::SqlxError(error))
        | DbErr::Query(RuntimeErr::SqlxError(error)) => error,
        DbErr::Conn(_) => return true,
        _ => return false,
    };
    match sqlx_error.as_ref() {
        SqlxError::Io(_) | SqlxError::PoolTimedOut | SqlxError::PoolClosed => true,
        // PostgreSQL's class 57: admin_shutdown, crash_shutdown, cannot_connect_now.
        SqlxError::Database(database) => database
            .code()
            .is_some_and(|code| matches!(code.as_ref(), "57P01" | "57P02" | "57P03")),
        _ => false,
    }
}

/// Begins a transaction that will write. On SQLite it takes the write lock at once
/// (`BEGIN IMMEDIATE`): a deferred transaction that read first could not upgrade to a
/// writer while another writer committed, and would fail instead of waiting. On
/// PostgreSQL this is a plain `BEGIN`.
pub async fn begin_write(
    db: &DatabaseConnection,
) -> Result<sea_orm::DatabaseTransaction, sea_orm::DbErr> {
    use sea_orm::{SqliteTransactionMode, TransactionOptions, TransactionTrait};
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..Default::default()
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_never_appear_in_redacted_urls() {
        assert_eq!(
            redact_url("postgres://app:s3cret@db:5432/portal"),
            "postgres://app:***@db:5432/portal"
        );
        assert_eq!(
            redact_url("sqlite://./data/portal.db"),
            "sqlite://./data/portal.db"
        );
    }

    #[test]
    fn sqlite_urls_name_their_file() {
        assert_eq!(
            sqlite_file_path("sqlite://./data/portal.db?mode=rwc").as_deref(),
            Some("./data/portal.db")
        );
        assert_eq!(sqlite_file_path("sqlite::memory:"), None);
        assert_eq!(sqlite_file_path("postgres://x"), None);
    }
}
