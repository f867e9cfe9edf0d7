//! Company onboarding: suspension and invitations.
//!
//! - `companies.suspended_reason`, `companies.suspended_at`: why and since when a
//!   company may not order. The existing `active` flag is the switch the order path
//!   reads (false: suspended); these two columns say why, for staff and the buyer's
//!   banner.
//! - `invitations`: an e-mailed, single-use link that lets a person create its account
//!   in a company with a given role. The token is stored as SHA-256 only (like
//!   `password_resets`); expiry, acceptance and revocation are timestamps, so the status
//!   (pending, accepted, expired, revoked) is derived, never stored twice.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Companies {
    Table,
    Id,
    SuspendedReason,
    SuspendedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Invitations {
    Table,
    Id,
    CompanyId,
    Email,
    Name,
    Role,
    TokenHash,
    InvitedBy,
    CreatedAt,
    ExpiresAt,
    AcceptedAt,
    AcceptedUserId,
    RevokedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite alters one column per statement.
        manager
            .alter_table(
                Table::alter()
                    .table(Companies::Table)
                    .add_column(string_len_null(Companies::SuspendedReason, 500))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Companies::Table)
                    .add_column(timestamp_with_time_zone_null(Companies::SuspendedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Invitations::Table)
                    .col(big_pk_auto(Invitations::Id))
                    .col(big_integer(Invitations::CompanyId))
                    .col(string_len(Invitations::Email, 254))
                    .col(string_len(Invitations::Name, 200))
                    .col(string_len(Invitations::Role, 16))
                    .col(string_len(Invitations::TokenHash, 64))
                    .col(big_integer(Invitations::InvitedBy))
                    .col(timestamp_with_time_zone(Invitations::CreatedAt))
                    .col(timestamp_with_time_zone(Invitations::ExpiresAt))
                    .col(timestamp_with_time_zone_null(Invitations::AcceptedAt))
                    .col(big_integer_null(Invitations::AcceptedUserId))
                    .col(timestamp_with_time_zone_null(Invitations::RevokedAt))
                    .check(Expr::cust(
                        "role IN ('BUYER', 'APPROVER', 'VIEWER', 'COMPANY_ADMIN')",
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_invitations_company")
                            .from(Invitations::Table, Invitations::CompanyId)
                            .to(Companies::Table, Companies::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_invitations_invited_by")
                            .from(Invitations::Table, Invitations::InvitedBy)
                            .to(Users::Table, Users::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_invitations_accepted_user")
                            .from(Invitations::Table, Invitations::AcceptedUserId)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_invitations_token_hash")
                    .table(Invitations::Table)
                    .col(Invitations::TokenHash)
                    .unique()
                    .to_owned(),
            )
            .await?;
        // Lists filter by company; a new invitation looks for a pending one of the same
        // e-mail; the foreign keys to users get theirs.
        for (name, column) in [
            ("ix_invitations_company", Invitations::CompanyId),
            ("ix_invitations_email", Invitations::Email),
            ("ix_invitations_invited_by", Invitations::InvitedBy),
            ("ix_invitations_accepted_user", Invitations::AcceptedUserId),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(Invitations::Table)
                        .col(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Invitations::Table).to_owned())
            .await?;
        for column in [Companies::SuspendedAt, Companies::SuspendedReason] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Companies::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
