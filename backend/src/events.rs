//! Live updates. A change is announced inside the transaction that makes it and
//! delivered only after commit: on PostgreSQL through `pg_notify` (so every instance
//! on the database hears it, via its LISTEN task), on SQLite through an in-process
//! broadcast (one instance per database file).

use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};
use serde::{Deserialize, Serialize};
use tokio::sync::broadcast;

pub const STOCK_CHANNEL: &str = "stock_changed";
pub const ORDER_CHANNEL: &str = "order_changed";

pub use crate::domain::orders::OrderChange;

/// The available quantity of one product changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StockChange {
    pub product_id: i64,
    pub sku: String,
    pub available: i64,
}

#[derive(Clone)]
pub struct EventBus {
    stock: broadcast::Sender<StockChange>,
    orders: broadcast::Sender<OrderChange>,
    backend: DbBackend,
}

impl EventBus {
    pub fn new(backend: DbBackend) -> EventBus {
        let (stock, _) = broadcast::channel(4096);
        let (orders, _) = broadcast::channel(1024);
        EventBus {
            stock,
            orders,
            backend,
        }
    }

    pub fn subscribe_stock(&self) -> broadcast::Receiver<StockChange> {
        self.stock.subscribe()
    }

    pub fn subscribe_orders(&self) -> broadcast::Receiver<OrderChange> {
        self.orders.subscribe()
    }

    /// Announces an order change inside its transaction (see [`EventBus::announce_in`]).
    pub async fn announce_order_in(
        &self,
        txn: &impl ConnectionTrait,
        change: &OrderChange,
    ) -> Result<(), sea_orm::DbErr> {
        self.announce_with_order_in(txn, &[], Some(change)).await
    }

    /// Delivers an order change after commit (SQLite; PostgreSQL's LISTEN task does it).
    pub fn order_committed(&self, change: OrderChange) {
        if self.backend != DbBackend::Postgres {
            let _ = self.orders.send(change);
        }
    }

    /// Announces changes inside the transaction that made them (before commit).
    pub async fn announce_in(
        &self,
        txn: &impl ConnectionTrait,
        changes: &[StockChange],
    ) -> Result<(), sea_orm::DbErr> {
        self.announce_with_order_in(txn, changes, None).await
    }

    /// Announces stock changes and an order change in one statement on PostgreSQL
    /// (`SELECT pg_notify($1, $2), pg_notify($1, $3), ...`), each change still its own
    /// notification, well under the 8,000-byte limit of a payload. Nothing on SQLite,
    /// where they are delivered after commit.
    pub async fn announce_with_order_in(
        &self,
        txn: &impl ConnectionTrait,
        changes: &[StockChange],
        order: Option<&OrderChange>,
    ) -> Result<(), sea_orm::DbErr> {
        if self.backend != DbBackend::Postgres || (changes.is_empty() && order.is_none()) {
            return Ok(());
        }
        let mut values: Vec<sea_orm::Value> = vec![STOCK_CHANNEL.into(), ORDER_CHANNEL.into()];
        let mut calls = Vec::with_capacity(changes.len() + 1);
        for change in changes {
            values.push(serde_json::to_string(change).unwrap_or_default().into());
            calls.push(format!("pg_notify($1, ${})", values.len()));
        }
        if let Some(order) = order {
            values.push(serde_json::to_string(order).unwrap_or_default().into());
            calls.push(format!("pg_notify($2, ${})", values.len()));
        }
        txn.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            // `$1` and `$2` are named even when one of them is unused: PostgreSQL
            // must know the type of every parameter.
            format!(
                "SELECT {} FROM (SELECT $1::text, $2::text) AS channels",
                calls.join(", ")
            ),
            values,
        ))
        .await?;
        Ok(())
    }

    /// Delivers changes after their transaction committed (SQLite; on PostgreSQL the
    /// LISTEN task delivers them).
    pub fn committed(&self, changes: Vec<StockChange>) {
        if self.backend == DbBackend::Postgres {
            return;
        }
        for change in changes {
            // No subscriber is not an error.
            let _ = self.stock.send(change);
        }
    }

    /// On PostgreSQL, listens for the changes of every instance and feeds the local
    /// broadcast. sqlx reconnects the listener by itself after a lost connection.
    /// Returns the listening task (abort it at shutdown: it holds a pool connection).
    pub fn start_listening(&self, db: &DatabaseConnection) -> Option<tokio::task::JoinHandle<()>> {
        if self.backend != DbBackend::Postgres {
            return None;
        }
        let pool = db.get_postgres_connection_pool().clone();
        let sender = self.stock.clone();
        let orders = self.orders.clone();
        Some(tokio::spawn(async move {
            let mut listener = match sea_orm::sqlx::postgres::PgListener::connect_with(&pool).await
            {
                Ok(listener) => listener,
                Err(error) => {
                    tracing::error!(%error, "cannot LISTEN for live updates");
                    return;
                }
            };
            if let Err(error) = listener.listen_all([STOCK_CHANNEL, ORDER_CHANNEL]).await {
                tracing::error!(%error, "cannot LISTEN for live updates");
                return;
            }
            loop {
                match listener.recv().await {
                    Ok(notification) if notification.channel() == ORDER_CHANNEL => {
                        match serde_json::from_str::<OrderChange>(notification.payload()) {
                            Ok(change) => {
                                let _ = orders.send(change);
                            }
                            Err(error) => {
                                tracing::warn!(%error, "ignoring a malformed order notification")
                            }
                        }
                    }
                    Ok(notification) => {
                        match serde_json::from_str::<StockChange>(notification.payload()) {
                            Ok(change) => {
                                let _ = sender.send(change);
                            }
                            Err(error) => {
                                tracing::warn!(%error, "ignoring a malformed stock notification")
                            }
                        }
                    }
                    Err(error) => {
                        tracing::warn!(%error, "live update listener interrupted; retrying");
                        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
                    }
                }
            }
        }))
    }
}
