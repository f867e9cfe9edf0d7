//! Server-side carts (they survive reloads and devices) and saved order lists.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

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
enum CartLines {
    Table,
    UserId,
    ProductId,
    Quantity,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum SavedLists {
    Table,
    Id,
    UserId,
    Name,
    CreatedAt,
}

#[derive(DeriveIden)]
enum SavedListLines {
    Table,
    ListId,
    ProductId,
    Quantity,
}

fn fk(
    name: &str,
    from: (impl IntoIden + 'static, impl IntoIden + 'static),
    to: (impl IntoIden + 'static, impl IntoIden + 'static),
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CartLines::Table)
                    .col(big_integer(CartLines::UserId))
                    .col(big_integer(CartLines::ProductId))
                    .col(integer(CartLines::Quantity).check(Expr::col(CartLines::Quantity).gt(0)))
                    .col(timestamp_with_time_zone(CartLines::UpdatedAt))
                    .primary_key(
                        Index::create()
                            .col(CartLines::UserId)
                            .col(CartLines::ProductId),
                    )
                    .foreign_key(&mut fk(
                        "fk_cart_lines_user",
                        (CartLines::Table, CartLines::UserId),
                        (Users::Table, Users::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_cart_lines_product",
                        (CartLines::Table, CartLines::ProductId),
                        (Products::Table, Products::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SavedLists::Table)
                    .col(big_pk_auto(SavedLists::Id))
                    .col(big_integer(SavedLists::UserId))
                    .col(string_len(SavedLists::Name, 120))
                    .col(timestamp_with_time_zone(SavedLists::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_saved_lists_user",
                        (SavedLists::Table, SavedLists::UserId),
                        (Users::Table, Users::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_saved_lists_user_name")
                    .table(SavedLists::Table)
                    .col(SavedLists::UserId)
                    .col(SavedLists::Name)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SavedListLines::Table)
                    .col(big_integer(SavedListLines::ListId))
                    .col(big_integer(SavedListLines::ProductId))
                    .col(
                        integer(SavedListLines::Quantity)
                            .check(Expr::col(SavedListLines::Quantity).gt(0)),
                    )
                    .primary_key(
                        Index::create()
                            .col(SavedListLines::ListId)
                            .col(SavedListLines::ProductId),
                    )
                    .foreign_key(&mut fk(
                        "fk_saved_list_lines_list",
                        (SavedListLines::Table, SavedListLines::ListId),
                        (SavedLists::Table, SavedLists::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_saved_list_lines_product",
                        (SavedListLines::Table, SavedListLines::ProductId),
                        (Products::Table, Products::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            SavedListLines::Table.into_iden(),
            SavedLists::Table.into_iden(),
            CartLines::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
