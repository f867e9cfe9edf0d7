//! The catalog: categories (a tree), products, price lists with quantity tiers,
//! per-company assortments, and stock with its movements.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Companies {
    Table,
    Id,
    PriceListId,
    DiscountBasisPoints,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Categories {
    Table,
    Id,
    ParentId,
    NameHe,
    NameEn,
    Position,
}

#[derive(DeriveIden)]
enum Products {
    Table,
    Id,
    Sku,
    NameHe,
    NameEn,
    Description,
    CategoryId,
    Unit,
    PackSize,
    MinOrderQuantity,
    ImageUrl,
    Active,
    /// Lower-cased SKU and names, for search without a function per row.
    SearchText,
    CreatedAt,
}

#[derive(DeriveIden)]
enum PriceLists {
    Table,
    Id,
    Name,
    IsBase,
}

#[derive(DeriveIden)]
enum PriceListItems {
    Table,
    PriceListId,
    ProductId,
    UnitPrice,
}

#[derive(DeriveIden)]
enum PriceTiers {
    Table,
    PriceListId,
    ProductId,
    MinQuantity,
    UnitPrice,
}

#[derive(DeriveIden)]
enum AssortmentCategories {
    Table,
    CompanyId,
    CategoryId,
}

#[derive(DeriveIden)]
enum AssortmentProducts {
    Table,
    CompanyId,
    ProductId,
}

