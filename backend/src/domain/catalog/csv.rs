//! Catalog CSV import and export, as Excel writes and reads it: UTF-8 with or without
//! a byte-order mark, Hebrew text, `,` or `;` between fields (with `;`, a decimal comma
//! is accepted in prices). An import is checked whole first: a dry run lists every bad
//! row with its line number and reason; applying writes all rows or none.
//!
//! Columns (header names, any order): `sku`, `name_he`, `name_en`, `category` (the
//! English name or the id of a category), `unit` are required; `description`,
//! `pack_size` (1), `min_order_quantity` (1), `active` (true), `base_price` (empty:
//! unchanged), `on_hand` (empty: unchanged) are optional.

use std::collections::{HashMap, HashSet};

use chrono::Utc;
use rust_decimal::Decimal;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
};

use super::admin::{self, ProductDraft, ValidProduct};
use crate::db::money;
use crate::domain::{Actor, DomainError};
use crate::entities::{category, price_list, price_list_item, product, stock, stock_movement};
use crate::events::StockChange;

pub const MAX_ROWS: usize = 20_000;
/// The largest file accepted: `MAX_ROWS` rows of about 130 bytes with room to spare
/// (the request body limit, `http::MAX_BODY_BYTES`, is above it).
pub const MAX_FILE_BYTES: usize = 4 * 1024 * 1024;
/// The report lists at most this many bad rows (and says how many there were).
pub const MAX_REPORTED_ERRORS: usize = 500;

const REQUIRED: [&str; 5] = ["sku", "name_he", "name_en", "category", "unit"];
const OPTIONAL: [&str; 6] = [
    "description",
    "pack_size",
    "min_order_quantity",
    "active",
    "base_price",
    "on_hand",
];

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    /// The line in the file, counting the header as line 1.
    pub line: u64,
    pub message: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub rows: usize,
    pub created: usize,
    pub updated: usize,
    pub stock_changes: usize,
    pub error_count: usize,
    pub errors: Vec<RowError>,
    pub applied: bool,
}

struct ImportRow {
    line: u64,
    product: ValidProduct,
    base_price: Option<i64>,
    on_hand: Option<i64>,
}

fn parse_error(message: impl Into<String>) -> RowError {
    RowError {
        line: 1,
        message: message.into(),
    }
}

fn parse_bool(text: &str) -> Option<bool> {
    match text.trim().to_lowercase().as_str() {
        "" | "true" | "yes" | "1" | "כן" => Some(true),
        "false" | "no" | "0" | "לא" => Some(false),
        _ => None,
    }
}

/// Category look-up by id or by English name (case-insensitive); names that two
/// categories share are ambiguous.
struct Categories {
    by_name: HashMap<String, Option<i64>>,
    ids: HashSet<i64>,
    names: HashMap<i64, String>,
}

impl Categories {
    async fn load(db: &impl ConnectionTrait) -> Result<Categories, DomainError> {
        let rows = category::Entity::find().all(db).await?;
        let mut by_name: HashMap<String, Option<i64>> = HashMap::new();
        for row in &rows {
            by_name
                .entry(row.name_en.trim().to_lowercase())
                .and_modify(|existing| *existing = None)
                .or_insert(Some(row.id));
        }
        Ok(Categories {
            ids: rows.iter().map(|row| row.id).collect(),
            names: rows.into_iter().map(|row| (row.id, row.name_en)).collect(),
            by_name,
        })
    }

    fn resolve(&self, text: &str) -> Result<i64, String> {
        let text = text.trim();
        if let Ok(id) = text.parse::<i64>() {
            return self
                .ids
                .contains(&id)
                .then_some(id)
                .ok_or_else(|| format!("category {id} does not exist"));
        }
        match self.by_name.get(&text.to_lowercase()) {
            Some(Some(id)) => Ok(*id),
            Some(None) => Err(format!(
                "the category name '{text}' is ambiguous; use the category id"
            )),
            None => Err(format!("no category is named '{text}'")),
        }
    }

    /// The text the export writes: the name when it is unique, else the id.
    fn label(&self, id: i64) -> String {
        match self.names.get(&id) {
            Some(name) if self.by_name.get(&name.trim().to_lowercase()) == Some(&Some(id)) => {
                name.clone()
            }
            _ => id.to_string(),
        }
    }
}

