//! The e-mail worker: one per server instance, started by `App`, stopped with it.
//!
//! It polls apalis's storage in the portal's database (every [`POLL_INTERVAL`]); the
//! storage locks each job for one worker (`UPDATE ... RETURNING` on SQLite,
//! `FOR UPDATE SKIP LOCKED` on PostgreSQL), so instances sharing a database never
//! send a message twice between them. A worker that stops on an error (the database
//! gone for a moment) is started again after a growing pause; the jobs a dead worker
//! held are handed to the others once its heartbeats are missed.

use std::task::{Context, Poll};
use std::time::Duration;

use apalis::prelude::{
    Attempt, BackendExt, BoxDynError, Data, PollSnapshot, PollStrategy, WorkerBuilder, WorkerError,
};
use futures_util::FutureExt;
use futures_util::future::BoxFuture;
use sea_orm::{DatabaseConnection, DbBackend};
use tokio::sync::watch;
use tokio::task::JoinHandle;

use super::mail::Mailer;
use super::queue::{MAIL_QUEUE, QueuedMail};
use crate::config::MailConfig;

/// How often an idle worker looks for new jobs.
pub const POLL_INTERVAL: Duration = Duration::from_millis(500);

/// The pause after a failed delivery, doubled per attempt up to [`MAX_RETRY_DELAY`].
const FIRST_RETRY_DELAY: Duration = Duration::from_secs(2);

/// The longest pause after a failed delivery.
const MAX_RETRY_DELAY: Duration = Duration::from_secs(600);

/// The longest pause before a failed worker is started again.
const MAX_RESTART_DELAY: Duration = Duration::from_secs(60);

/// How long stopping waits for a message being sent.
const STOP_TIMEOUT: Duration = Duration::from_secs(10);

/// A running job worker (e-mail here, webhook deliveries in `webhooks::worker`);
/// [`JobWorker::stop`] ends it after the job in hand.
pub struct JobWorker {
    stop: watch::Sender<bool>,
    task: Option<JoinHandle<()>>,
}

/// The e-mail worker.
pub type MailWorker = JobWorker;

impl JobWorker {
    /// Runs `run_once` under [`supervise`] until stopped; `kind` names its workers.
    pub(crate) fn supervised(run_once: RunOnce, kind: &'static str) -> JobWorker {
        JobWorker::supervised_on(run_once, kind, watch::channel(false).0)
    }

    /// [`JobWorker::supervised`] with a stop signal the jobs can also watch (to cut a
    /// backoff pause short when the server stops).
    pub(crate) fn supervised_on(
        run_once: RunOnce,
        kind: &'static str,
        stop: watch::Sender<bool>,
    ) -> JobWorker {
        let stopped = stop.subscribe();
        JobWorker {
            stop,
            task: Some(tokio::spawn(supervise(run_once, kind, stopped))),
        }
    }

    /// A worker that was not started (its configuration is unusable); stopping it
    /// does nothing.
    pub(crate) fn not_started() -> JobWorker {
        JobWorker {
            stop: watch::channel(false).0,
            task: None,
        }
    }

    /// Stops taking jobs and waits (a bounded time) for the one being sent.
    pub async fn stop(mut self) {
        let _ = self.stop.send(true);
        if let Some(mut task) = self.task.take()
            && tokio::time::timeout(STOP_TIMEOUT, &mut task).await.is_err()
        {
            // The job in hand stays locked until another worker recovers it.
            task.abort();
            tracing::warn!("a job worker did not stop in time; its job will be retried");
        }
    }
}

/// The pause after failed attempt number `attempt` (0 for the first).
pub fn retry_delay(attempt: usize) -> Duration {
    backoff(FIRST_RETRY_DELAY, MAX_RETRY_DELAY, attempt)
}

/// `first` doubled per failed attempt (0 for the first), at most `max`.
pub fn backoff(first: Duration, max: Duration, attempt: usize) -> Duration {
    let factor = 1u32 << Ord::min(attempt, 16);
    Ord::min(first.saturating_mul(factor), max)
}

/// Sends one job's e-mail. An error fails this attempt after a pause that grows with
/// each attempt: apalis hands a failed job out again at once, so the pause is what
/// spreads `queue::MAX_ATTEMPTS` over an SMTP server's outage (about half an hour).
/// The last error stays on the job row.
async fn deliver(
    job: QueuedMail,
    mailer: Data<Mailer>,
    attempt: Attempt,
) -> Result<(), BoxDynError> {
    let Err(error) = mailer.send_queued(&job).await else {
        return Ok(());
    };
    let delay = retry_delay(attempt.current());
    tracing::warn!(
        job = %match &job {
            QueuedMail::Notification(job) => format!("notification {}", job.notification_id),
            QueuedMail::PasswordReset(job) => format!("password reset {}", job.reset_id),
            QueuedMail::Invitation(job) => format!("invitation {}", job.invitation_id),
        },
        attempt = attempt.current(),
        retry_in_seconds = delay.as_secs(),
        error = format!("{error:#}"),
        "notification e-mail not delivered"
    );
    tokio::time::sleep(delay).await;
    Err(BoxDynError::from(format!("{error:#}")))
}

/// Wakes an idle worker every `period` to look for jobs.
///
/// Used instead of apalis's `poll_with_interval`: its `IntervalStrategy` replaces a
/// fired timer without polling the new one, so when the fetch that follows completes
/// within its first poll (a fast database under load) nothing is left to wake the
/// worker, which then sleeps until its next heartbeat (30 s). Here the new tick is
/// always polled, so its waker is registered before the strategy returns.
pub(crate) struct Ticker {
    period: Duration,
    interval: Option<tokio::time::Interval>,
}