#[derive(DeriveIden)]
enum Stock {
    Table,
    ProductId,
    OnHand,
    Reserved,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum StockMovements {
    Table,
    Id,
    ProductId,
    OnHandDelta,
    ReservedDelta,
    Reason,
    Note,
    ActorId,
    CreatedAt,
}

fn index(
    name: &str,
    table: impl IntoIden + 'static,
    columns: &[&'static str],
) -> IndexCreateStatement {
    let mut statement = Index::create();
    statement.name(name).table(table);
    for column in columns {
        statement.col(Alias::new(*column));
    }
    statement.to_owned()
}

fn foreign_key(
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
                    .table(Categories::Table)
                    .col(big_pk_auto(Categories::Id))
                    .col(big_integer_null(Categories::ParentId))
                    .col(string_len(Categories::NameHe, 200))
                    .col(string_len(Categories::NameEn, 200))
                    .col(integer(Categories::Position).default(0))
                    .foreign_key(&mut foreign_key(
                        "fk_categories_parent",
                        (Categories::Table, Categories::ParentId),
                        (Categories::Table, Categories::Id),
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_categories_parent",
                Categories::Table,
                &["parent_id"],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Products::Table)
                    .col(big_pk_auto(Products::Id))
                    .col(string_len(Products::Sku, 64))
                    .col(string_len(Products::NameHe, 300))
                    .col(string_len(Products::NameEn, 300))
                    .col(text(Products::Description).default(""))
                    .col(big_integer(Products::CategoryId))
                    .col(string_len(Products::Unit, 16))
                    .col(
                        integer(Products::PackSize)
                            .default(1)
                            .check(Expr::col(Products::PackSize).gte(1)),
                    )
                    .col(
                        integer(Products::MinOrderQuantity)
                            .default(1)
                            .check(Expr::col(Products::MinOrderQuantity).gte(1)),
                    )
                    .col(string_len_null(Products::ImageUrl, 500))
                    .col(boolean(Products::Active).default(true))
                    .col(text(Products::SearchText).default(""))
                    .col(timestamp_with_time_zone(Products::CreatedAt))
                    .foreign_key(&mut foreign_key(
                        "fk_products_category",
                        (Products::Table, Products::CategoryId),
                        (Categories::Table, Categories::Id),
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index("ux_products_sku", Products::Table, &["sku"])
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_products_category",
                Products::Table,
                &["category_id"],
            ))
            .await?;
        manager
            .create_index(index("ix_products_name_en", Products::Table, &["name_en"]))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(PriceLists::Table)
                    .col(big_pk_auto(PriceLists::Id))
                    .col(string_len_uniq(PriceLists::Name, 200))
                    .col(boolean(PriceLists::IsBase).default(false))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(PriceListItems::Table)
                    .col(big_integer(PriceListItems::PriceListId))
                    .col(big_integer(PriceListItems::ProductId))
                    .col(
                        big_integer(PriceListItems::UnitPrice)
                            .check(Expr::col(PriceListItems::UnitPrice).gte(0)),
                    )
                    .primary_key(
                        Index::create()
                            .col(PriceListItems::PriceListId)
                            .col(PriceListItems::ProductId),
                    )
                    .foreign_key(&mut foreign_key(
                        "fk_price_list_items_list",
                        (PriceListItems::Table, PriceListItems::PriceListId),
                        (PriceLists::Table, PriceLists::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut foreign_key(
                        "fk_price_list_items_product",
                        (PriceListItems::Table, PriceListItems::ProductId),
                        (Products::Table, Products::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_price_list_items_product",
                PriceListItems::Table,
                &["product_id"],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(PriceTiers::Table)
                    .col(big_integer(PriceTiers::PriceListId))
                    .col(big_integer(PriceTiers::ProductId))
                    .col(
                        integer(PriceTiers::MinQuantity)
                            .check(Expr::col(PriceTiers::MinQuantity).gte(2)),
                    )
                    .col(
                        big_integer(PriceTiers::UnitPrice)
                            .check(Expr::col(PriceTiers::UnitPrice).gte(0)),
                    )
                    .primary_key(
                        Index::create()
                            .col(PriceTiers::PriceListId)
                            .col(PriceTiers::ProductId)
                            .col(PriceTiers::MinQuantity),
                    )
                    .foreign_key(&mut foreign_key(
                        "fk_price_tiers_item",
                        (PriceTiers::Table, PriceTiers::PriceListId),
                        (PriceLists::Table, PriceLists::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut foreign_key(
                        "fk_price_tiers_product",
                        (PriceTiers::Table, PriceTiers::ProductId),
                        (Products::Table, Products::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;

        // A company's own list (NULL: the base list only) and its discount in basis
        // points (750 = 7.5%).
        manager
            .alter_table(
                Table::alter()
                    .table(Companies::Table)
                    .add_column(big_integer_null(Companies::PriceListId))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Companies::Table)
                    .add_column(integer(Companies::DiscountBasisPoints).default(0))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_companies_price_list",
                Companies::Table,
                &["price_list_id"],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AssortmentCategories::Table)
                    .col(big_integer(AssortmentCategories::CompanyId))
                    .col(big_integer(AssortmentCategories::CategoryId))
                    .primary_key(
                        Index::create()
                            .col(AssortmentCategories::CompanyId)
                            .col(AssortmentCategories::CategoryId),
                    )
                    .foreign_key(&mut foreign_key(
                        "fk_assortment_categories_company",
                        (AssortmentCategories::Table, AssortmentCategories::CompanyId),
                        (Companies::Table, Companies::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut foreign_key(
                        "fk_assortment_categories_category",
                        (
                            AssortmentCategories::Table,
                            AssortmentCategories::CategoryId,
                        ),
                        (Categories::Table, Categories::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AssortmentProducts::Table)
                    .col(big_integer(AssortmentProducts::CompanyId))
                    .col(big_integer(AssortmentProducts::ProductId))
                    .primary_key(
                        Index::create()
                            .col(AssortmentProducts::CompanyId)
                            .col(AssortmentProducts::ProductId),
                    )
                    .foreign_key(&mut foreign_key(
                        "fk_assortment_products_company",
                        (AssortmentProducts::Table, AssortmentProducts::CompanyId),
                        (Companies::Table, Companies::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut foreign_key(
                        "fk_assortment_products_product",
                        (AssortmentProducts::Table, AssortmentProducts::ProductId),
                        (Products::Table, Products::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_assortment_products_product",
                AssortmentProducts::Table,
                &["product_id"],
            ))
            .await?;

        // One row per product for now; a warehouse column can join the key later.
        manager
            .create_table(
                Table::create()
                    .table(Stock::Table)
                    .col(big_integer(Stock::ProductId).primary_key())
                    .col(
                        big_integer(Stock::OnHand)
                            .default(0)
                            .check(Expr::col(Stock::OnHand).gte(0)),
                    )
                    .col(
                        big_integer(Stock::Reserved)
                            .default(0)
                            .check(Expr::col(Stock::Reserved).gte(0)),
                    )
                    .col(timestamp_with_time_zone(Stock::UpdatedAt))
                    // Never sell air: reservations can never exceed what is on hand.
                    .check(Expr::col(Stock::Reserved).lte(Expr::col(Stock::OnHand)))
                    .foreign_key(&mut foreign_key(
                        "fk_stock_product",
                        (Stock::Table, Stock::ProductId),
                        (Products::Table, Products::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(StockMovements::Table)
                    .col(big_pk_auto(StockMovements::Id))
                    .col(big_integer(StockMovements::ProductId))
                    .col(big_integer(StockMovements::OnHandDelta))
                    .col(big_integer(StockMovements::ReservedDelta))
                    .col(string_len(StockMovements::Reason, 32))
                    .col(string_len(StockMovements::Note, 500).default(""))
                    .col(big_integer_null(StockMovements::ActorId))
                    .col(timestamp_with_time_zone(StockMovements::CreatedAt))
                    .foreign_key(&mut foreign_key(
                        "fk_stock_movements_product",
                        (StockMovements::Table, StockMovements::ProductId),
                        (Products::Table, Products::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut foreign_key(
                        "fk_stock_movements_actor",
                        (StockMovements::Table, StockMovements::ActorId),
                        (Users::Table, Users::Id),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_stock_movements_product",
                StockMovements::Table,
                &["product_id", "created_at"],
            ))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            StockMovements::Table.into_iden(),
            Stock::Table.into_iden(),
            AssortmentProducts::Table.into_iden(),
            AssortmentCategories::Table.into_iden(),
            PriceTiers::Table.into_iden(),
            PriceListItems::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        manager
            .drop_index(
                Index::drop()
                    .name("ix_companies_price_list")
                    .table(Companies::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Companies::Table)
                    .drop_column(Companies::DiscountBasisPoints)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Companies::Table)
                    .drop_column(Companies::PriceListId)
                    .to_owned(),
            )
            .await?;
        for table in [
            PriceLists::Table.into_iden(),
            Products::Table.into_iden(),
            Categories::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
