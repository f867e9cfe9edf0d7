//! Orders: the order with its lines, the append-only event trail, and approvals.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Companies {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Products {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum CostCenters {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Orders {
    Table,
    Id,
    Number,
    CompanyId,
    PlacedBy,
    Status,
    Channel,
    CostCenterId,
    Note,
    Subtotal,
    Vat,
    Total,
    ApprovalsRequired,
    /// JSON list of the reasons the approval rules gave.
    ApprovalReasons,
    IdempotencyKey,
    /// Bumped by every change: concurrent changes of one order land exactly once.
    Version,
    CreatedAt,
    UpdatedAt,
    SubmittedAt,
}

#[derive(DeriveIden)]
enum OrderLines {
    Table,
    Id,
    OrderId,
    ProductId,
    Sku,
    NameHe,
    NameEn,
    Quantity,
    UnitPrice,
    LineTotal,
}

#[derive(DeriveIden)]
enum OrderEvents {
    Table,
    Id,
    OrderId,
    At,
    Kind,
    Status,
    ActorId,
    Comment,
}

#[derive(DeriveIden)]
enum OrderApprovals {
    Table,
    OrderId,
    ApproverId,
    At,
}

fn fk(
    name: &str,
    from: (impl IntoIden + 'static, impl IntoIden + 'static),
    to: (impl IntoIden + 'static, impl IntoIden + 'static),
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(on_delete)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Orders::Table)
                    .col(big_pk_auto(Orders::Id))
                    .col(string_len(Orders::Number, 32).default(""))
                    .col(big_integer(Orders::CompanyId))
                    .col(big_integer(Orders::PlacedBy))
                    .col(string_len(Orders::Status, 32))
                    .col(string_len(Orders::Channel, 16).default("PORTAL"))
                    .col(big_integer_null(Orders::CostCenterId))
                    .col(string_len(Orders::Note, 1000).default(""))
                    .col(big_integer(Orders::Subtotal))
                    .col(big_integer(Orders::Vat))
                    .col(big_integer(Orders::Total))
                    .col(integer(Orders::ApprovalsRequired).default(0))
                    .col(text(Orders::ApprovalReasons).default("[]"))
                    .col(string_len_null(Orders::IdempotencyKey, 100))
                    .col(integer(Orders::Version).default(0))
                    .col(timestamp_with_time_zone(Orders::CreatedAt))
                    .col(timestamp_with_time_zone(Orders::UpdatedAt))
                    .col(timestamp_with_time_zone_null(Orders::SubmittedAt))
                    .foreign_key(&mut fk(
                        "fk_orders_company",
                        (Orders::Table, Orders::CompanyId),
                        (Companies::Table, Companies::Id),
                        ForeignKeyAction::Restrict,
                    ))
                    .foreign_key(&mut fk(
                        "fk_orders_placed_by",
                        (Orders::Table, Orders::PlacedBy),
                        (Users::Table, Users::Id),
                        ForeignKeyAction::Restrict,
                    ))
                    .foreign_key(&mut fk(
                        "fk_orders_cost_center",
                        (Orders::Table, Orders::CostCenterId),
                        (CostCenters::Table, CostCenters::Id),
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        for (name, columns, unique) in [
            (
                "ix_orders_company_created",
                vec![Orders::CompanyId, Orders::Id],
                false,
            ),
            ("ix_orders_status", vec![Orders::Status, Orders::Id], false),
            (
                "ix_orders_cost_center",
                vec![Orders::CostCenterId, Orders::CreatedAt],
                false,
            ),
            (
                "ux_orders_idempotency",
                vec![Orders::PlacedBy, Orders::IdempotencyKey],
                true,
            ),
            ("ix_orders_number", vec![Orders::Number], false),
        ] {
            let mut index = Index::create();
            index.name(name).table(Orders::Table);
            for column in columns {
                index.col(column);
            }
            if unique {
                index.unique();
            }
            manager.create_index(index.to_owned()).await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(OrderLines::Table)
                    .col(big_pk_auto(OrderLines::Id))
                    .col(big_integer(OrderLines::OrderId))
                    .col(big_integer(OrderLines::ProductId))
                    .col(string_len(OrderLines::Sku, 64))
                    .col(string_len(OrderLines::NameHe, 300))
                    .col(string_len(OrderLines::NameEn, 300))
                    .col(integer(OrderLines::Quantity).check(Expr::col(OrderLines::Quantity).gt(0)))
                    .col(big_integer(OrderLines::UnitPrice))
                    .col(big_integer(OrderLines::LineTotal))
                    .foreign_key(&mut fk(
                        "fk_order_lines_order",
                        (OrderLines::Table, OrderLines::OrderId),
                        (Orders::Table, Orders::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_order_lines_product",
                        (OrderLines::Table, OrderLines::ProductId),
                        (Products::Table, Products::Id),
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_order_lines_order")
                    .table(OrderLines::Table)
                    .col(OrderLines::OrderId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_order_lines_product")
                    .table(OrderLines::Table)
                    .col(OrderLines::ProductId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(OrderEvents::Table)
                    .col(big_pk_auto(OrderEvents::Id))
                    .col(big_integer(OrderEvents::OrderId))
                    .col(timestamp_with_time_zone(OrderEvents::At))
                    .col(string_len(OrderEvents::Kind, 32))
                    .col(string_len(OrderEvents::Status, 32))
                    .col(big_integer_null(OrderEvents::ActorId))
                    .col(string_len(OrderEvents::Comment, 1000).default(""))
                    .foreign_key(&mut fk(
                        "fk_order_events_order",
                        (OrderEvents::Table, OrderEvents::OrderId),
                        (Orders::Table, Orders::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_order_events_actor",
                        (OrderEvents::Table, OrderEvents::ActorId),
                        (Users::Table, Users::Id),
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_order_events_order")
                    .table(OrderEvents::Table)
                    .col(OrderEvents::OrderId)
                    .col(OrderEvents::Id)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(OrderApprovals::Table)
                    .col(big_integer(OrderApprovals::OrderId))
                    .col(big_integer(OrderApprovals::ApproverId))
                    .col(timestamp_with_time_zone(OrderApprovals::At))
                    // One approval per approver: two-level orders need two people.
                    .primary_key(
                        Index::create()
                            .col(OrderApprovals::OrderId)
                            .col(OrderApprovals::ApproverId),
                    )
                    .foreign_key(&mut fk(
                        "fk_order_approvals_order",
                        (OrderApprovals::Table, OrderApprovals::OrderId),
                        (Orders::Table, Orders::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_order_approvals_approver",
                        (OrderApprovals::Table, OrderApprovals::ApproverId),
                        (Users::Table, Users::Id),
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            OrderApprovals::Table.into_iden(),
            OrderEvents::Table.into_iden(),
            OrderLines::Table.into_iden(),
            Orders::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
