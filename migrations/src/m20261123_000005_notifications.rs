//! In-app notifications: one row per recipient and event (an order waiting for an
//! approver, an order approved or rejected for its buyer), written in the same
//! transaction as the order change.
//!
//! The e-mail job queue is not here: its tables belong to apalis and are created by
//! its own migrations (`backend::notifications::queue::migrate`).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Orders {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Notifications {
    Table,
    Id,
    UserId,
    OrderId,
    /// `APPROVAL_NEEDED`, `ORDER_APPROVED`, `ORDER_REJECTED`.
    Kind,
    Title,
    Body,
    /// A path inside the web app, e.g. `/approvals/42`.
    Link,
    CreatedAt,
    ReadAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Notifications::Table)
                    .col(big_pk_auto(Notifications::Id))
                    .col(big_integer(Notifications::UserId))
                    .col(big_integer_null(Notifications::OrderId))
                    .col(string_len(Notifications::Kind, 32))
                    .col(string_len(Notifications::Title, 300))
                    .col(text(Notifications::Body))
                    .col(string_len(Notifications::Link, 300))
                    .col(timestamp_with_time_zone(Notifications::CreatedAt))
                    .col(timestamp_with_time_zone_null(Notifications::ReadAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_notifications_user")
                            .from(Notifications::Table, Notifications::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_notifications_order")
                            .from(Notifications::Table, Notifications::OrderId)
                            .to(Orders::Table, Orders::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // The inbox: a user's notifications, newest first, by keyset on the id.
        manager
            .create_index(
                Index::create()
                    .name("ix_notifications_user")
                    .table(Notifications::Table)
                    .col(Notifications::UserId)
                    .col(Notifications::Id)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_notifications_order")
                    .table(Notifications::Table)
                    .col(Notifications::OrderId)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Notifications::Table).to_owned())
            .await
    }
}
