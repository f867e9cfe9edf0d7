//! What the chosen company may order, so that staff see at once that a SKU the
//! customer dictated is not in its assortment. Staff look products up in the whole
//! catalog; the server checks every line against the company's catalog again.

use std::collections::{HashMap, HashSet};

use crate::api::ApiError;
use crate::api::catalog::{Category, Product, categories};
use crate::api::catalog_admin::{Assortment, company_assortment};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CompanyCatalog {
    parent_of: HashMap<String, Option<String>>,
    /// The categories assigned to the company; their subcategories come with them.
    categories: HashSet<String>,
    /// Single products assigned besides the categories.
    skus: HashSet<String>,
}

impl CompanyCatalog {
    pub fn new(assortment: Assortment, all_categories: &[Category]) -> CompanyCatalog {
        CompanyCatalog {
            parent_of: all_categories
                .iter()
                .map(|category| (category.id.clone(), category.parent_id.clone()))
                .collect(),
            categories: assortment.category_ids.into_iter().collect(),
            skus: assortment.skus.into_iter().collect(),
        }
    }

    /// The server's rule: an active product of an assigned category (or of one below
    /// it), or an active product assigned by itself.
    pub fn offers(&self, product: &Product) -> bool {
        product.active
            && (self.skus.contains(&product.sku) || self.covers_category(&product.category_id))
    }

    fn covers_category(&self, category: &str) -> bool {
        let mut current = Some(category.to_owned());
        // Bounded by the number of categories, so a broken parent chain cannot loop.
        for _ in 0..=self.parent_of.len() {
            let Some(id) = current else {
                return false;
            };
            if self.categories.contains(&id) {
                return true;
            }
            current = self.parent_of.get(&id).cloned().flatten();
        }
        false
    }
}

pub async fn company_catalog(company_id: &str) -> Result<CompanyCatalog, ApiError> {
    let assortment = company_assortment(company_id).await?;
    let all_categories = categories().await?;
    Ok(CompanyCatalog::new(assortment, &all_categories))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn category(id: &str, parent: Option<&str>) -> Category {
        Category {
            id: id.to_owned(),
            parent_id: parent.map(str::to_owned),
            name_he: String::new(),
            name_en: String::new(),
        }
    }

    fn product(sku: &str, category_id: &str, active: bool) -> Product {
        Product {
            id: sku.to_owned(),
            sku: sku.to_owned(),
            name_he: String::new(),
            name_en: String::new(),
            description: String::new(),
            category_id: category_id.to_owned(),
            unit: "unit".to_owned(),
            pack_size: 1,
            min_order_quantity: 1,
            image_url: None,
            active,
            available: 10,
            unit_price: None,
            price_tiers: Vec::new(),
        }
    }

    /// Tools (1) > Drills (2) > Cordless (3); Paint (4) on its own.
    fn catalog(category_ids: &[&str], skus: &[&str]) -> CompanyCatalog {
        let tree = [
            category("1", None),
            category("2", Some("1")),
            category("3", Some("2")),
            category("4", None),
        ];
        let assortment = Assortment {
            category_ids: category_ids.iter().map(|id| (*id).to_owned()).collect(),
            skus: skus.iter().map(|sku| (*sku).to_owned()).collect(),
        };
        CompanyCatalog::new(assortment, &tree)
    }

    #[test]
    fn a_category_brings_every_category_below_it() {
        let tools = catalog(&["1"], &[]);
        assert!(tools.offers(&product("DRL-1", "3", true)));
        assert!(!tools.offers(&product("PNT-1", "4", true)));
        let drills = catalog(&["2"], &[]);
        assert!(!drills.offers(&product("HAM-1", "1", true)));
    }

    #[test]
    fn a_product_listed_by_sku_is_offered_outside_the_categories() {
        let catalog = catalog(&["1"], &["PNT-1"]);
        assert!(catalog.offers(&product("PNT-1", "4", true)));
        assert!(!catalog.offers(&product("PNT-2", "4", true)));
    }

    #[test]
    fn an_inactive_product_is_never_offered() {
        let catalog = catalog(&["1"], &["PNT-1"]);
        assert!(!catalog.offers(&product("DRL-1", "3", false)));
        assert!(!catalog.offers(&product("PNT-1", "4", false)));
    }

    #[test]
    fn a_parent_chain_that_loops_ends() {
        let looping = [category("1", Some("2")), category("2", Some("1"))];
        let catalog = CompanyCatalog::new(
            Assortment {
                category_ids: vec!["9".to_owned()],
                skus: Vec::new(),
            },
            &looping,
        );
        assert!(!catalog.offers(&product("X-1", "1", true)));
    }
}