fn parse_price(text: &str, delimiter: u8) -> Result<Option<i64>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let normalized = if delimiter == b';' {
        text.replace(',', ".")
    } else {
        text.to_owned()
    };
    let amount: Decimal = normalized
        .parse()
        .map_err(|_| format!("'{text}' is not a price"))?;
    let (unit, _) = admin::validate_price(amount, &[])?;
    Ok(Some(unit))
}

fn parse_quantity(
    field: &str,
    text: &str,
    default: Option<i64>,
    max: i64,
) -> Result<Option<i64>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(default);
    }
    let value: i64 = text
        .parse()
        .map_err(|_| format!("{field} '{text}' is not a whole number"))?;
    if !(0..=max).contains(&value) {
        return Err(format!("{field} must be between 0 and {max}"));
    }
    Ok(Some(value))
}

/// Reads and checks the whole file. Returns the rows, or the report of every bad row.
async fn parse(
    db: &impl ConnectionTrait,
    text: &str,
) -> Result<Result<Vec<ImportRow>, Vec<RowError>>, DomainError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let header_line = text.lines().next().unwrap_or_default();
    let delimiter = if header_line.matches(';').count() > header_line.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(false)
        .trim(::csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = match reader.headers() {
        Ok(headers) => headers
            .iter()
            .map(|name| name.trim().to_lowercase())
            .collect::<Vec<_>>(),
        Err(error) => {
            return Ok(Err(vec![parse_error(format!(
                "the header cannot be read: {error}"
            ))]));
        }
    };
    let column: HashMap<&str, usize> = headers
        .iter()
        .enumerate()
        .map(|(index, name)| (name.as_str(), index))
        .collect();
    let missing: Vec<&str> = REQUIRED
        .iter()
        .copied()
        .filter(|name| !column.contains_key(name))
        .collect();
    if !missing.is_empty() {
        return Ok(Err(vec![parse_error(format!(
            "missing columns: {}",
            missing.join(", ")
        ))]));
    }
    if let Some(unknown) = headers
        .iter()
        .find(|name| !REQUIRED.contains(&name.as_str()) && !OPTIONAL.contains(&name.as_str()))
    {
        return Ok(Err(vec![parse_error(format!(
            "unknown column '{unknown}'"
        ))]));
    }

    let categories = Categories::load(db).await?;
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    let mut seen_skus: HashMap<String, u64> = HashMap::new();
    for (index, record) in reader.records().enumerate() {
        if index >= MAX_ROWS {
            errors.push(RowError {
                line: index as u64 + 2,
                message: format!("a file may have at most {MAX_ROWS} rows"),
            });
            break;
        }
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                let line = error
                    .position()
                    .map_or(index as u64 + 2, |position| position.line());
                errors.push(RowError {
                    line,
                    message: format!("the row cannot be read: {error}"),
                });
                continue;
            }
        };
        let line = record
            .position()
            .map_or(index as u64 + 2, |position| position.line());
        let field = |name: &str| {
            column
                .get(name)
                .and_then(|index| record.get(*index))
                .unwrap_or_default()
        };
        let row = (|| -> Result<ImportRow, String> {
            let category_id = categories.resolve(field("category"))?;
            let pack_size = parse_quantity(
                "pack_size",
                field("pack_size"),
                Some(1),
                i64::from(admin::MAX_PACK_SIZE),
            )?
            .unwrap_or(1);
            let min_order_quantity = parse_quantity(
                "min_order_quantity",
                field("min_order_quantity"),
                Some(1),
                i64::from(admin::MAX_PACK_SIZE),
            )?
            .unwrap_or(1);
            let active = parse_bool(field("active"))
                .ok_or_else(|| format!("active '{}' is not yes or no", field("active")))?;
            let draft = ProductDraft {
                sku: field("sku").to_owned(),
                name_he: field("name_he").to_owned(),
                name_en: field("name_en").to_owned(),
                description: field("description").to_owned(),
                category_id,
                unit: field("unit").to_owned(),
                pack_size: i32::try_from(pack_size).unwrap_or(0),
                min_order_quantity: i32::try_from(min_order_quantity).unwrap_or(0),
                image_url: None,
                active,
            };
            let product = admin::validate_product(&draft)?;
            Ok(ImportRow {
                line,
                product,
                base_price: parse_price(field("base_price"), delimiter)?,
                on_hand: parse_quantity("on_hand", field("on_hand"), None, 1_000_000_000)?,
            })
        })();
        match row {
            Ok(row) => {
                if let Some(first) = seen_skus.insert(row.product.sku.to_string(), line) {
                    errors.push(RowError {
                        line,
                        message: format!("{} already appears on line {first}", row.product.sku),
                    });
                } else {
                    rows.push(row);
                }
            }
            Err(message) => errors.push(RowError { line, message }),
        }
    }
    if rows.is_empty() && errors.is_empty() {
        errors.push(RowError {
            line: 2,
            message: "the file has no rows".to_owned(),
        });
    }
    if errors.is_empty() {
        Ok(Ok(rows))
    } else {
        Ok(Err(errors))
    }
}

