//! Two-factor authentication and the audit log.
//!
//! - `user_totp`: one TOTP secret per user; `enabled_at` is null while an enrolment
//!   waits for its first code. `last_used_step` refuses a code twice (RFC 6238 §5.2).
//! - `user_recovery_codes`: the SHA-256 of each single-use recovery code.
//! - `companies.approvers_require_totp`: a company admin's policy for its approvers.
//! - `audit_log`: append-only. No code path updates or deletes a row, and a trigger on
//!   each database refuses `UPDATE` and `DELETE` of the table.

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
    ApproversRequireTotp,
}

#[derive(DeriveIden)]
enum UserTotp {
    Table,
    UserId,
    /// Base32, as the authenticator app gets it. Never returned after enrolment.
    Secret,
    CreatedAt,
    EnabledAt,
    LastUsedStep,
}

#[derive(DeriveIden)]
enum UserRecoveryCodes {
    Table,
    Id,
    UserId,
    CodeHash,
    UsedAt,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    At,
    ActorUserId,
    ActorEmail,
    CompanyId,
    /// SCREAMING_SNAKE_CASE, e.g. `LOGIN_FAILED`, `PRICE_SET`.
    Action,
    TargetType,
    TargetId,
    Ip,
    RequestId,
    /// JSON text of the state before and after the change.
    Before,
    After,
    /// Lower-cased e-mail, action, target and details, for the text filter.
    SearchText,
}

/// Refuses changes to the audit log on both databases.
const SQLITE_TRIGGERS: [&str; 2] = [
    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log \
     BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log \
     BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
];

const POSTGRES_TRIGGERS: [&str; 2] = [
    "CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ \
     BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$",
    "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log \
     FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(UserTotp::Table)
                    .col(big_integer(UserTotp::UserId).primary_key())
                    .col(string_len(UserTotp::Secret, 64))
                    .col(timestamp_with_time_zone(UserTotp::CreatedAt))
                    .col(timestamp_with_time_zone_null(UserTotp::EnabledAt))
                    .col(big_integer_null(UserTotp::LastUsedStep))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_user_totp_user")
                            .from(UserTotp::Table, UserTotp::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(UserRecoveryCodes::Table)
                    .col(big_pk_auto(UserRecoveryCodes::Id))
                    .col(big_integer(UserRecoveryCodes::UserId))
                    .col(string_len(UserRecoveryCodes::CodeHash, 64))
                    .col(timestamp_with_time_zone_null(UserRecoveryCodes::UsedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_user_recovery_codes_user")
                            .from(UserRecoveryCodes::Table, UserRecoveryCodes::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_user_recovery_codes_user_hash")
                    .table(UserRecoveryCodes::Table)
                    .col(UserRecoveryCodes::UserId)
                    .col(UserRecoveryCodes::CodeHash)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Companies::Table)
                    .add_column(boolean(Companies::ApproversRequireTotp).default(false))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .col(big_pk_auto(AuditLog::Id))
                    .col(timestamp_with_time_zone(AuditLog::At))
                    .col(big_integer_null(AuditLog::ActorUserId))
                    .col(string_len_null(AuditLog::ActorEmail, 320))
                    .col(big_integer_null(AuditLog::CompanyId))
                    .col(string_len(AuditLog::Action, 48))
                    .col(string_len_null(AuditLog::TargetType, 32))
                    .col(string_len_null(AuditLog::TargetId, 64))
                    .col(string_len_null(AuditLog::Ip, 64))
                    .col(string_len_null(AuditLog::RequestId, 64))
                    .col(text_null(AuditLog::Before))
                    .col(text_null(AuditLog::After))
                    .col(text(AuditLog::SearchText))
                    .to_owned(),
            )
            .await?;
        // The list filters by company, action and actor, newest first (keyset on id).
        for (name, column) in [
            ("ix_audit_log_company", AuditLog::CompanyId),
            ("ix_audit_log_action", AuditLog::Action),
            ("ix_audit_log_actor", AuditLog::ActorUserId),
            ("ix_audit_log_at", AuditLog::At),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(AuditLog::Table)
                        .col(column)
                        .to_owned(),
                )
                .await?;
        }
        let triggers = match manager.get_database_backend() {
            sea_orm_migration::sea_orm::DatabaseBackend::Postgres => POSTGRES_TRIGGERS,
            _ => SQLITE_TRIGGERS,
        };
        for statement in triggers {
            manager
                .get_connection()
                .execute_unprepared(statement)
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AuditLog::Table).to_owned())
            .await?;
        if manager.get_database_backend() == sea_orm_migration::sea_orm::DatabaseBackend::Postgres {
            manager
                .get_connection()
                .execute_unprepared("DROP FUNCTION IF EXISTS audit_log_append_only()")
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Companies::Table)
                    .drop_column(Companies::ApproversRequireTotp)
                    .to_owned(),
            )
            .await?;
        for table in [
            UserRecoveryCodes::Table.into_iden(),
            UserTotp::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
