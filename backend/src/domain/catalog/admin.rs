//! The supplier's catalog management: products, categories, prices and assortments.
//! Every function validates its whole input before it writes anything.

use std::collections::{HashMap, HashSet};

use chrono::Utc;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder,
};
use shared::{CompanyId, Money, Sku};

use super::visibility::category_parents;
use super::{Product, search_text};
use crate::db::money;
use crate::domain::audit::{AuditAction, Entry};
use crate::domain::{Actor, DomainError};
use crate::entities::{
    assortment_category, assortment_product, category, company, price_list, price_list_item,
    price_tier, product,
};

pub const MAX_NAME_LENGTH: usize = 300;
pub const MAX_DESCRIPTION_LENGTH: usize = 5_000;
pub const MAX_PACK_SIZE: i32 = 100_000;
pub const MAX_TIERS: usize = 10;

/// A product as staff enter it, before validation.
#[derive(Clone, Debug, Default)]
pub struct ProductDraft {
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

/// A validated product, ready to write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidProduct {
    pub sku: Sku,
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

fn required_text(field: &str, value: &str, max: usize) -> Result<String, String> {
    let value = value.trim();
    if value.is_empty() {
        return Err(format!("{field} must not be empty"));
    }
    if value.chars().count() > max {
        return Err(format!("{field} must have at most {max} characters"));
    }
    Ok(value.to_owned())
}

/// Checks a draft without the database (category existence is checked by the caller).
/// The error is a message a person understands.
pub fn validate_product(draft: &ProductDraft) -> Result<ValidProduct, String> {
    let sku = Sku::parse(&draft.sku).map_err(|error| error.to_string())?;
    let name_he = required_text("The Hebrew name", &draft.name_he, MAX_NAME_LENGTH)?;
    let name_en = required_text("The English name", &draft.name_en, MAX_NAME_LENGTH)?;
    let unit = required_text("The unit", &draft.unit, 16)?;
    let description = draft.description.trim().to_owned();
    if description.chars().count() > MAX_DESCRIPTION_LENGTH {
        return Err(format!(
            "The description must have at most {MAX_DESCRIPTION_LENGTH} characters"
        ));
    }
    if !(1..=MAX_PACK_SIZE).contains(&draft.pack_size) {
        return Err(format!(
            "The pack size must be between 1 and {MAX_PACK_SIZE}"
        ));
    }
    if !(1..=MAX_PACK_SIZE).contains(&draft.min_order_quantity) {
        return Err(format!(
            "The minimum order quantity must be between 1 and {MAX_PACK_SIZE}"
        ));
    }
    if draft.min_order_quantity % draft.pack_size != 0 {
        return Err(format!(
            "The minimum order quantity ({}) must be a whole number of packs of {}",
            draft.min_order_quantity, draft.pack_size
        ));
    }
    let image_url = match draft
        .image_url
        .as_deref()
        .map(str::trim)
        .filter(|url| !url.is_empty())
    {
        None => None,
        Some(url) if url.len() <= 500 && (url.starts_with("https://") || url.starts_with('/')) => {
            Some(url.to_owned())
        }
        Some(_) => {
            return Err(
                "The image URL must start with https:// or / and have at most 500 characters"
                    .to_owned(),
            );
        }
    };
    Ok(ValidProduct {
        sku,
        name_he,
        name_en,
        description,
        category_id: draft.category_id,
        unit,
        pack_size: draft.pack_size,
        min_order_quantity: draft.min_order_quantity,
        image_url,
        active: draft.active,
    })
}

pub async fn category_exists(db: &impl ConnectionTrait, id: i64) -> Result<bool, DomainError> {
    Ok(category::Entity::find_by_id(id).one(db).await?.is_some())
}

/// Creates the product, or updates the one with the same SKU. Returns it and whether
/// it was created.
pub async fn upsert_product(
    db: &impl ConnectionTrait,
    product: &ValidProduct,
) -> Result<(Product, bool), DomainError> {
    let existing = product::Entity::find()
        .filter(product::Column::Sku.eq(product.sku.as_str()))
        .one(db)
        .await?;
    let mut row = match &existing {
        Some(row) => product::ActiveModel {
            id: Set(row.id),
            ..Default::default()
        },
        None => product::ActiveModel {
            created_at: Set(Utc::now()),
            ..Default::default()
        },
    };
    row.sku = Set(product.sku.as_str().to_owned());
    row.name_he = Set(product.name_he.clone());
    row.name_en = Set(product.name_en.clone());
    row.description = Set(product.description.clone());
    row.category_id = Set(product.category_id);
    row.unit = Set(product.unit.clone());
    row.pack_size = Set(product.pack_size);
    row.min_order_quantity = Set(product.min_order_quantity);
    row.image_url = Set(product.image_url.clone());
    row.active = Set(product.active);
    row.search_text = Set(search_text(
        product.sku.as_str(),
        &product.name_he,
        &product.name_en,
    ));
    let created = existing.is_none();
    let saved = if created {
        row.insert(db).await?
    } else {
        row.update(db).await?
    };
    Ok((Product::from(saved), created))
}

pub struct CategoryDraft {
    pub name_he: String,
    pub name_en: String,
    pub parent_id: Option<i64>,
}

/// Creates a category (`id` None) or changes one; a category can never become its own
/// ancestor.
pub async fn save_category(
    db: &impl ConnectionTrait,
    id: Option<i64>,
    draft: CategoryDraft,
) -> Result<category::Model, DomainError> {
    let name_he =
        required_text("The Hebrew name", &draft.name_he, 200).map_err(DomainError::BadInput)?;
    let name_en =
        required_text("The English name", &draft.name_en, 200).map_err(DomainError::BadInput)?;
    let parents = category_parents(db).await?;
    if let Some(parent) = draft.parent_id {
        if !parents.contains_key(&parent) {
            return Err(DomainError::NotFound("parent category"));
        }
        if let Some(id) = id {
            let mut ancestor = Some(parent);
            while let Some(current) = ancestor {
                if current == id {
                    return Err(DomainError::bad_input(
                        "A category cannot be placed under itself",
                    ));
                }
                ancestor = parents.get(&current).copied().flatten();
            }
        }
    }
    let row = category::ActiveModel {
        parent_id: Set(draft.parent_id),
        name_he: Set(name_he),
        name_en: Set(name_en),
        ..Default::default()
    };
    match id {
        Some(id) => {
            if !parents.contains_key(&id) {
                return Err(DomainError::NotFound("category"));
            }
            let mut row = row;
            row.id = Set(id);
            Ok(row.update(db).await?)
        }
        None => {
            let mut row = row;
            row.position = Set(i32::try_from(parents.len()).unwrap_or(i32::MAX));
            Ok(row.insert(db).await?)
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PriceListSummary {
    pub id: i64,
    pub name: String,
    pub is_base: bool,
}

pub async fn price_lists(db: &impl ConnectionTrait) -> Result<Vec<PriceListSummary>, DomainError> {
    Ok(price_list::Entity::find()
        .order_by_desc(price_list::Column::IsBase)
        .order_by_asc(price_list::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|row| PriceListSummary {
            id: row.id,
            name: row.name,
            is_base: row.is_base,
        })
        .collect())
}

pub async fn create_price_list(
    db: &impl ConnectionTrait,
    actor: &Actor,
    name: &str,
) -> Result<PriceListSummary, DomainError> {
    let name = required_text("The name", name, 200).map_err(DomainError::BadInput)?;
    let exists = price_list::Entity::find()
        .filter(price_list::Column::Name.eq(name.as_str()))
        .one(db)
        .await?;
    if exists.is_some() {
        return Err(DomainError::Conflict(format!(
            "A price list named '{name}' already exists"
        )));
    }
    let row = price_list::ActiveModel {
        name: Set(name),
        is_base: Set(false),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Entry::new(AuditAction::PriceListCreated)
        .by(actor)
        .target("price_list", row.id)
        .after(serde_json::json!({ "name": row.name }))
        .record(db)
        .await?;
    Ok(PriceListSummary {
        id: row.id,
        name: row.name,
        is_base: row.is_base,
    })
}

/// A validated price: a non-negative unit price with at most 4 decimals, and tiers
/// from 2 units on, each cheaper than the one before.
pub fn validate_price(
    unit_price: Decimal,
    tiers: &[(i32, Decimal)],
) -> Result<(i64, Vec<(i32, i64)>), String> {
    let stored = |amount: Decimal, what: &str| -> Result<i64, String> {
        if amount < Decimal::ZERO {
            return Err(format!("{what} must not be negative"));
        }
        if amount > Decimal::from(100_000_000) {
            return Err(format!("{what} is too large"));
        }
        money::to_db(Money::new(amount))
            .ok_or_else(|| format!("{what} may have at most 4 decimals"))
    };
    let unit = stored(unit_price, "The unit price")?;
    if tiers.len() > MAX_TIERS {
        return Err(format!("At most {MAX_TIERS} quantity tiers"));
    }
    let mut sorted: Vec<(i32, Decimal)> = tiers.to_vec();
    sorted.sort_by_key(|(quantity, _)| *quantity);
    let mut previous_quantity = 1;
    let mut previous_price = unit_price;
    let mut stored_tiers = Vec::new();
    for (quantity, price) in sorted {
        if quantity <= previous_quantity || quantity > 1_000_000 {
            return Err(format!(
                "Tier quantities must be distinct and between 2 and 1000000 (got {quantity})"
            ));
        }
        if price >= previous_price {
            return Err(format!(
                "The tier from {quantity} units must be cheaper than smaller quantities"
            ));
        }
        stored_tiers.push((quantity, stored(price, "A tier price")?));
        previous_quantity = quantity;
        previous_price = price;
    }
    Ok((unit, stored_tiers))
}

async fn product_id_of(db: &impl ConnectionTrait, sku: &str) -> Result<i64, DomainError> {
    let sku = Sku::parse(sku).map_err(|error| DomainError::bad_input(error.to_string()))?;
    product::Entity::find()
        .filter(product::Column::Sku.eq(sku.as_str()))
        .one(db)
        .await?
        .map(|row| row.id)
        .ok_or(DomainError::NotFound("product"))
}

/// A product's price in a list as the audit log shows it (null: not in the list).
async fn audited_price(
    db: &impl ConnectionTrait,
    price_list_id: i64,
    product_id: i64,
) -> Result<serde_json::Value, DomainError> {
    let Some(item) = price_list_item::Entity::find_by_id((price_list_id, product_id))
        .one(db)
        .await?
    else {
        return Ok(serde_json::Value::Null);
    };
    let tiers: Vec<serde_json::Value> = price_tier::Entity::find()
        .filter(price_tier::Column::PriceListId.eq(price_list_id))
        .filter(price_tier::Column::ProductId.eq(product_id))
        .order_by_asc(price_tier::Column::MinQuantity)
        .all(db)
        .await?
        .into_iter()
        .map(|tier| {
            serde_json::json!({
                "minQuantity": tier.min_quantity,
                "unitPrice": crate::domain::audit::amount(money::from_db(tier.unit_price)),
            })
        })
        .collect();
    Ok(serde_json::json!({
        "unitPrice": crate::domain::audit::amount(money::from_db(item.unit_price)),
        "tiers": tiers,
    }))
}

/// Records a price change of one product in one list, in `db`'s transaction.
async fn audit_price_change(
    db: &impl ConnectionTrait,
    actor: &Actor,
    action: AuditAction,
    price_list_id: i64,
    sku: &str,
    before: serde_json::Value,
    after: serde_json::Value,
) -> Result<(), DomainError> {
    Entry::new(action)
        .by(actor)
        .target("price", format!("{price_list_id}/{sku}"))
        .before(serde_json::json!({ "priceList": price_list_id, "sku": sku, "price": before }))
        .after(serde_json::json!({ "priceList": price_list_id, "sku": sku, "price": after }))
        .record(db)
        .await
}

/// The audit entry of a base price a catalog import changed (its tiers stay as they were).
pub(super) async fn audit_imported_price(
    db: &impl ConnectionTrait,
    actor: &Actor,
    price_list_id: i64,
    sku: &str,
    before: Option<i64>,
    after: i64,
) -> Result<(), DomainError> {
    let price = |unit: i64| {
        serde_json::json!({
            "unitPrice": crate::domain::audit::amount(money::from_db(unit)),
            "via": "CSV import",
        })
    };
    audit_price_change(
        db,
        actor,
        AuditAction::PriceSet,
        price_list_id,
        sku,
        before.map_or(serde_json::Value::Null, price),
        price(after),
    )
    .await
}

/// Sets the price of a product in a list, replacing its tiers.
pub async fn set_price(
    db: &impl ConnectionTrait,
    actor: &Actor,
    price_list_id: i64,
    sku: &str,
    unit_price: Decimal,
    tiers: &[(i32, Decimal)],
) -> Result<(), DomainError> {
    let (unit, tiers) = validate_price(unit_price, tiers).map_err(DomainError::BadInput)?;
    if price_list::Entity::find_by_id(price_list_id)
        .one(db)
        .await?
        .is_none()
    {
        return Err(DomainError::NotFound("price list"));
    }
    let product_id = product_id_of(db, sku).await?;
    let before = audited_price(db, price_list_id, product_id).await?;
    write_price(db, price_list_id, product_id, unit, &tiers).await?;
    let after = audited_price(db, price_list_id, product_id).await?;
    audit_price_change(
        db,
        actor,
        AuditAction::PriceSet,
        price_list_id,
        sku,
        before,
        after,
    )
    .await
}

/// Sets only the unit price of a product in a list, keeping its tiers.
pub async fn write_unit_price(
    db: &impl ConnectionTrait,
    price_list_id: i64,
    product_id: i64,
    unit: i64,
) -> Result<(), DomainError> {
    price_list_item::Entity::insert(price_list_item::ActiveModel {
        price_list_id: Set(price_list_id),
        product_id: Set(product_id),
        unit_price: Set(unit),
    })
    .on_conflict(
        OnConflict::columns([
            price_list_item::Column::PriceListId,
            price_list_item::Column::ProductId,
        ])
        .update_column(price_list_item::Column::UnitPrice)
        .to_owned(),
    )
    .exec(db)
    .await?;
    Ok(())
}

pub async fn write_price(
    db: &impl ConnectionTrait,
    price_list_id: i64,
    product_id: i64,
    unit: i64,
    tiers: &[(i32, i64)],
) -> Result<(), DomainError> {
    write_unit_price(db, price_list_id, product_id, unit).await?;
    price_tier::Entity::delete_many()
        .filter(price_tier::Column::PriceListId.eq(price_list_id))
        .filter(price_tier::Column::ProductId.eq(product_id))
        .exec(db)
        .await?;
    for (quantity, price) in tiers {
        price_tier::ActiveModel {
            price_list_id: Set(price_list_id),
            product_id: Set(product_id),
            min_quantity: Set(*quantity),
            unit_price: Set(*price),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// Removes a product from a list (the base list then prices it for that company).
pub async fn remove_price(
    db: &impl ConnectionTrait,
    actor: &Actor,
    price_list_id: i64,
    sku: &str,
) -> Result<(), DomainError> {
    let product_id = product_id_of(db, sku).await?;
    let before = audited_price(db, price_list_id, product_id).await?;
    price_tier::Entity::delete_many()
        .filter(price_tier::Column::PriceListId.eq(price_list_id))
        .filter(price_tier::Column::ProductId.eq(product_id))
        .exec(db)
        .await?;
    let removed = price_list_item::Entity::delete_many()
        .filter(price_list_item::Column::PriceListId.eq(price_list_id))
        .filter(price_list_item::Column::ProductId.eq(product_id))
        .exec(db)
        .await?;
    if removed.rows_affected == 0 {
        return Err(DomainError::NotFound("price"));
    }
    let after = serde_json::Value::Null;
    audit_price_change(
        db,
        actor,
        AuditAction::PriceRemoved,
        price_list_id,
        sku,
        before,
        after,
    )
    .await
}

/// A company discount in percent as stored: hundredths of a percent, 0 to 100 percent
/// with at most 2 decimals.
pub fn discount_basis_points(discount_percent: Decimal) -> Result<i32, DomainError> {
    if discount_percent < Decimal::ZERO
        || discount_percent > Decimal::from(100)
        || discount_percent.scale() > 2
    {
        return Err(DomainError::bad_input(
            "The discount must be between 0 and 100 percent, with at most 2 decimals",
        ));
    }
    Ok((discount_percent * Decimal::from(100))
        .trunc()
        .to_i32()
        .unwrap_or(0))
}

/// A company's price list must exist (`None`: the base list only).
pub async fn ensure_price_list_exists(
    db: &impl ConnectionTrait,
    price_list_id: Option<i64>,
) -> Result<(), DomainError> {
    if let Some(list) = price_list_id
        && price_list::Entity::find_by_id(list)
            .one(db)
            .await?
            .is_none()
    {
        return Err(DomainError::NotFound("price list"));
    }
    Ok(())
}

/// Assigns a company its price list and discount.
pub async fn set_company_pricing(
    db: &impl ConnectionTrait,
    actor: &Actor,
    company_id: CompanyId,
    price_list_id: Option<i64>,
    discount_percent: Decimal,
) -> Result<(), DomainError> {
    let basis_points = discount_basis_points(discount_percent)?;
    ensure_price_list_exists(db, price_list_id).await?;
    let existing = company::Entity::find_by_id(company_id.0)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound("company"))?;
    let pricing = |list: Option<i64>, basis_points: i32| {
        serde_json::json!({
            "priceList": list,
            "discountPercent": (Decimal::from(basis_points) / Decimal::from(100)).normalize().to_string(),
        })
    };
    let updated = company::Entity::update_many()
        .col_expr(
            company::Column::PriceListId,
            sea_orm::sea_query::Expr::value(price_list_id),
        )
        .col_expr(
            company::Column::DiscountBasisPoints,
            sea_orm::sea_query::Expr::value(basis_points),
        )
        .filter(company::Column::Id.eq(company_id.0))
        .exec(db)
        .await?;
    if updated.rows_affected == 0 {
        return Err(DomainError::NotFound("company"));
    }
    Entry::new(AuditAction::CompanyPricingChanged)
        .by(actor)
        .company(Some(company_id))
        .target("company", company_id.0)
        .before(pricing(
            existing.price_list_id,
            existing.discount_basis_points,
        ))
        .after(pricing(price_list_id, basis_points))
        .record(db)
        .await
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Assortment {
    pub category_ids: Vec<i64>,
    pub skus: Vec<String>,
}

pub async fn assortment(
    db: &impl ConnectionTrait,
    company_id: CompanyId,
) -> Result<Assortment, DomainError> {
    let categories = assortment_category::Entity::find()
        .filter(assortment_category::Column::CompanyId.eq(company_id.0))
        .all(db)
        .await?;
    let product_ids: Vec<i64> = assortment_product::Entity::find()
        .filter(assortment_product::Column::CompanyId.eq(company_id.0))
        .all(db)
        .await?
        .into_iter()
        .map(|row| row.product_id)
        .collect();
    let mut skus: Vec<String> = product::Entity::find()
        .filter(product::Column::Id.is_in(product_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|row| row.sku)
        .collect();
    skus.sort();
    let mut category_ids: Vec<i64> = categories.into_iter().map(|row| row.category_id).collect();
    category_ids.sort_unstable();
    Ok(Assortment { category_ids, skus })
}

/// Replaces a company's assortment. Unknown categories or SKUs refuse the whole change.
pub async fn set_assortment(
    db: &impl ConnectionTrait,
    company_id: CompanyId,
    category_ids: &[i64],
    skus: &[String],
) -> Result<Assortment, DomainError> {
    if company::Entity::find_by_id(company_id.0)
        .one(db)
        .await?
        .is_none()
    {
        return Err(DomainError::NotFound("company"));
    }
    let parents = category_parents(db).await?;
    let categories: HashSet<i64> = category_ids.iter().copied().collect();
    if let Some(unknown) = categories.iter().find(|id| !parents.contains_key(id)) {
        return Err(DomainError::bad_input(format!(
            "Category {unknown} does not exist"
        )));
    }
    let mut parsed = HashSet::new();
    for sku in skus {
        parsed.insert(
            Sku::parse(sku)
                .map_err(|error| DomainError::bad_input(error.to_string()))?
                .to_string(),
        );
    }
    let found: HashMap<String, i64> = product::Entity::find()
        .filter(product::Column::Sku.is_in(parsed.iter().cloned()))
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.sku, row.id))
        .collect();
    if let Some(unknown) = parsed.iter().find(|sku| !found.contains_key(*sku)) {
        return Err(DomainError::bad_input(format!(
            "No product has the SKU {unknown}"
        )));
    }
    assortment_category::Entity::delete_many()
        .filter(assortment_category::Column::CompanyId.eq(company_id.0))
        .exec(db)
        .await?;
    assortment_product::Entity::delete_many()
        .filter(assortment_product::Column::CompanyId.eq(company_id.0))
        .exec(db)
        .await?;
    for category_id in &categories {
        assortment_category::ActiveModel {
            company_id: Set(company_id.0),
            category_id: Set(*category_id),
        }
        .insert(db)
        .await?;
    }
    for product_id in found.values() {
        assortment_product::ActiveModel {
            company_id: Set(company_id.0),
            product_id: Set(*product_id),
        }
        .insert(db)
        .await?;
    }
    assortment(db, company_id).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> ProductDraft {
        ProductDraft {
            sku: "ab-1".to_owned(),
            name_he: "מוצר".to_owned(),
            name_en: "Product".to_owned(),
            category_id: 1,
            unit: "unit".to_owned(),
            pack_size: 6,
            min_order_quantity: 12,
            active: true,
            ..Default::default()
        }
    }

    #[test]
    fn a_good_draft_is_normalised() {
        let valid = validate_product(&draft());
        assert_eq!(
            valid.map(|product| product.sku.to_string()),
            Ok("AB-1".to_owned())
        );
    }

    #[test]
    fn bad_drafts_are_refused_with_a_reason() {
        let cases: Vec<(ProductDraft, &str)> = vec![
            (
                ProductDraft {
                    sku: "a b".to_owned(),
                    ..draft()
                },
                "SKU",
            ),
            (
                ProductDraft {
                    name_he: " ".to_owned(),
                    ..draft()
                },
                "Hebrew name",
            ),
            (
                ProductDraft {
                    pack_size: 0,
                    ..draft()
                },
                "pack size",
            ),
            (
                ProductDraft {
                    min_order_quantity: 7,
                    ..draft()
                },
                "whole number of packs",
            ),
            (
                ProductDraft {
                    image_url: Some("javascript:alert(1)".to_owned()),
                    ..draft()
                },
                "image URL",
            ),
        ];
        for (bad, expected) in cases {
            let error = validate_product(&bad).err().unwrap_or_default();
            assert!(error.contains(expected), "{error}");
        }
    }

    #[test]
    fn tiers_must_get_cheaper_with_quantity() {
        let price = |text: &str| text.parse::<Decimal>().unwrap_or_default();
        assert!(validate_price(price("10"), &[(10, price("9")), (100, price("8"))]).is_ok());
        assert!(validate_price(price("10"), &[(10, price("11"))]).is_err());
        assert!(validate_price(price("10"), &[(10, price("9")), (10, price("8"))]).is_err());
        assert!(validate_price(price("10"), &[(1, price("9"))]).is_err());
        assert!(validate_price(price("-1"), &[]).is_err());
        assert!(validate_price(price("1.00001"), &[]).is_err());
    }
}
