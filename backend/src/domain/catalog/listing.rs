//! Lists, search and look-up by SKU, always within the viewer's catalog.

use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use super::visibility::{in_category_subtree, visible_products};
use super::{CatalogViewer, Product};
use crate::domain::DomainError;
use crate::domain::page::Page;
use crate::entities::product;

pub const MAX_SEARCH_LENGTH: usize = 100;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ProductSort {
    #[default]
    Sku,
    NameHe,
    NameEn,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct ProductQuery {
    pub search: Option<String>,
    pub category_id: Option<i64>,
    pub sort: ProductSort,
    pub offset: u64,
    pub size: u64,
}

/// The shortest word the trigram indexes can find; shorter words are matched by a
/// plain `LIKE` over the rows the other conditions leave.
const TRIGRAM: usize = 3;

/// Each word of the search must appear in the SKU or a name (Hebrew or English).
/// On SQLite a word of three characters or more is looked up in the FTS5 trigram
/// index `product_search` (a quoted phrase there means "this substring"); PostgreSQL's
/// `pg_trgm` index serves the `LIKE` directly (migration `000014_search_index`).
fn search_condition(backend: DbBackend, search: &str) -> Result<Condition, DomainError> {
    if search.chars().count() > MAX_SEARCH_LENGTH {
        return Err(DomainError::bad_input(format!(
            "The search may have at most {MAX_SEARCH_LENGTH} characters"
        )));
    }
    let mut condition = Condition::all();
    for word in search.to_lowercase().split_whitespace().take(8) {
        condition = condition.add(
            if backend == DbBackend::Sqlite && word.chars().count() >= TRIGRAM {
                let phrase = format!("\"{}\"", word.replace('"', "\"\""));
                product::Column::Id.in_subquery(
                    Query::select()
                        .expr(Expr::cust("rowid"))
                        .from(Alias::new("product_search"))
                        .and_where(Expr::cust_with_values("product_search MATCH ?", [phrase]))
                        .to_owned(),
                )
            } else {
                Expr::col(product::Column::SearchText)
                    .like(crate::domain::page::contains_pattern(word))
            },
        );
    }
    Ok(condition)
}

pub async fn list(
    db: &impl ConnectionTrait,
    viewer: CatalogViewer,
    query: &ProductQuery,
) -> Result<Page<Product>, DomainError> {
    let mut select =
        product::Entity::find().filter(visible_products(db.get_database_backend(), viewer));
    if let Some(search) = query
        .search
        .as_deref()
        .filter(|text| !text.trim().is_empty())
    {
        select = select.filter(search_condition(db.get_database_backend(), search)?);
    }
    if let Some(category) = query.category_id {
        select = select.filter(in_category_subtree(db.get_database_backend(), category));
    }
    select = match query.sort {
        ProductSort::Sku => select.order_by_asc(product::Column::Sku),
        ProductSort::NameHe => select
            .order_by_asc(product::Column::NameHe)
            .order_by_asc(product::Column::Id),
        ProductSort::NameEn => select
            .order_by_asc(product::Column::NameEn)
            .order_by_asc(product::Column::Id),
    };
    let rows = select
        .offset(query.offset)
        .limit(query.size + 1)
        .all(db)
        .await?;
    let has_next_page = rows.len() as u64 > query.size;
    Ok(Page {
        items: rows
            .into_iter()
            .take(query.size as usize)
            .map(Product::from)
            .collect(),
        has_next_page,
    })
}

/// One product by SKU, or `None` when it is not in the viewer's catalog.
pub async fn find_by_sku(
    db: &impl ConnectionTrait,
    viewer: CatalogViewer,
    sku: &str,
) -> Result<Option<Product>, DomainError> {
    let row = product::Entity::find()
        .filter(product::Column::Sku.eq(sku.trim().to_uppercase()))
        .filter(visible_products(db.get_database_backend(), viewer))
        .one(db)
        .await?;
    Ok(row.map(Product::from))
}

/// The ids of the products among `skus` (or of all products, when `None`) that the
/// viewer may see.
pub async fn visible_ids(
    db: &impl ConnectionTrait,
    viewer: CatalogViewer,
    skus: Option<&[String]>,
) -> Result<Vec<(i64, String)>, DomainError> {
    let mut select = product::Entity::find()
        .select_only()
        .column(product::Column::Id)
        .column(product::Column::Sku)
        .filter(visible_products(db.get_database_backend(), viewer));
    if let Some(skus) = skus {
        select = select
            .filter(product::Column::Sku.is_in(skus.iter().map(|sku| sku.trim().to_uppercase())));
    }
    Ok(select.into_tuple().all(db).await?)
}

/// The categories that hold at least one product the viewer may see, with their
/// ancestors (so the tree is complete), ordered by position (then id) within the whole
/// list; clients build the tree from `parent_id`. The supplier sees every category,
/// empty ones included, so that new categories can be filled.
pub async fn visible_categories(
    db: &impl ConnectionTrait,
    viewer: CatalogViewer,
) -> Result<Vec<crate::entities::category::Model>, DomainError> {
    use crate::entities::category;
    if viewer == CatalogViewer::Supplier {
        return Ok(category::Entity::find()
            .order_by_asc(category::Column::Position)
            .order_by_asc(category::Column::Id)
            .all(db)
            .await?);
    }
    let used: Vec<i64> = product::Entity::find()
        .select_only()
        .column(product::Column::CategoryId)
        .distinct()
        .filter(visible_products(db.get_database_backend(), viewer))
        .into_tuple()
        .all(db)
        .await?;
    let all = category::Entity::find()
        .order_by_asc(category::Column::Position)
        .order_by_asc(category::Column::Id)
        .all(db)
        .await?;
    let parent_of: std::collections::HashMap<i64, Option<i64>> =
        all.iter().map(|row| (row.id, row.parent_id)).collect();
    let mut keep: std::collections::HashSet<i64> = std::collections::HashSet::new();
    for mut id in used {
        // Walk up to the root; the set stops cycles.
        while keep.insert(id) {
            match parent_of.get(&id).copied().flatten() {
                Some(parent) => id = parent,
                None => break,
            }
        }
    }
    Ok(all
        .into_iter()
        .filter(|row| keep.contains(&row.id))
        .collect())
}

/// The SKUs of the given products.
pub async fn skus_of(
    db: &impl ConnectionTrait,
    ids: &[i64],
) -> Result<Vec<(i64, String)>, DomainError> {
    Ok(product::Entity::find()
        .select_only()
        .column(product::Column::Id)
        .column(product::Column::Sku)
        .filter(product::Column::Id.is_in(ids.to_vec()))
        .into_tuple()
        .all(db)
        .await?)
}
