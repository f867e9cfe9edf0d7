//! Integrations: API keys for machine clients, outbound webhooks and their delivery log.
//!
//! - `api_keys`: the SHA-256 (hex) of each key, never the key; the visible `prefix`
//!   names it in lists and logs; `scopes` is a comma-separated list of scope names;
//!   `company_id` binds a key to one customer company (NULL: the supplier's own key).
//! - `orders.api_key_id`: the key an ingested order came through.
//! - `webhooks`: endpoints staff registered, the events they want (comma-separated) and
//!   the signing secret (kept as is: it signs every delivery).
//! - `webhook_deliveries`: one row per event and endpoint (a replay adds a row), with
//!   its attempts, the last answer and the next retry.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Companies {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Orders {
    Table,
}

#[derive(DeriveIden)]
enum ApiKeys {
    Table,
    Id,
    Name,
    Prefix,
    KeyHash,
    Scopes,
    CompanyId,
    CreatedBy,
    CreatedAt,
    LastUsedAt,
    RevokedAt,
    RevokedBy,
}

#[derive(DeriveIden)]
enum Webhooks {
    Table,
    Id,
    Url,
    Description,
    Events,
    Secret,
    Active,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum WebhookDeliveries {
    Table,
    Id,
    WebhookId,
    Event,
    Payload,
    /// `PENDING`, `RETRYING`, `SUCCEEDED`, `FAILED`.
    Status,
    Attempts,
    LastStatusCode,
    LastDurationMs,
    LastError,
    NextRetryAt,
    CreatedAt,
    DeliveredAt,
    ReplayOf,
}

async fn index(
    manager: &SchemaManager<'_>,
    name: &str,
    table: impl IntoIden,
    columns: Vec<DynIden>,
    unique: bool,
) -> Result<(), DbErr> {
    let mut statement = Index::create();
    statement.name(name).table(table);
    for column in columns {
        statement.col(column);
    }
    if unique {
        statement.unique();
    }
    manager.create_index(statement.to_owned()).await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ApiKeys::Table)
                    .col(big_pk_auto(ApiKeys::Id))
                    .col(string_len(ApiKeys::Name, 100))
                    .col(string_len(ApiKeys::Prefix, 16))
                    .col(string_len(ApiKeys::KeyHash, 64))
                    .col(string_len(ApiKeys::Scopes, 200))
                    .col(big_integer_null(ApiKeys::CompanyId))
                    .col(big_integer(ApiKeys::CreatedBy))
                    .col(timestamp_with_time_zone(ApiKeys::CreatedAt))
                    .col(timestamp_with_time_zone_null(ApiKeys::LastUsedAt))
                    .col(timestamp_with_time_zone_null(ApiKeys::RevokedAt))
                    .col(big_integer_null(ApiKeys::RevokedBy))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_api_keys_company")
                            .from(ApiKeys::Table, ApiKeys::CompanyId)
                            .to(Companies::Table, Companies::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_api_keys_created_by")
                            .from(ApiKeys::Table, ApiKeys::CreatedBy)
                            .to(Users::Table, Users::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_api_keys_revoked_by")
                            .from(ApiKeys::Table, ApiKeys::RevokedBy)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ux_api_keys_key_hash",
            ApiKeys::Table,
            vec![ApiKeys::KeyHash.into_iden()],
            true,
        )
        .await?;
        index(
            manager,
            "ux_api_keys_prefix",
            ApiKeys::Table,
            vec![ApiKeys::Prefix.into_iden()],
            true,
        )
        .await?;
        index(
            manager,
            "ix_api_keys_company",
            ApiKeys::Table,
            vec![ApiKeys::CompanyId.into_iden()],
            false,
        )
        .await?;
        index(
            manager,
            "ix_api_keys_created_by",
            ApiKeys::Table,
            vec![ApiKeys::CreatedBy.into_iden()],
            false,
        )
        .await?;
        index(
            manager,
            "ix_api_keys_revoked_by",
            ApiKeys::Table,
            vec![ApiKeys::RevokedBy.into_iden()],
            false,
        )
        .await?;

        // Plain SQL: SQLite cannot add a foreign key with ALTER TABLE ... ADD CONSTRAINT,
        // but both databases accept a column that references another table.
        manager
            .get_connection()
            .execute_unprepared(
                "ALTER TABLE orders ADD COLUMN api_key_id BIGINT NULL REFERENCES api_keys (id)",
            )
            .await?;
        index(
            manager,
            "ix_orders_api_key",
            Orders::Table,
            vec![Alias::new("api_key_id").into_iden()],
            false,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(Webhooks::Table)
                    .col(big_pk_auto(Webhooks::Id))
                    .col(string_len(Webhooks::Url, 2000))
                    .col(string_len(Webhooks::Description, 200))
                    .col(string_len(Webhooks::Events, 200))
                    .col(string_len(Webhooks::Secret, 64))
                    .col(boolean(Webhooks::Active).default(true))
                    .col(big_integer(Webhooks::CreatedBy))
                    .col(timestamp_with_time_zone(Webhooks::CreatedAt))
                    .col(timestamp_with_time_zone(Webhooks::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_webhooks_created_by")
                            .from(Webhooks::Table, Webhooks::CreatedBy)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ix_webhooks_active",
            Webhooks::Table,
            vec![Webhooks::Active.into_iden()],
            false,
        )
        .await?;
        index(
            manager,
            "ix_webhooks_created_by",
            Webhooks::Table,
            vec![Webhooks::CreatedBy.into_iden()],
            false,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(WebhookDeliveries::Table)
                    .col(big_pk_auto(WebhookDeliveries::Id))
                    .col(big_integer(WebhookDeliveries::WebhookId))
                    .col(string_len(WebhookDeliveries::Event, 40))
                    .col(text(WebhookDeliveries::Payload))
                    .col(string_len(WebhookDeliveries::Status, 16))
                    .col(integer(WebhookDeliveries::Attempts).default(0))
                    .col(integer_null(WebhookDeliveries::LastStatusCode))
                    .col(big_integer_null(WebhookDeliveries::LastDurationMs))
                    .col(string_len_null(WebhookDeliveries::LastError, 500))
                    .col(timestamp_with_time_zone_null(
                        WebhookDeliveries::NextRetryAt,
                    ))
                    .col(timestamp_with_time_zone(WebhookDeliveries::CreatedAt))
                    .col(timestamp_with_time_zone_null(
                        WebhookDeliveries::DeliveredAt,
                    ))
                    .col(big_integer_null(WebhookDeliveries::ReplayOf))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_webhook_deliveries_webhook")
                            .from(WebhookDeliveries::Table, WebhookDeliveries::WebhookId)
                            .to(Webhooks::Table, Webhooks::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_webhook_deliveries_replay_of")
                            .from(WebhookDeliveries::Table, WebhookDeliveries::ReplayOf)
                            .to(WebhookDeliveries::Table, WebhookDeliveries::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        // The delivery log lists one endpoint's deliveries, newest first.
        index(
            manager,
            "ix_webhook_deliveries_webhook",
            WebhookDeliveries::Table,
            vec![
                WebhookDeliveries::WebhookId.into_iden(),
                WebhookDeliveries::Id.into_iden(),
            ],
            false,
        )
        .await?;
        index(
            manager,
            "ix_webhook_deliveries_status",
            WebhookDeliveries::Table,
            vec![WebhookDeliveries::Status.into_iden()],
            false,
        )
        .await?;
        index(
            manager,
            "ix_webhook_deliveries_replay_of",
            WebhookDeliveries::Table,
            vec![WebhookDeliveries::ReplayOf.into_iden()],
            false,
        )
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(WebhookDeliveries::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Webhooks::Table).to_owned())
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("ix_orders_api_key")
                    .table(Orders::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .get_connection()
            .execute_unprepared("ALTER TABLE orders DROP COLUMN api_key_id")
            .await?;
        manager
            .drop_table(Table::drop().table(ApiKeys::Table).to_owned())
            .await?;
        Ok(())
    }
}
