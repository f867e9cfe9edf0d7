//! Lists, search and look-up by SKU, always within the viewer's catalog.

use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

use super::visibility::{category_parents, visible_products, with_descendants};
use super::{CatalogViewer, Product};
use crate::domain::DomainError;
use crate::domain::page::Page;
use crate::entities::product;

pub const MAX_SEARCH_LENGTH: usize = 100;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ProductSort {
    #[default]
    Sku,
    NameHe,
    NameEn,
}

#[derive(Clone, Debug, Default)]
pub struct ProductQuery {
    pub search: Option<String>,
    pub category_id: Option<i64>,
    pub sort: ProductSort,
    pub offset: u64,
    pub size: u64,
}

/// Each word of the search must appear in the SKU or a name (Hebrew or English).
fn search_condition(search: &str) -> Result<Condition, DomainError> {
    if search.chars().count() > MAX_SEARCH_LENGTH {
        return Err(DomainError::bad_input(format!(
            "The search may have at most {MAX_SEARCH_LENGTH} characters"
        )));
    }
    let mut condition = Condition::all();
    for word in search.to_lowercase().split_whitespace().take(8) {
        condition = condition.add(
            Expr::col(product::Column::SearchText)
                .like(crate::domain::page::contains_pattern(word)),
        );
    }
    Ok(condition)
}

pub async fn list(
    db: &impl ConnectionTrait,
    viewer: CatalogViewer,
    query: &ProductQuery,
) -> Result<Page<Product>, DomainError> {
    let mut select = product::Entity::find().filter(visible_products(db, viewer).await?);
    if let Some(search) = query
        .search
        .as_deref()
        .filter(|text| !text.trim().is_empty())
    {
        select = select.filter(search_condition(search)?);
    }
    if let Some(category) = query.category_id {
        let subtree = with_descendants(&category_parents(db).await?, &[category]);
        select = select.filter(product::Column::CategoryId.is_in(subtree));
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
        .filter(visible_products(db, viewer).await?)
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
        .filter(visible_products(db, viewer).await?);
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
        .filter(visible_products(db, viewer).await?)
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