async fn base_list_id(db: &impl ConnectionTrait) -> Result<i64, DomainError> {
    price_list::Entity::find()
        .filter(price_list::Column::IsBase.eq(true))
        .one(db)
        .await?
        .map(|list| list.id)
        .ok_or_else(|| DomainError::internal(anyhow::anyhow!("there is no base price list")))
}

/// Checks the file and, unless `dry_run`, applies it inside `txn`. The caller commits
/// only when the report says it was applied.
pub async fn import(
    txn: &impl ConnectionTrait,
    actor: &Actor,
    text: &str,
    dry_run: bool,
) -> Result<(ImportReport, Vec<StockChange>), DomainError> {
    crate::domain::upload::check_size(text, MAX_FILE_BYTES)?;
    let rows = match parse(txn, text).await? {
        Ok(rows) => rows,
        Err(errors) => return Ok((report_of_errors(errors), Vec::new())),
    };
    let skus: Vec<String> = rows.iter().map(|row| row.product.sku.to_string()).collect();
    let existing: HashMap<String, i64> = product::Entity::find()
        .filter(product::Column::Sku.is_in(skus.clone()))
        .all(txn)
        .await?
        .into_iter()
        .map(|row| (row.sku, row.id))
        .collect();
    let levels: HashMap<i64, stock::Model> = stock::Entity::find()
        .filter(stock::Column::ProductId.is_in(existing.values().copied().collect::<Vec<_>>()))
        .all(txn)
        .await?
        .into_iter()
        .map(|row| (row.product_id, row))
        .collect();
    // Stock on hand may not drop below what orders have reserved.
    let mut errors = Vec::new();
    for row in &rows {
        let reserved = existing
            .get(row.product.sku.as_str())
            .and_then(|id| levels.get(id))
            .map_or(0, |level| level.reserved);
        if let Some(on_hand) = row.on_hand
            && on_hand < reserved
        {
            errors.push(RowError {
                line: row.line,
                message: format!(
                    "{}: on_hand {on_hand} is below the {reserved} reserved for orders",
                    row.product.sku
                ),
            });
        }
    }
    if !errors.is_empty() {
        return Ok((report_of_errors(errors), Vec::new()));
    }
    let mut report = ImportReport {
        rows: rows.len(),
        ..Default::default()
    };
    report.created = rows
        .iter()
        .filter(|row| !existing.contains_key(row.product.sku.as_str()))
        .count();
    report.updated = rows.len() - report.created;
    if dry_run {
        return Ok((report, Vec::new()));
    }

    let base = base_list_id(txn).await?;
    // The base prices before the import, read at once, for the audit log.
    let old_prices: HashMap<i64, i64> = price_list_item::Entity::find()
        .filter(price_list_item::Column::PriceListId.eq(base))
        .filter(
            price_list_item::Column::ProductId
                .is_in(existing.values().copied().collect::<Vec<_>>()),
        )
        .all(txn)
        .await?
        .into_iter()
        .map(|item| (item.product_id, item.unit_price))
        .collect();
    let now = Utc::now();
    let mut changes = Vec::new();
    for row in rows {
        let (saved, _) = admin::upsert_product(txn, &row.product).await?;
        if let Some(unit) = row.base_price {
            admin::write_unit_price(txn, base, saved.id, unit).await?;
            let old = old_prices.get(&saved.id).copied();
            if old != Some(unit) {
                admin::audit_imported_price(txn, actor, base, &saved.sku, old, unit).await?;
            }
        }
        if let Some(on_hand) = row.on_hand {
            let current = levels.get(&saved.id);
            let (old_on_hand, reserved) =
                current.map_or((0, 0), |level| (level.on_hand, level.reserved));
            let delta = on_hand - old_on_hand;
            if delta != 0 || current.is_none() {
                stock::Entity::insert(stock::ActiveModel {
                    product_id: Set(saved.id),
                    on_hand: Set(on_hand),
                    reserved: Set(0),
                    updated_at: Set(now),
                })
                .on_conflict_do_nothing_on([stock::Column::ProductId])
                .exec(txn)
                .await?;
                stock::Entity::update_many()
                    .col_expr(
                        stock::Column::OnHand,
                        Expr::col(stock::Column::OnHand).add(delta),
                    )
                    .col_expr(stock::Column::UpdatedAt, Expr::value(now))
                    .filter(stock::Column::ProductId.eq(saved.id))
                    .filter(stock::Column::OnHand.eq(old_on_hand))
                    .exec(txn)
                    .await?;
            }
            if delta != 0 {
                stock_movement::Entity::insert(stock_movement::ActiveModel {
                    product_id: Set(saved.id),
                    on_hand_delta: Set(delta),
                    reserved_delta: Set(0),
                    reason: Set("COUNT".to_owned()),
                    note: Set("CSV import".to_owned()),
                    actor_id: Set(Some(actor.user_id.0)),
                    created_at: Set(now),
                    ..Default::default()
                })
                .exec(txn)
                .await?;
                report.stock_changes += 1;
                changes.push(StockChange {
                    product_id: saved.id,
                    sku: saved.sku.clone(),
                    available: Ord::max(on_hand - reserved, 0),
                });
            }
        }
    }
    report.applied = true;
    Ok((report, changes))
}

