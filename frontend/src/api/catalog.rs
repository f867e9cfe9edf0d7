//! The caller's catalog: `products`, `product`, `categories`, and live availability
//! read back over HTTP after a lost subscription.
//!
//! Every role reads the same queries; the server answers with the caller's own
//! assortment and prices (supplier staff see every product at base prices).

use std::str::FromStr;

use rust_decimal::Decimal;
use serde::Deserialize;
use serde_json::{Value, json};
use shared::Money;

use super::{ApiError, Page, graphql};

/// The product fields every catalog screen reads.
pub const PRODUCT_FIELDS: &str = "id sku nameHe nameEn description categoryId unit packSize \
    minOrderQuantity imageUrl active available unitPrice priceTiers { minQuantity unitPrice }";

/// Products per request of the catalog list.
pub const PAGE_SIZE: u32 = 24;

#[derive(Clone, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Product {
    pub id: String,
    pub sku: String,
    pub name_he: String,
    pub name_en: String,
    #[serde(default)]
    pub description: String,
    pub category_id: String,
    pub unit: String,
    pub pack_size: u32,
    pub min_order_quantity: u32,
    #[serde(default)]
    pub image_url: Option<String>,
    pub active: bool,
    /// On hand minus reserved, when the list was read; live changes arrive separately.
    pub available: i64,
    /// A `Decimal` string, e.g. `"12.5324"`; null when no price list prices it.
    #[serde(default)]
    pub unit_price: Option<String>,
    #[serde(default)]
    pub price_tiers: Vec<PriceTier>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PriceTier {
    pub min_quantity: u32,
    pub unit_price: String,
}

impl PriceTier {
    pub fn price(&self) -> Option<Money> {
        parse_money(&self.unit_price)
    }
}

impl Product {
    pub fn unit_money(&self) -> Option<Money> {
        self.unit_price.as_deref().and_then(parse_money)
    }

    /// The smallest quantity that may be ordered: the minimum order quantity rounded
    /// up to whole packs.
    pub fn smallest_quantity(&self) -> u32 {
        let pack = self.pack_size.max(1);
        self.min_order_quantity.max(1).div_ceil(pack) * pack
    }

    /// Whether `quantity` is whole packs and at least the minimum order quantity.
    pub fn accepts_quantity(&self, quantity: u32) -> bool {
        quantity >= self.min_order_quantity.max(1) && quantity.is_multiple_of(self.pack_size.max(1))
    }

    /// The unit price for `quantity`: the tier with the highest minimum that the
    /// quantity reaches, else the plain unit price.
    pub fn unit_price_for(&self, quantity: u32) -> Option<Money> {
        let tier = self
            .price_tiers
            .iter()
            .filter(|tier| tier.min_quantity <= quantity)
            .max_by_key(|tier| tier.min_quantity)
            .and_then(PriceTier::price);
        tier.or_else(|| self.unit_money())
    }

    /// The net line total for `quantity`, rounded once by the domain's rule. For
    /// display only: the server prices the order again.
    pub fn line_total(&self, quantity: u32) -> Option<Money> {
        self.unit_price_for(quantity)
            .map(|price| Money::new(price.amount() * Decimal::from(quantity)).round_line())
    }
}

/// The address of a product's page; a SKU may hold `/`, so it is encoded.
pub fn product_href(sku: &str) -> String {
    format!(
        "/catalog/{}",
        String::from(js_sys::encode_uri_component(sku))
    )
}

pub fn parse_money(text: &str) -> Option<Money> {
    Decimal::from_str(text.trim()).ok().map(Money::new)
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Category {
    pub id: String,
    #[serde(default)]
    pub parent_id: Option<String>,
    pub name_he: String,
    pub name_en: String,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ProductSort {
    #[default]
    Sku,
    Name,
}

impl ProductSort {
    pub fn as_str(self) -> &'static str {
        match self {
            ProductSort::Sku => "SKU",
            ProductSort::Name => "NAME",
        }
    }

    pub fn parse(text: &str) -> Option<ProductSort> {
        match text {
            "SKU" => Some(ProductSort::Sku),
            "NAME" => Some(ProductSort::Name),
            _ => None,
        }
    }
}

/// What the catalog list asks for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProductFilter {
    pub search: String,
    pub category_id: Option<String>,
    pub sort: ProductSort,
}

