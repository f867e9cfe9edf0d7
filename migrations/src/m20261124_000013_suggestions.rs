//! The counts behind buyer suggestions, kept up to date in the transaction of each
//! placed, rejected or cancelled order (`backend::domain::suggestions`), so a
//! suggestion is an indexed read and never a scan of the order history.
//!
//! - `product_order_counts`: in how many counted orders each product is.
//! - `product_pair_counts`: in how many counted orders two products are together;
//!   both directions are stored (`(a, b)` and `(b, a)`) so "what goes with the cart"
//!   is a primary-key range read per cart product.
//! - `company_product_purchases`: per company and product, the days of its counted
//!   orders (the latest ones, JSON) and what they say: the typical interval between
//!   purchases, when the next one is due and when the rhythm counts as lapsed.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Products {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Companies {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum ProductOrderCounts {
    Table,
    ProductId,
    OrderCount,
}

#[derive(DeriveIden)]
enum ProductPairCounts {
    Table,
    ProductId,
    OtherProductId,
    OrdersTogether,
}

#[derive(DeriveIden)]
enum CompanyProductPurchases {
    Table,
    CompanyId,
    ProductId,
    OrderCount,
    /// JSON array of `YYYY-MM-DD`, ascending, one entry per counted order (latest only).
    OrderDays,
    LastOrderedOn,
    IntervalDays,
    DueOn,
    LapsesOn,
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
                    .table(ProductOrderCounts::Table)
                    .col(big_integer(ProductOrderCounts::ProductId).primary_key())
                    .col(big_integer(ProductOrderCounts::OrderCount))
                    .foreign_key(&mut fk(
                        "fk_product_order_counts_product",
                        (ProductOrderCounts::Table, ProductOrderCounts::ProductId),
                        (Products::Table, Products::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ProductPairCounts::Table)
                    .col(big_integer(ProductPairCounts::ProductId))
                    .col(big_integer(ProductPairCounts::OtherProductId))
                    .col(big_integer(ProductPairCounts::OrdersTogether))
                    .primary_key(
                        Index::create()
                            .col(ProductPairCounts::ProductId)
                            .col(ProductPairCounts::OtherProductId),
                    )
                    .foreign_key(&mut fk(
                        "fk_product_pair_counts_product",
                        (ProductPairCounts::Table, ProductPairCounts::ProductId),
                        (Products::Table, Products::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_product_pair_counts_other",
                        (ProductPairCounts::Table, ProductPairCounts::OtherProductId),
                        (Products::Table, Products::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_product_pair_counts_other")
                    .table(ProductPairCounts::Table)
                    .col(ProductPairCounts::OtherProductId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CompanyProductPurchases::Table)
                    .col(big_integer(CompanyProductPurchases::CompanyId))
                    .col(big_integer(CompanyProductPurchases::ProductId))
                    .col(big_integer(CompanyProductPurchases::OrderCount))
                    .col(text(CompanyProductPurchases::OrderDays))
                    .col(date(CompanyProductPurchases::LastOrderedOn))
                    .col(integer_null(CompanyProductPurchases::IntervalDays))
                    .col(date_null(CompanyProductPurchases::DueOn))
                    .col(date_null(CompanyProductPurchases::LapsesOn))
                    .primary_key(
                        Index::create()
                            .col(CompanyProductPurchases::CompanyId)
                            .col(CompanyProductPurchases::ProductId),
                    )
                    .foreign_key(&mut fk(
                        "fk_company_product_purchases_company",
                        (
                            CompanyProductPurchases::Table,
                            CompanyProductPurchases::CompanyId,
                        ),
                        (Companies::Table, Companies::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_company_product_purchases_product",
                        (
                            CompanyProductPurchases::Table,
                            CompanyProductPurchases::ProductId,
                        ),
                        (Products::Table, Products::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        // "What is due for this company": a range of `due_on` within one company.
        manager
            .create_index(
                Index::create()
                    .name("ix_company_product_purchases_due")
                    .table(CompanyProductPurchases::Table)
                    .col(CompanyProductPurchases::CompanyId)
                    .col(CompanyProductPurchases::DueOn)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_company_product_purchases_product")
                    .table(CompanyProductPurchases::Table)
                    .col(CompanyProductPurchases::ProductId)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            CompanyProductPurchases::Table.into_iden(),
            ProductPairCounts::Table.into_iden(),
            ProductOrderCounts::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
