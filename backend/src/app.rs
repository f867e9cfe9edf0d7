//! Assembling the application: database, schema, router, and serving it.

use std::future::Future;

use anyhow::Context;
use axum::Router;
use sea_orm::DatabaseConnection;
use tokio::net::TcpListener;

use crate::config::Config;
use crate::domain::auth::throttle::LoginThrottle;
use crate::domain::auth::{password, token::TokenKeys, totp::TotpPolicy};
use crate::events::EventBus;
use crate::graphql::build_schema;
use crate::graphql::executor::PortalExecutor;
use crate::http::{self, AppState};
use crate::notifications::{self, worker::JobWorker, worker::MailWorker};
use crate::{db, seed};

pub struct App {
    pub router: Router,
    pub db: DatabaseConnection,
    /// This instance's e-mail worker, stopped after the last request.
    mail_worker: MailWorker,
    /// This instance's webhook worker, stopped with it.
    webhook_worker: JobWorker,
    /// PostgreSQL's LISTEN task for live updates (none on SQLite).
    listener: Option<tokio::task::JoinHandle<()>>,
}

impl App {
    /// Connects, migrates, seeds the demo data when asked and the database has no
    /// users yet, and builds the router.
    pub async fn build(config: &Config) -> anyhow::Result<App> {
        let db = db::connect(&config.database_url).await?;
        db::migrate(&db).await?;
        if config.demo {
            seed::seed_demo_if_empty(&db)
                .await
                .context("seeding the demo data failed")?;
        }
        // A database that has orders from before suggestions existed gets its counts
        // once; afterwards every order keeps them current.
        if crate::domain::suggestions::counts::rebuild_if_empty(&db)
            .await
            .map_err(|error| anyhow::anyhow!("counting orders for suggestions: {error:?}"))?
        {
            tracing::info!("suggestion counts rebuilt from the order history");
        }
        password::warm_up().await;
        Ok(App::from_database(db, config))
    }

    /// The router over an already migrated database.
    pub fn from_database(db: DatabaseConnection, config: &Config) -> App {
        // Installs the Prometheus recorder before the first request is counted.
        crate::telemetry::metrics_handle();
        let token_keys = TokenKeys::new(&config.jwt_secret, config.access_token_minutes)
            .accepting_previous(&config.jwt_previous_secrets);
        let events = EventBus::new(db.get_database_backend());
        let listener = events.start_listening(&db);
        let schema = PortalExecutor::new(build_schema(
            db.clone(),
            token_keys.clone(),
            events,
            config.supplier.clone(),
            TotpPolicy {
                required_for_staff_and_admins: config.require_totp,
            },
            std::sync::Arc::new(LoginThrottle::new(config.login_limits)),
        ));
        let mail_worker = notifications::worker::start(&db, &config.mail, token_keys.clone());
        let webhook_worker = crate::webhooks::worker::start(&db, &config.webhooks);
        let state = AppState {
            db: db.clone(),
            schema,
            token_keys,
            supplier: config.supplier.clone(),
            trusted_proxies: config.trusted_proxies.clone().into(),
        };
        let security = http::security::SecurityHeaders::new(
            config.static_dir.as_deref(),
            &config.mail.public_url,
        );
        let router = http::router(state, config.static_dir.as_deref(), security);
        App {
            router,
            db,
            mail_worker,
            webhook_worker,
            listener,
        }
    }

    /// Serves until `shutdown` completes, then finishes the requests in flight.
    pub async fn serve(
        self,
        listener: TcpListener,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        // The peer address is the client's IP: for the login throttle
        // (`http/client_ip.rs`) and the audit log.
        let service = self
            .router
            .into_make_service_with_connect_info::<std::net::SocketAddr>();
        axum::serve(listener, service)
            .with_graceful_shutdown(shutdown)
            .await
            .context("the HTTP server failed")?;
        self.mail_worker.stop().await;
        self.webhook_worker.stop().await;
        if let Some(listener) = self.listener {
            listener.abort();
        }
        // Bounded: a connection still held elsewhere must not keep the process alive.
        let _ = tokio::time::timeout(std::time::Duration::from_secs(5), self.db.close()).await;
        Ok(())
    }
}
