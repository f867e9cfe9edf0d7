//! Supplier staff's catalog back office: `upsertProduct`, `saveCategory`, `adjustStock`,
//! `priceLists`, `createPriceList`, `setPrice`, `removePrice`, `setCompanyPricing`,
//! `companyAssortment`, `setAssortment`, `importCatalogCsv` and `exportCatalogCsv`.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::catalog::{Category, PRODUCT_FIELDS, Product};
use super::{ApiError, graphql};

/// What the product form sends; the SKU picks the product to create or update.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProductInput {
    pub sku: String,
    pub name_he: String,
    pub name_en: String,
    pub description: String,
    pub category_id: String,
    pub unit: String,
    pub pack_size: u32,
    pub min_order_quantity: u32,
    pub image_url: Option<String>,
    pub active: bool,
}

pub async fn upsert_product(input: &ProductInput) -> Result<Product, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        upsert_product: Product,
    }
    let query = format!(
        "mutation UpsertProduct($input: ProductInput!) {{ upsertProduct(input: $input) {{ {PRODUCT_FIELDS} }} }}"
    );
    let data: Data = graphql(&query, json!({ "input": input })).await?;
    Ok(data.upsert_product)
}

/// Creates a category (under `parent_id`, or at the top).
pub async fn create_category(
    name_he: &str,
    name_en: &str,
    parent_id: Option<&str>,
) -> Result<Category, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        save_category: Category,
    }
    let data: Data = graphql(
        "mutation SaveCategory($nameHe: String!, $nameEn: String!, $parentId: ID) { \
           saveCategory(input: { nameHe: $nameHe, nameEn: $nameEn, parentId: $parentId }) \
           { id parentId nameHe nameEn } }",
        json!({ "nameHe": name_he.trim(), "nameEn": name_en.trim(), "parentId": parent_id }),
    )
    .await?;
    Ok(data.save_category)
}

/// Why the stock on hand changes; the contract's `StockReason`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StockReason {
    Receipt,
    Count,
    Damage,
    Return,
    Correction,
}

impl StockReason {
    pub const ALL: [StockReason; 5] = [
        StockReason::Receipt,
        StockReason::Count,
        StockReason::Damage,
        StockReason::Return,
        StockReason::Correction,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            StockReason::Receipt => "RECEIPT",
            StockReason::Count => "COUNT",
            StockReason::Damage => "DAMAGE",
            StockReason::Return => "RETURN",
            StockReason::Correction => "CORRECTION",
        }
    }

    pub fn parse(text: &str) -> Option<StockReason> {
        StockReason::ALL
            .into_iter()
            .find(|reason| reason.as_str() == text)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StockLevel {
    pub sku: String,
    pub on_hand: i64,
    pub reserved: i64,
    pub available: i64,
}

pub async fn adjust_stock(
    sku: &str,
    on_hand_delta: i64,
    reason: StockReason,
    note: &str,
) -> Result<StockLevel, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        adjust_stock: StockLevel,
    }
    let note = note.trim();
    let data: Data = graphql(
        "mutation AdjustStock($sku: String!, $delta: Int!, $reason: StockReason!, $note: String) { \
           adjustStock(input: { sku: $sku, onHandDelta: $delta, reason: $reason, note: $note }) \
           { sku onHand reserved available } }",
        json!({
            "sku": sku,
            "delta": on_hand_delta,
            "reason": reason.as_str(),
            "note": (!note.is_empty()).then_some(note),
        }),
    )
    .await?;
    Ok(data.adjust_stock)
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PriceList {
    pub id: String,
    pub name: String,
    pub is_base: bool,
}

pub async fn price_lists() -> Result<Vec<PriceList>, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        price_lists: Vec<PriceList>,
    }
    let data: Data = graphql(
        "query PriceLists { priceLists { id name isBase } }",
        json!({}),
    )
    .await?;
    Ok(data.price_lists)
}