fn report_of_errors(mut errors: Vec<RowError>) -> ImportReport {
    errors.sort_by_key(|error| error.line);
    let error_count = errors.len();
    errors.truncate(MAX_REPORTED_ERRORS);
    ImportReport {
        error_count,
        errors,
        ..Default::default()
    }
}

/// Every product with its base price and stock on hand, in the import's format, with
/// a byte-order mark so that Excel reads the Hebrew correctly.
pub async fn export(db: &impl ConnectionTrait) -> Result<String, DomainError> {
    let categories = Categories::load(db).await?;
    let base = base_list_id(db).await?;
    let products = product::Entity::find()
        .order_by_asc(product::Column::Sku)
        .all(db)
        .await?;
    let prices: HashMap<i64, i64> = price_list_item::Entity::find()
        .filter(price_list_item::Column::PriceListId.eq(base))
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.product_id, row.unit_price))
        .collect();
    let on_hand: HashMap<i64, i64> = stock::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.product_id, row.on_hand))
        .collect();
    let mut writer = ::csv::WriterBuilder::new().from_writer(Vec::new());
    let header = [
        "sku",
        "name_he",
        "name_en",
        "description",
        "category",
        "unit",
        "pack_size",
        "min_order_quantity",
        "active",
        "base_price",
        "on_hand",
    ];
    let write_error =
        |error: ::csv::Error| DomainError::internal(anyhow::anyhow!("csv export: {error}"));
    writer.write_record(header).map_err(write_error)?;
    for row in products {
        let price = prices.get(&row.id).map(|stored| {
            let mut amount = money::from_db(*stored).amount().normalize();
            if amount.scale() < 2 {
                amount.rescale(2);
            }
            amount.to_string()
        });
        writer
            .write_record([
                row.sku.as_str(),
                row.name_he.as_str(),
                row.name_en.as_str(),
                row.description.as_str(),
                categories.label(row.category_id).as_str(),
                row.unit.as_str(),
                row.pack_size.to_string().as_str(),
                row.min_order_quantity.to_string().as_str(),
                if row.active { "true" } else { "false" },
                price.as_deref().unwrap_or_default(),
                on_hand
                    .get(&row.id)
                    .map(i64::to_string)
                    .unwrap_or_default()
                    .as_str(),
            ])
            .map_err(write_error)?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|error| DomainError::internal(anyhow::anyhow!("csv export: {error}")))?;
    let text = String::from_utf8(bytes).map_err(DomainError::internal)?;
    Ok(format!("\u{feff}{text}"))
}
