//! Personal catalogs (rule 4): a company sees the active products of its assortment,
//! given by categories (with all their subcategories) and by explicit products. The
//! rest does not exist for it, in lists, in search and by SKU alike.

use std::collections::{HashMap, HashSet};

use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, DbBackend, EntityTrait, QuerySelect};

use super::CatalogViewer;
use crate::domain::DomainError;
use crate::entities::{assortment_product, category, product};

/// Every category id under `roots`, the roots included.
pub fn with_descendants(parent_of: &HashMap<i64, Option<i64>>, roots: &[i64]) -> Vec<i64> {
    let mut children: HashMap<i64, Vec<i64>> = HashMap::new();
    for (id, parent) in parent_of {
        if let Some(parent) = parent {
            children.entry(*parent).or_default().push(*id);
        }
    }
    let mut seen: HashSet<i64> = HashSet::new();
    let mut pending: Vec<i64> = roots.to_vec();
    while let Some(id) = pending.pop() {
        if seen.insert(id) {
            pending.extend(children.get(&id).into_iter().flatten().copied());
        }
    }
    let mut ids: Vec<i64> = seen.into_iter().collect();
    ids.sort_unstable();
    ids
}

pub async fn category_parents(
    db: &impl ConnectionTrait,
) -> Result<HashMap<i64, Option<i64>>, DomainError> {
    let rows: Vec<(i64, Option<i64>)> = category::Entity::find()
        .select_only()
        .column(category::Column::Id)
        .column(category::Column::ParentId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().collect())
}

/// `products.category_id` is in the subtree of the categories `roots` selects (a
/// query returning category ids): one recursive query inside the product query, so a
/// page needs no round trip to read the category tree first. `UNION` (not `UNION ALL`)
/// stops at a cycle. `roots` has one parameter, written `{p}`.
fn category_in_subtree(backend: DbBackend, roots: &str, value: i64) -> Expr {
    // sea-query numbers PostgreSQL's parameters of a custom expression (`$1`).
    let roots = roots.replace(
        "{p}",
        if backend == DbBackend::Postgres {
            "$1"
        } else {
            "?"
        },
    );
    Expr::cust_with_values(
        format!(
            "products.category_id IN (WITH RECURSIVE subtree(id) AS ({roots} \
             UNION SELECT categories.id FROM categories \
             JOIN subtree ON categories.parent_id = subtree.id) SELECT id FROM subtree)"
        ),
        [value],
    )
}

/// Products in `category` or any of its subcategories.
pub fn in_category_subtree(backend: DbBackend, category: i64) -> Expr {
    category_in_subtree(backend, "SELECT {p}", category)
}

/// The condition on `products` that selects what `viewer` may see. It is evaluated by
/// the database inside the query it filters.
pub fn visible_products(backend: DbBackend, viewer: CatalogViewer) -> Condition {
    let company = match viewer {
        CatalogViewer::Supplier => return Condition::all(),
        CatalogViewer::Customer(company) => company,
    };
    let assigned_categories = category_in_subtree(
        backend,
        "SELECT category_id FROM assortment_categories WHERE company_id = {p}",
        company.0,
    );
    let explicit_products = Query::select()
        .column(assortment_product::Column::ProductId)
        .from(assortment_product::Entity)
        .and_where(Expr::col(assortment_product::Column::CompanyId).eq(company.0))
        .to_owned();
    Condition::all().add(product::Column::Active.eq(true)).add(
        Condition::any()
            .add(assigned_categories)
            .add(product::Column::Id.in_subquery(explicit_products)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_category_brings_its_whole_subtree() {
        let parents: HashMap<i64, Option<i64>> = [
            (1, None),
            (2, Some(1)),
            (3, Some(2)),
            (4, None),
            (5, Some(4)),
        ]
        .into_iter()
        .collect();
        assert_eq!(with_descendants(&parents, &[1]), vec![1, 2, 3]);
        assert_eq!(with_descendants(&parents, &[2, 5]), vec![2, 3, 5]);
        assert_eq!(with_descendants(&parents, &[]), Vec::<i64>::new());
    }
}
