//! The e-mail job queue: apalis's SQL storage (`apalis-sqlite` / `apalis-postgres`
//! 1.0.0) in the portal's own database.
//!
//! **Enqueueing is transactional.** apalis pushes through any sqlx executor
//! (`apalis_sqlite::queries::push_tasks(&mut executor, ..)`, and the same in
//! `apalis_postgres::sink`), so it could join a *sqlx* transaction; but the order's
//! transaction is sea-orm's, and sea-orm 2.0 does not hand out the sqlx connection
//! inside a `DatabaseTransaction`. Pushing through a second connection after commit
//! would lose the e-mail when the process stops between the two. So [`push_in`]
//! writes the job row itself, through the sea-orm transaction, with the same columns
//! and values as apalis's own push (`queries/task/sink.sql` of each crate): a pending
//! job of queue [`MAIL_QUEUE`], a ULID id, the arguments as JSON bytes (apalis's
//! `JsonCodec`), run now. The row becomes visible to the workers at commit, or never.
//!
//! The price is a dependency on apalis's table layout: the crates are pinned with
//! `=1.0.0` in `Cargo.toml`, and the integration tests deliver through this path on
//! both databases, so an upgrade that changes the tables fails the tests, not
//! production.

use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};
use serde::{Deserialize, Serialize};
use shared::Language;

use super::NotificationKind;
use super::messages::OrderFacts;
use crate::domain::DomainError;

/// The apalis queue (its `job_type` column) of notification e-mails.
pub const MAIL_QUEUE: &str = "portal::notification_mail";

/// Attempts per job before apalis leaves it `Failed`; a failed attempt pauses first
/// (`worker::retry_delay`), so together they wait out about half an hour.
pub const MAX_ATTEMPTS: i64 = 10;

/// One e-mail to send: the facts, not the text, so that the worker writes it with the
/// configured public address of the portal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailJob {
    pub notification_id: i64,
    pub kind: NotificationKind,
    pub language: Language,
    pub to_address: String,
    pub to_name: String,
    pub facts: OrderFacts,
}

/// A password-reset e-mail: the link's token is derived again from `nonce` by the
/// worker (`TokenKeys::link_token`), so this row never holds a usable link.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordResetMail {
    pub reset_id: i64,
    pub nonce: String,
    pub language: Language,
    pub to_address: String,
    pub to_name: String,
}

/// An invitation to create an account in a company: like a reset, the link's token is
/// derived from `nonce` by the worker. Sent in Hebrew and English together: the
/// invited person has no language setting yet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationMail {
    pub invitation_id: i64,
    pub nonce: String,
    pub to_address: String,
    pub to_name: String,
    pub company_name: String,
    pub inviter_name: String,
}

/// Any job of the mail queue. Untagged, so that the notification jobs keep the JSON
/// they always had; a reset job is told apart by its `reset_id`, an invitation by its
/// `invitation_id`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum QueuedMail {
    PasswordReset(PasswordResetMail),
    Invitation(InvitationMail),
    Notification(MailJob),
}

/// Creates or updates apalis's tables (its own sqlx migrations, recorded in
/// `_sqlx_migrations`). On PostgreSQL they live in the `apalis` schema and need the
/// `hstore` extension, which the migrations create.
pub async fn migrate(db: &DatabaseConnection) -> anyhow::Result<()> {
    use anyhow::Context;
    match db.get_database_backend() {
        DbBackend::Sqlite => {
            // Not `SqliteStorage::setup`: that also sets connection pragmas
            // (`synchronous = OFF`) that would weaken the durability of our pool.
            apalis_sqlite::SqliteStorage::migrations()
                .run(db.get_sqlite_connection_pool())
                .await
                .context("migrating the e-mail job queue failed")?;
        }
        DbBackend::Postgres => {
            apalis_postgres::PostgresStorage::setup(db.get_postgres_connection_pool())
                .await
                .context("migrating the e-mail job queue failed")?;
        }
        other => anyhow::bail!("no e-mail job queue for {other:?}"),
    }
    Ok(())
}

/// Queues `job` inside `txn` (see the module comment). A notification is queued at
/// most once: its id is the job's idempotency key.
pub async fn push_in(txn: &impl ConnectionTrait, job: &MailJob) -> Result<(), DomainError> {
    let arguments = serde_json::to_vec(job).map_err(DomainError::internal)?;
    push_job_in(
        txn,
        MAIL_QUEUE,
        MAX_ATTEMPTS,
        arguments,
        format!("notification-{}", job.notification_id),
    )
    .await
}

/// Queues a password-reset e-mail inside `txn` (the transaction that stores the reset).
pub async fn push_password_reset_in(
    txn: &impl ConnectionTrait,
    job: &PasswordResetMail,
) -> Result<(), DomainError> {
    let arguments = serde_json::to_vec(job).map_err(DomainError::internal)?;
    push_job_in(
        txn,
        MAIL_QUEUE,
        MAX_ATTEMPTS,
        arguments,
        format!("password-reset-{}", job.reset_id),
    )
    .await
}

/// Queues an invitation e-mail inside `txn` (the transaction that stores the invitation).
pub async fn push_invitation_in(
    txn: &impl ConnectionTrait,
    job: &InvitationMail,
) -> Result<(), DomainError> {
    let arguments = serde_json::to_vec(job).map_err(DomainError::internal)?;
    push_job_in(
        txn,
        MAIL_QUEUE,
        MAX_ATTEMPTS,
        arguments,
        format!("invitation-{}", job.invitation_id),
    )
    .await
}

/// Writes one pending job of `queue` (apalis's `job_type`) with JSON `arguments`
/// inside `txn`; a second job with the same `idempotency_key` is not added. Any
/// queue of the portal goes through here (e-mail, webhook deliveries).
pub async fn push_job_in(
    txn: &impl ConnectionTrait,
    queue: &str,
    max_attempts: i64,
    arguments: Vec<u8>,
    idempotency_key: String,
) -> Result<(), DomainError> {
    let id = ulid::Ulid::generate().to_string();
    let backend = txn.get_database_backend();
    let statement = match backend {
        DbBackend::Sqlite => Statement::from_sql_and_values(
            backend,
            "INSERT INTO Jobs (job, id, job_type, status, attempts, max_attempts, run_at, \
             priority, metadata, idempotency_key) \
             VALUES (?, ?, ?, 'Pending', 0, ?, ?, 0, NULL, ?) \
             ON CONFLICT (job_type, idempotency_key) DO NOTHING",
            [
                arguments.into(),
                id.into(),
                queue.into(),
                max_attempts.into(),
                chrono::Utc::now().timestamp().into(),
                idempotency_key.into(),
            ],
        ),
        DbBackend::Postgres => Statement::from_sql_and_values(
            backend,
            "INSERT INTO apalis.jobs (job, id, job_type, status, attempts, max_attempts, \
             run_at, priority, metadata, idempotency_key) \
             VALUES ($1, $2, $3, 'Pending', 0, $4, now(), 0, NULL, $5) \
             ON CONFLICT (job_type, idempotency_key) DO NOTHING",
            [
                arguments.into(),
                id.into(),
                queue.into(),
                (max_attempts as i32).into(),
                idempotency_key.into(),
            ],
        ),
        other => {
            return Err(DomainError::internal(anyhow::anyhow!(
                "no job queue for {other:?}"
            )));
        }
    };
    txn.execute_raw(statement).await?;
    Ok(())
}
