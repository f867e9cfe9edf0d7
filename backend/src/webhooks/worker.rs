//! The webhook worker: one per server instance beside the e-mail worker, over the same
//! apalis storage (queue [`WEBHOOK_QUEUE`]), so a delivery goes to one worker even with
//! several instances on one database.
//!
//! Each attempt POSTs the stored body with `X-Portal-Event`, `X-Portal-Delivery` (the
//! delivery's id: receivers de-duplicate by it), `X-Portal-Timestamp` and
//! `X-Portal-Signature`, waits at most [`ATTEMPT_TIMEOUT`], and records the answer on
//! the delivery's row. A non-2xx answer or an error pauses (the configured base delay,
//! doubled per attempt) and fails the job, which apalis hands out again; after
//! [`MAX_ATTEMPTS`] the log says `FAILED`. Redirects are not followed (see the SSRF
//! note in `webhooks/mod.rs`).

use std::time::{Duration, Instant};

use apalis::prelude::{BackendExt, BoxDynError, Data, WorkerBuilder};
use chrono::Utc;
use futures_util::FutureExt;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, DatabaseConnection, DbBackend, EntityTrait};
use tokio::sync::watch;

use super::DeliveryStatus;
use super::queue::{MAX_ATTEMPTS, WEBHOOK_QUEUE, WebhookJob};
use super::signing::signature;
use crate::config::WebhookConfig;
use crate::entities::{webhook, webhook_delivery};
use crate::notifications::worker::{
    JobWorker, POLL_INTERVAL, RunOnce, Ticker, backoff, stop_signal,
};

/// The longest wait for an endpoint's answer.
pub const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(10);

/// The longest error text kept on a delivery.
const MAX_ERROR_LENGTH: usize = 500;

/// What an attempt needs: the database and one HTTP client (its connection pool).
#[derive(Clone)]
pub struct Sender {
    db: DatabaseConnection,
    client: reqwest::Client,
    config: WebhookConfig,
    /// Turns true when the server stops: a backoff pause ends at once (the job is
    /// taken up again after the restart).
    stopping: watch::Receiver<bool>,
}

/// How one attempt ended.
struct Outcome {
    status_code: Option<i32>,
    error: Option<String>,
    duration: Duration,
}

impl Sender {
    async fn post(&self, endpoint: &webhook::Model, delivery: &webhook_delivery::Model) -> Outcome {
        let timestamp = Utc::now().timestamp();
        let started = Instant::now();
        let sent = self
            .client
            .post(&endpoint.url)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .header("X-Portal-Event", &delivery.event)
            .header("X-Portal-Delivery", delivery.id.to_string())
            .header("X-Portal-Timestamp", timestamp.to_string())
            .header(
                "X-Portal-Signature",
                signature(&endpoint.secret, timestamp, &delivery.payload),
            )
            .body(delivery.payload.clone())
            .send()
            .await;
        let duration = started.elapsed();
        match sent {
            Ok(response) if response.status().is_success() => Outcome {
                status_code: Some(i32::from(response.status().as_u16())),
                error: None,
                duration,
            },
            Ok(response) => Outcome {
                status_code: Some(i32::from(response.status().as_u16())),
                error: Some(format!("The endpoint answered {}", response.status())),
                duration,
            },
            Err(error) => Outcome {
                status_code: None,
                error: Some(describe(error)),
                duration,
            },
        }
    }