impl Ticker {
    pub(crate) fn every(period: Duration) -> Ticker {
        Ticker {
            period,
            interval: None,
        }
    }
}

impl PollStrategy for Ticker {
    fn poll_drive(&mut self, cx: &mut Context<'_>, _: &PollSnapshot) -> Poll<Option<()>> {
        let period = self.period;
        // Created on first use: it needs the runtime, which the worker runs on.
        let interval = self.interval.get_or_insert_with(|| {
            let mut interval = tokio::time::interval(period);
            interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            interval
        });
        let mut fired = false;
        while interval.poll_tick(cx).is_ready() {
            fired = true;
        }
        if fired {
            Poll::Ready(Some(()))
        } else {
            Poll::Pending
        }
    }
}

/// One run of a worker named `name` until `stop` turns true or it fails.
pub(crate) type RunOnce = Box<
    dyn Fn(String, watch::Receiver<bool>) -> BoxFuture<'static, Result<(), WorkerError>>
        + Send
        + Sync,
>;

pub(crate) async fn stop_signal(mut stop: watch::Receiver<bool>) -> Result<(), WorkerError> {
    // A dropped sender also means stop.
    let _ = stop.wait_for(|stopped| *stopped).await;
    Ok(())
}

fn sqlite_runner(db: &DatabaseConnection, mailer: Mailer) -> RunOnce {
    let pool = db.get_sqlite_connection_pool().clone();
    Box::new(move |name, stop| {
        let storage = apalis_sqlite::SqliteStorage::<QueuedMail>::new(&pool)
            .with_config(apalis_sqlite::Config::default().queue(MAIL_QUEUE))
            .poll_with_strategy(Ticker::every(POLL_INTERVAL));
        WorkerBuilder::new(name)
            .backend(storage)
            .data(mailer.clone())
            .build(deliver)
            .run_until(stop_signal(stop))
            .boxed()
    })
}

fn postgres_runner(db: &DatabaseConnection, mailer: Mailer) -> RunOnce {
    let pool = db.get_postgres_connection_pool().clone();
    Box::new(move |name, stop| {
        let storage = apalis_postgres::PostgresStorage::<QueuedMail>::new(&pool)
            .with_config(apalis_postgres::Config::default().queue(MAIL_QUEUE))
            .poll_with_strategy(Ticker::every(POLL_INTERVAL));
        WorkerBuilder::new(name)
            .backend(storage)
            .data(mailer.clone())
            .build(deliver)
            .run_until(stop_signal(stop))
            .boxed()
    })
}

/// Runs the worker until stopped, starting it again after failures.
async fn supervise(run_once: RunOnce, kind: &'static str, mut stop: watch::Receiver<bool>) {
    let mut delay = POLL_INTERVAL;
    loop {
        // A new name per run: apalis refuses a name whose heartbeat is still fresh.
        let name = format!("portal-{kind}-{}", ulid::Ulid::generate());
        tracing::debug!(worker = %name, "job worker starting");
        let result = run_once(name, stop.clone()).await;
        // Stopped, or the `MailWorker` was dropped without `stop`.
        if *stop.borrow() || stop.has_changed().is_err() {
            return;
        }
        match result {
            Ok(()) => tracing::warn!(kind, "a job worker ended; starting it again"),
            Err(error) => tracing::error!(kind, %error, "a job worker failed; starting it again"),
        }
        tokio::select! {
            () = tokio::time::sleep(delay) => {}
            _ = stop.wait_for(|stopped| *stopped) => return,
        }
        delay = Ord::min(delay * 2, MAX_RESTART_DELAY);
    }
}

/// Starts this instance's e-mail worker over `db`'s job queue; `link_keys` derive the
/// links of password-reset e-mails.
pub fn start(
    db: &DatabaseConnection,
    config: &MailConfig,
    link_keys: crate::domain::auth::token::TokenKeys,
) -> MailWorker {
    let mailer = match Mailer::from_config(config) {
        Ok(mailer) => mailer.with_link_keys(link_keys),
        Err(error) => {
            // Config::from_env checked this already; the jobs wait in the queue.
            tracing::error!(
                error = format!("{error:#}"),
                "e-mail is not sent: the mail configuration is unusable"
            );
            return JobWorker::not_started();
        }
    };
    let run_once = match db.get_database_backend() {
        DbBackend::Sqlite => sqlite_runner(db, mailer),
        DbBackend::Postgres => postgres_runner(db, mailer),
        other => {
            tracing::error!(backend = ?other, "e-mail is not sent: no job queue for this database");
            return JobWorker::not_started();
        }
    };
    JobWorker::supervised(run_once, "mail")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_exponentially_up_to_ten_minutes() {
        assert_eq!(retry_delay(0), Duration::from_secs(2));
        assert_eq!(retry_delay(1), Duration::from_secs(4));
        assert_eq!(retry_delay(5), Duration::from_secs(64));
        assert_eq!(retry_delay(9), Duration::from_secs(600));
        assert_eq!(retry_delay(usize::MAX), Duration::from_secs(600));
        let total: Duration = (0..super::super::queue::MAX_ATTEMPTS as usize)
            .map(retry_delay)
            .sum();
        assert!(total > Duration::from_secs(20 * 60), "{total:?}");
    }
}
