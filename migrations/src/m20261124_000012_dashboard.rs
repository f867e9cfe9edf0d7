//! Indexes for the staff dashboard's measures (`backend/src/domain/insight`).
//!
//! - `orders(submitted_at)`: sales, units and purchase frequency select the orders that
//!   reached the supplier within a date range.
//! - `order_events(status, at)`: delivery time and approval turnaround select the events
//!   that moved an order into a status within a date range.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Orders {
    Table,
    SubmittedAt,
}

#[derive(DeriveIden)]
enum OrderEvents {
    Table,
    Status,
    At,
}

const ORDERS_SUBMITTED_AT: &str = "ix_orders_submitted_at";
const ORDER_EVENTS_STATUS_AT: &str = "ix_order_events_status_at";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name(ORDERS_SUBMITTED_AT)
                    .table(Orders::Table)
                    .col(Orders::SubmittedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(ORDER_EVENTS_STATUS_AT)
                    .table(OrderEvents::Table)
                    .col(OrderEvents::Status)
                    .col(OrderEvents::At)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name(ORDER_EVENTS_STATUS_AT)
                    .table(OrderEvents::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name(ORDERS_SUBMITTED_AT)
                    .table(Orders::Table)
                    .to_owned(),
            )
            .await
    }
}