pub async fn create_price_list(name: &str) -> Result<PriceList, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        create_price_list: PriceList,
    }
    let data: Data = graphql(
        "mutation CreatePriceList($name: String!) { createPriceList(name: $name) { id name isBase } }",
        json!({ "name": name.trim() }),
    )
    .await?;
    Ok(data.create_price_list)
}

/// A quantity tier as the price form sends it; the price is a decimal string.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TierInput {
    pub min_quantity: u32,
    pub unit_price: String,
}

pub async fn set_price(
    price_list_id: &str,
    sku: &str,
    unit_price: &str,
    tiers: &[TierInput],
) -> Result<(), ApiError> {
    let _: Value = graphql(
        "mutation SetPrice($listId: ID!, $sku: String!, $price: Decimal!, $tiers: [PriceTierInput!]!) { \
           setPrice(input: { priceListId: $listId, sku: $sku, unitPrice: $price, tiers: $tiers }) }",
        json!({ "listId": price_list_id, "sku": sku, "price": unit_price, "tiers": tiers }),
    )
    .await?;
    Ok(())
}

pub async fn remove_price(price_list_id: &str, sku: &str) -> Result<(), ApiError> {
    let _: Value = graphql(
        "mutation RemovePrice($listId: ID!, $sku: String!) { removePrice(priceListId: $listId, sku: $sku) }",
        json!({ "listId": price_list_id, "sku": sku }),
    )
    .await?;
    Ok(())
}

/// Gives a company a price list (`None`: the base list only) and a discount in percent.
pub async fn set_company_pricing(
    company_id: &str,
    price_list_id: Option<&str>,
    discount_percent: &str,
) -> Result<(), ApiError> {
    let _: Value = graphql(
        "mutation SetCompanyPricing($companyId: ID!, $listId: ID, $discount: Decimal!) { \
           setCompanyPricing(companyId: $companyId, priceListId: $listId, discountPercent: $discount) }",
        json!({ "companyId": company_id, "listId": price_list_id, "discount": discount_percent }),
    )
    .await?;
    Ok(())
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Assortment {
    pub category_ids: Vec<String>,
    pub skus: Vec<String>,
}

pub async fn company_assortment(company_id: &str) -> Result<Assortment, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        company_assortment: Assortment,
    }
    let data: Data = graphql(
        "query CompanyAssortment($companyId: ID!) { companyAssortment(companyId: $companyId) { categoryIds skus } }",
        json!({ "companyId": company_id }),
    )
    .await?;
    Ok(data.company_assortment)
}

pub async fn set_assortment(
    company_id: &str,
    category_ids: &[String],
    skus: &[String],
) -> Result<Assortment, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        set_assortment: Assortment,
    }
    let data: Data = graphql(
        "mutation SetAssortment($companyId: ID!, $categoryIds: [ID!]!, $skus: [String!]!) { \
           setAssortment(companyId: $companyId, categoryIds: $categoryIds, skus: $skus) { categoryIds skus } }",
        json!({ "companyId": company_id, "categoryIds": category_ids, "skus": skus }),
    )
    .await?;
    Ok(data.set_assortment)
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportRowError {
    pub line: u64,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    pub rows: u64,
    pub created: u64,
    pub updated: u64,
    pub stock_changes: u64,
    pub error_count: u64,
    pub errors: Vec<ImportRowError>,
    pub applied: bool,
}

pub async fn import_catalog_csv(csv: &str, dry_run: bool) -> Result<ImportReport, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        import_catalog_csv: ImportReport,
    }
    let data: Data = graphql(
        "mutation ImportCatalogCsv($csv: String!, $dryRun: Boolean!) { \
           importCatalogCsv(csv: $csv, dryRun: $dryRun) { \
             rows created updated stockChanges errorCount errors { line message } applied } }",
        json!({ "csv": csv, "dryRun": dry_run }),
    )
    .await?;
    Ok(data.import_catalog_csv)
}

pub async fn export_catalog_csv() -> Result<String, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        export_catalog_csv: String,
    }
    let data: Data = graphql("query ExportCatalogCsv { exportCatalogCsv }", json!({})).await?;
    Ok(data.export_catalog_csv)
}
