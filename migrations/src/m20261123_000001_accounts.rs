//! The ground floor: customer companies, their cost centres, and users (supplier staff
//! and customer users with roles).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Companies {
    Table,
    Id,
    Name,
    VatNumber,
    Currency,
    PaymentTerms,
    PaymentDays,
    CreditLimit,
    AutoApprovalLimit,
    DualApprovalLimit,
    Active,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    Email,
    Name,
    PasswordHash,
    Role,
    CompanyId,
    Active,
    OrderLimit,
    ApprovalLimit,
    Language,
    CreatedAt,
}

#[derive(DeriveIden)]
enum CostCenters {
    Table,
    Id,
    CompanyId,
    Name,
    MonthlyBudget,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Companies::Table)
                    .col(big_pk_auto(Companies::Id))
                    .col(string_len_uniq(Companies::Name, 200))
                    .col(string_len_null(Companies::VatNumber, 32))
                    .col(string_len(Companies::Currency, 3).default("ILS"))
                    // NET (net N days) or EOM (end of month plus N days: "shotef + N").
                    .col(string_len(Companies::PaymentTerms, 8).default("NET"))
                    .col(integer(Companies::PaymentDays).default(30))
                    .col(big_integer(Companies::CreditLimit).default(0))
                    // Orders above this net total need one approval; NULL: never.
                    .col(big_integer_null(Companies::AutoApprovalLimit))
                    // Orders above this net total need two distinct approvers; NULL: never.
                    .col(big_integer_null(Companies::DualApprovalLimit))
                    .col(boolean(Companies::Active).default(true))
                    .col(timestamp_with_time_zone(Companies::CreatedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Users::Table)
                    .col(big_pk_auto(Users::Id))
                    .col(string_len(Users::Email, 254))
                    .col(string_len(Users::Name, 200))
                    .col(string_len(Users::PasswordHash, 200))
                    .col(string_len(Users::Role, 32))
                    .col(big_integer_null(Users::CompanyId))
                    .col(boolean(Users::Active).default(true))
                    // A buyer's personal per-order limit (net); NULL: none.
                    .col(big_integer_null(Users::OrderLimit))
                    // The largest order (net) an approver may approve; NULL: no limit.
                    .col(big_integer_null(Users::ApprovalLimit))
                    .col(string_len(Users::Language, 2).default("he"))
                    .col(timestamp_with_time_zone(Users::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_users_company")
                            .from(Users::Table, Users::CompanyId)
                            .to(Companies::Table, Companies::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    // Supplier staff belong to no company; every other role belongs to one.
                    .check(Expr::cust(
                        "(role = 'SUPPLIER_STAFF' AND company_id IS NULL) OR \
                         (role IN ('BUYER', 'APPROVER', 'VIEWER', 'COMPANY_ADMIN') AND company_id IS NOT NULL)",
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_users_email")
                    .table(Users::Table)
                    .col(Users::Email)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_users_company")
                    .table(Users::Table)
                    .col(Users::CompanyId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(CostCenters::Table)
                    .col(big_pk_auto(CostCenters::Id))
                    .col(big_integer(CostCenters::CompanyId))
                    .col(string_len(CostCenters::Name, 120))
                    .col(big_integer_null(CostCenters::MonthlyBudget))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_cost_centers_company")
                            .from(CostCenters::Table, CostCenters::CompanyId)
                            .to(Companies::Table, Companies::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_cost_centers_company_name")
                    .table(CostCenters::Table)
                    .col(CostCenters::CompanyId)
                    .col(CostCenters::Name)
                    .unique()
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(CostCenters::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Users::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Companies::Table).to_owned())
            .await
    }
}