    /// One attempt of `job`; an `Err` makes apalis try again.
    async fn attempt(&self, job: &WebhookJob) -> Result<(), BoxDynError> {
        let Some(delivery) = webhook_delivery::Entity::find_by_id(job.delivery_id)
            .one(&self.db)
            .await?
        else {
            // Its endpoint was deleted with its log.
            return Ok(());
        };
        if matches!(
            DeliveryStatus::parse(&delivery.status),
            Some(DeliveryStatus::Succeeded | DeliveryStatus::Failed)
        ) {
            return Ok(());
        }
        let Some(endpoint) = webhook::Entity::find_by_id(delivery.webhook_id)
            .one(&self.db)
            .await?
        else {
            return Ok(());
        };
        let outcome = self.post(&endpoint, &delivery).await;
        let attempts = delivery.attempts + 1;
        let now = Utc::now();
        let mut row: webhook_delivery::ActiveModel = delivery.into();
        row.attempts = Set(attempts);
        row.last_status_code = Set(outcome.status_code);
        row.last_duration_ms = Set(Some(
            i64::try_from(outcome.duration.as_millis()).unwrap_or(i64::MAX),
        ));
        row.last_error = Set(outcome.error.clone());
        let Some(error) = outcome.error else {
            row.status = Set(DeliveryStatus::Succeeded.as_str().to_owned());
            row.next_retry_at = Set(None);
            row.delivered_at = Set(Some(now));
            row.update(&self.db).await?;
            return Ok(());
        };
        if attempts >= MAX_ATTEMPTS {
            row.status = Set(DeliveryStatus::Failed.as_str().to_owned());
            row.next_retry_at = Set(None);
            row.update(&self.db).await?;
            tracing::warn!(delivery = job.delivery_id, attempts, %error, "webhook delivery failed for good");
            return Ok(());
        }
        let delay = backoff(
            self.config.retry_base_delay,
            self.config.retry_max_delay,
            usize::try_from(attempts - 1).unwrap_or(0),
        );
        row.status = Set(DeliveryStatus::Retrying.as_str().to_owned());
        row.next_retry_at = Set(chrono::Duration::from_std(delay)
            .ok()
            .map(|delay| now + delay));
        row.update(&self.db).await?;
        tracing::info!(delivery = job.delivery_id, attempts, retry_in_ms = delay.as_millis() as u64, %error, "webhook delivery will be retried");
        // apalis hands a failed job out again at once: the pause is the backoff.
        let mut stopping = self.stopping.clone();
        tokio::select! {
            () = tokio::time::sleep(delay) => {}
            _ = stopping.wait_for(|stopped| *stopped) => {}
        }
        Err(BoxDynError::from(error))
    }
}

/// An HTTP error in words, without the URL's query (it may carry a token).
fn describe(error: reqwest::Error) -> String {
    let kind = if error.is_timeout() {
        "timed out"
    } else if error.is_connect() {
        "could not connect"
    } else if error.is_redirect() {
        "answered with a redirect, which is not followed"
    } else {
        "failed"
    };
    let mut text = format!("The request {kind}: {}", error.without_url());
    text.truncate(
        text.char_indices()
            .nth(MAX_ERROR_LENGTH)
            .map_or(text.len(), |(index, _)| index),
    );
    text
}

async fn deliver(job: WebhookJob, sender: Data<Sender>) -> Result<(), BoxDynError> {
    sender.attempt(&job).await
}

fn runner(db: &DatabaseConnection, sender: Sender) -> Option<RunOnce> {
    match db.get_database_backend() {
        DbBackend::Sqlite => {
            let pool = db.get_sqlite_connection_pool().clone();
            Some(Box::new(move |name, stop| {
                let storage = apalis_sqlite::SqliteStorage::<WebhookJob>::new(&pool)
                    .with_config(apalis_sqlite::Config::default().queue(WEBHOOK_QUEUE))
                    .poll_with_strategy(Ticker::every(POLL_INTERVAL));
                WorkerBuilder::new(name)
                    .backend(storage)
                    .data(sender.clone())
                    .build(deliver)
                    .run_until(stop_signal(stop))
                    .boxed()
            }))
        }
        DbBackend::Postgres => {
            let pool = db.get_postgres_connection_pool().clone();
            Some(Box::new(move |name, stop| {
                let storage = apalis_postgres::PostgresStorage::<WebhookJob>::new(&pool)
                    .with_config(apalis_postgres::Config::default().queue(WEBHOOK_QUEUE))
                    .poll_with_strategy(Ticker::every(POLL_INTERVAL));
                WorkerBuilder::new(name)
                    .backend(storage)
                    .data(sender.clone())
                    .build(deliver)
                    .run_until(stop_signal(stop))
                    .boxed()
            }))
        }
        _ => None,
    }
}

/// Starts this instance's webhook worker.
pub fn start(db: &DatabaseConnection, config: &WebhookConfig) -> JobWorker {
    let client = match reqwest::Client::builder()
        .timeout(ATTEMPT_TIMEOUT)
        .redirect(reqwest::redirect::Policy::none())
        .user_agent("portal-webhooks/1")
        .build()
    {
        Ok(client) => client,
        Err(error) => {
            tracing::error!(%error, "webhooks are not sent: no HTTP client");
            return JobWorker::not_started();
        }
    };
    let (stop, stopping) = watch::channel(false);
    let sender = Sender {
        db: db.clone(),
        client,
        config: config.clone(),
        stopping,
    };
    match runner(db, sender) {
        Some(run_once) => JobWorker::supervised_on(run_once, "webhooks", stop),
        None => {
            tracing::error!("webhooks are not sent: no job queue for this database");
            JobWorker::not_started()
        }
    }
}
