//! The catalog (rules 3, 4 and 5 of the domain): what a company may see, at what
//! price, with how much available.

pub mod admin;
pub mod csv;
pub mod listed_page;
pub mod listing;
pub mod listing_cache;
pub mod offers;
pub mod price_cache;
pub mod stock;
pub mod versioned;
pub mod versions;
pub mod visibility;

use shared::CompanyId;

use super::Actor;
use crate::entities::product;

/// Whose catalog is being read: the supplier sees every product, a company only its
/// assortment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CatalogViewer {
    Supplier,
    Customer(CompanyId),
}

impl From<&Actor> for CatalogViewer {
    fn from(actor: &Actor) -> CatalogViewer {
        match actor.company_id {
            Some(company) => CatalogViewer::Customer(company),
            None => CatalogViewer::Supplier,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Product {
    pub id: i64,
    pub sku: String,
    pub name_he: String,
    pub name_en: String,
    pub description: String,
    pub category_id: i64,
    pub unit: String,
    pub pack_size: i32,
    pub min_order_quantity: i32,
    pub image_url: Option<String>,
    pub active: bool,
}

impl From<product::Model> for Product {
    fn from(row: product::Model) -> Product {
        Product {
            id: row.id,
            sku: row.sku,
            name_he: row.name_he,
            name_en: row.name_en,
            description: row.description,
            category_id: row.category_id,
            unit: row.unit,
            pack_size: row.pack_size,
            min_order_quantity: row.min_order_quantity,
            image_url: row.image_url,
            active: row.active,
        }
    }
}

/// The lower-cased text that search matches against.
pub fn search_text(sku: &str, name_he: &str, name_en: &str) -> String {
    format!("{} {} {}", sku, name_he, name_en).to_lowercase()
}