pub async fn products(
    filter: &ProductFilter,
    after: Option<&str>,
) -> Result<Page<Product>, ApiError> {
    #[derive(Deserialize)]
    struct Data {
        products: Page<Product>,
    }
    let query = format!(
        "query Products($first: Int, $after: String, $search: String, $categoryId: ID, \
           $sort: ProductSort!) {{ \
           products(first: $first, after: $after, search: $search, categoryId: $categoryId, \
             sort: $sort) {{ pageInfo {{ hasNextPage endCursor }} nodes {{ {PRODUCT_FIELDS} }} }} }}"
    );
    let search = filter.search.trim();
    let variables = json!({
        "first": PAGE_SIZE,
        "after": after,
        "search": (!search.is_empty()).then_some(search),
        "categoryId": filter.category_id,
        "sort": filter.sort.as_str(),
    });
    let data: Data = graphql(&query, variables).await?;
    Ok(data.products)
}

/// One product of the caller's catalog; `None` when it is not in it.
pub async fn product(sku: &str) -> Result<Option<Product>, ApiError> {
    #[derive(Deserialize)]
    struct Data {
        product: Option<Product>,
    }
    let query =
        format!("query Product($sku: String!) {{ product(sku: $sku) {{ {PRODUCT_FIELDS} }} }}");
    let data: Data = graphql(&query, json!({ "sku": sku })).await?;
    Ok(data.product)
}

pub async fn categories() -> Result<Vec<Category>, ApiError> {
    #[derive(Deserialize)]
    struct Data {
        categories: Vec<Category>,
    }
    let data: Data = graphql(
        "query Categories { categories { id parentId nameHe nameEn } }",
        json!({}),
    )
    .await?;
    Ok(data.categories)
}

/// The available quantity of each SKU that is still in the caller's catalog, in one
/// request (one aliased `product` field per SKU). Used to catch up after the live
/// subscription was interrupted.
pub async fn availability(skus: &[String]) -> Result<Vec<(String, i64)>, ApiError> {
    let mut levels = Vec::with_capacity(skus.len());
    // A bounded number of fields per request keeps each under the server's limits.
    for chunk in skus.chunks(100) {
        levels.extend(availability_of(chunk).await?);
    }
    Ok(levels)
}

async fn availability_of(skus: &[String]) -> Result<Vec<(String, i64)>, ApiError> {
    #[derive(Deserialize)]
    struct Level {
        sku: String,
        available: i64,
    }
    if skus.is_empty() {
        return Ok(Vec::new());
    }
    let declarations: Vec<String> = (0..skus.len())
        .map(|index| format!("$s{index}: String!"))
        .collect();
    let fields: Vec<String> = (0..skus.len())
        .map(|index| format!("p{index}: product(sku: $s{index}) {{ sku available }}"))
        .collect();
    let query = format!(
        "query Availability({}) {{ {} }}",
        declarations.join(", "),
        fields.join(" ")
    );
    let variables: serde_json::Map<String, Value> = skus
        .iter()
        .enumerate()
        .map(|(index, sku)| (format!("s{index}"), json!(sku)))
        .collect();
    let data: std::collections::HashMap<String, Option<Level>> =
        graphql(&query, Value::Object(variables)).await?;
    Ok(data
        .into_values()
        .flatten()
        .map(|level| (level.sku, level.available))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anchor() -> Product {
        Product {
            id: "1".to_owned(),
            sku: "ANC-103".to_owned(),
            name_he: String::new(),
            name_en: String::new(),
            description: String::new(),
            category_id: "8".to_owned(),
            unit: "box".to_owned(),
            pack_size: 1,
            min_order_quantity: 2,
            image_url: None,
            active: true,
            available: 50,
            unit_price: Some("13.192".to_owned()),
            price_tiers: vec![
                PriceTier {
                    min_quantity: 100,
                    unit_price: "11.6012".to_owned(),
                },
                PriceTier {
                    min_quantity: 10,
                    unit_price: "12.5324".to_owned(),
                },
            ],
        }
    }

    #[test]
    fn a_line_is_priced_at_the_highest_tier_reached_and_rounded_once() {
        let product = anchor();
        let total = |quantity| product.line_total(quantity).map(Money::format_ils);
        // 3 x 13.192 = 39.576 -> 39.58 (not 3 x 13.19 = 39.57).
        assert_eq!(total(3).as_deref(), Some("₪ 39.58"));
        // 10 x 12.5324 = 125.324 -> 125.32.
        assert_eq!(total(10).as_deref(), Some("₪ 125.32"));
        // 250 x 11.6012 = 2900.30.
        assert_eq!(total(250).as_deref(), Some("₪ 2,900.30"));
    }

    #[test]
    fn quantities_are_whole_packs_from_the_minimum() {
        let mut product = anchor();
        product.pack_size = 10;
        product.min_order_quantity = 12;
        assert_eq!(product.smallest_quantity(), 20);
        assert!(product.accepts_quantity(20));
        assert!(!product.accepts_quantity(10));
        assert!(!product.accepts_quantity(25));
    }
}
