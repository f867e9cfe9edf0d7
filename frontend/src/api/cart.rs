//! The cart, quick order, saved lists, reorder, the checkout preview and placing an order.
//!
//! The cart lives on the server (one per user): every change answers with the whole
//! cart, priced again (tier at the line's quantity) with live availability.

use std::collections::HashMap;

use serde::Deserialize;
use serde_json::{Value, json};
use shared::Money;

use super::catalog::{PRODUCT_FIELDS, Product};
use super::{ApiError, graphql};

const CART_FIELDS: &str = "lines { sku name unit packSize minOrderQuantity quantity unitPrice \
    lineTotal available problems } subtotal vat total";

#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct Cart {
    pub lines: Vec<CartLine>,
    pub subtotal: Money,
    pub vat: Money,
    pub total: Money,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CartLine {
    pub sku: String,
    /// In the caller's language (the server's choice from the user's setting).
    pub name: String,
    pub unit: String,
    pub pack_size: u32,
    pub min_order_quantity: u32,
    pub quantity: u32,
    /// The net unit price at this quantity (tier applied); `None` when not priced.
    #[serde(default)]
    pub unit_price: Option<Money>,
    #[serde(default)]
    pub line_total: Option<Money>,
    pub available: i64,
    pub problems: Vec<LineProblem>,
}

/// What stops a cart line from being ordered as it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum LineProblem {
    BelowMinimum,
    NotWholePacks,
    MoreThanAvailable,
    NoPrice,
    /// A problem this build does not know yet; it still blocks checkout.
    #[serde(other)]
    Other,
}

impl CartLine {
    /// The smallest quantity that may be ordered: the minimum rounded up to whole packs.
    pub fn smallest_quantity(&self) -> u32 {
        let pack = self.pack_size.max(1);
        self.min_order_quantity.max(1).div_ceil(pack) * pack
    }

    /// The line's problems at `quantity` with `available` units in stock: the server's
    /// rules, so an edit or a live stock change shows at once what the server will say.
    pub fn problems_at(&self, quantity: u32, available: i64) -> Vec<LineProblem> {
        let mut problems = Vec::new();
        if quantity < self.min_order_quantity {
            problems.push(LineProblem::BelowMinimum);
        }
        if !quantity.is_multiple_of(self.pack_size.max(1)) {
            problems.push(LineProblem::NotWholePacks);
        }
        if i64::from(quantity) > available {
            problems.push(LineProblem::MoreThanAvailable);
        }
        if self.unit_price.is_none() {
            problems.push(LineProblem::NoPrice);
        }
        if self.problems.contains(&LineProblem::Other) {
            problems.push(LineProblem::Other);
        }
        problems
    }
}

/// A line the server would not add, with the code of its reason.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct RejectedLine {
    pub sku: String,
    pub code: String,
}

/// Why a line was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RejectReason {
    NotInCatalog,
    BadQuantity,
    BadSku,
}

impl RejectedLine {
    pub fn kind(&self) -> RejectReason {
        match self.code.as_str() {
            "UNKNOWN_SKU" => RejectReason::NotInCatalog,
            "BAD_QUANTITY" => RejectReason::BadQuantity,
            _ => RejectReason::BadSku,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct AddToCartResult {
    pub cart: Cart,
    pub rejected: Vec<RejectedLine>,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SavedList {
    pub id: String,
    pub name: String,
    pub line_count: u32,
}

pub async fn cart() -> Result<Cart, ApiError> {
    #[derive(Deserialize)]
    struct Data {
        cart: Cart,
    }
    let query = format!("query Cart {{ cart {{ {CART_FIELDS} }} }}");
    let data: Data = graphql(&query, json!({})).await?;
    Ok(data.cart)
}

/// How many lines the cart has (for the badge).
pub async fn cart_line_count() -> Result<usize, ApiError> {
    #[derive(Deserialize)]
    struct Line {}
    #[derive(Deserialize)]
    struct Lines {
        lines: Vec<Line>,
    }
    #[derive(Deserialize)]
    struct Data {
        cart: Lines,
    }
    let data: Data = graphql("query CartCount { cart { lines { sku } } }", json!({})).await?;
    Ok(data.cart.lines.len())
}

/// Sets one line's quantity; 0 removes the line.
pub async fn set_cart_line(sku: &str, quantity: u32) -> Result<Cart, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        set_cart_line: Cart,
    }
    let query = format!(
        "mutation SetCartLine($sku: String!, $quantity: Int!) {{ \
           setCartLine(sku: $sku, quantity: $quantity) {{ {CART_FIELDS} }} }}"
    );
    let data: Data = graphql(&query, json!({ "sku": sku, "quantity": quantity })).await?;
    Ok(data.set_cart_line)
}

/// Adds quantities to the cart (on top of what is there) in one request.
pub async fn add_to_cart(lines: &[(String, u32)]) -> Result<AddToCartResult, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        add_to_cart: AddToCartResult,
    }
    let query = format!(
        "mutation AddToCart($lines: [CartLineInput!]!) {{ addToCart(lines: $lines) {{ \
           cart {{ {CART_FIELDS} }} rejected {{ sku code }} }} }}"
    );
    let lines: Vec<Value> = lines
        .iter()
        .map(|(sku, quantity)| json!({ "sku": sku, "quantity": quantity }))
        .collect();
    let data: Data = graphql(&query, json!({ "lines": lines })).await?;
    Ok(data.add_to_cart)
}

pub async fn clear_cart() -> Result<(), ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        #[serde(rename = "clearCart")]
        _cleared: bool,
    }
    let _: Data = graphql("mutation ClearCart { clearCart }", json!({})).await?;
    Ok(())
}

pub async fn saved_lists() -> Result<Vec<SavedList>, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        saved_lists: Vec<SavedList>,
    }
    let data: Data = graphql(
        "query SavedLists { savedLists { id name lineCount } }",
        json!({}),
    )
    .await?;
    Ok(data.saved_lists)
}

/// Saves the cart under `name`, replacing a list of the same name.
pub async fn save_cart_as_list(name: &str) -> Result<SavedList, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        save_cart_as_list: SavedList,
    }
    let data: Data = graphql(
        "mutation SaveCartAsList($name: String!) { saveCartAsList(name: $name) { id name lineCount } }",
        json!({ "name": name }),
    )
    .await?;
    Ok(data.save_cart_as_list)
}

pub async fn add_saved_list_to_cart(id: &str) -> Result<AddToCartResult, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        add_saved_list_to_cart: AddToCartResult,
    }
    let query = format!(
        "mutation AddSavedList($id: ID!) {{ addSavedListToCart(id: $id) {{ \
           cart {{ {CART_FIELDS} }} rejected {{ sku code }} }} }}"
    );
    let data: Data = graphql(&query, json!({ "id": id })).await?;
    Ok(data.add_saved_list_to_cart)
}

pub async fn delete_saved_list(id: &str) -> Result<(), ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        #[serde(rename = "deleteSavedList")]
        _deleted: bool,
    }
    let _: Data = graphql(
        "mutation DeleteSavedList($id: ID!) { deleteSavedList(id: $id) }",
        json!({ "id": id }),
    )
    .await?;
    Ok(())
}

/// The catalog entries of the cart's SKUs that are still in the caller's catalog, in one
/// request (one aliased `product` field per SKU): their quantity tiers price an edited
/// line at once and give the "buy more, pay less" hints.
pub async fn products_by_sku(skus: &[String]) -> Result<HashMap<String, Product>, ApiError> {
    let mut products = HashMap::new();
    // A bounded number of fields per request keeps each under the server's limits.
    for chunk in skus.chunks(100) {
        if chunk.is_empty() {
            continue;
        }
        let declarations: Vec<String> = (0..chunk.len())
            .map(|index| format!("$s{index}: String!"))
            .collect();
        let fields: Vec<String> = (0..chunk.len())
            .map(|index| format!("p{index}: product(sku: $s{index}) {{ {PRODUCT_FIELDS} }}"))
            .collect();
        let query = format!(
            "query CartProducts({}) {{ {} }}",
            declarations.join(", "),
            fields.join(" ")
        );
        let variables: serde_json::Map<String, Value> = chunk
            .iter()
            .enumerate()
            .map(|(index, sku)| (format!("s{index}"), json!(sku)))
            .collect();
        let data: HashMap<String, Option<Product>> =
            graphql(&query, Value::Object(variables)).await?;
        products.extend(
            data.into_values()
                .flatten()
                .map(|product| (product.sku.clone(), product)),
        );
    }
    Ok(products)
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CostCenter {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub monthly_budget: Option<Money>,
}

pub async fn cost_centers() -> Result<Vec<CostCenter>, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        cost_centers: Vec<CostCenter>,
    }
    let data: Data = graphql(
        "query CostCenters { costCenters { id name monthlyBudget } }",
        json!({}),
    )
    .await?;
    Ok(data.cost_centers)
}

/// What an order is made of, for the quote and for placing it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OrderRequest {
    pub lines: Vec<(String, u32)>,
    pub cost_center_id: Option<String>,
    pub note: String,
}

impl OrderRequest {
    /// The `PlaceOrderInput` of the request.
    pub fn input(&self, idempotency_key: Option<&str>) -> Value {
        let lines: Vec<Value> = self
            .lines
            .iter()
            .map(|(sku, quantity)| json!({ "sku": sku, "quantity": quantity }))
            .collect();
        let note = self.note.trim();
        json!({
            "lines": lines,
            "costCenterId": self.cost_center_id,
            "note": (!note.is_empty()).then_some(note),
            "idempotencyKey": idempotency_key,
        })
    }
}

/// Why an order needs approval: the same reasons an order carries.
pub use super::orders::ApprovalReason;

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderQuote {
    pub subtotal: Money,
    pub vat: Money,
    pub total: Money,
    pub approvals_required: u32,
    pub approval_reasons: Vec<ApprovalReason>,
    #[serde(default)]
    pub budget_left_after: Option<Money>,
}

/// The checkout preview: totals, the approvals the order would need and why. Writes
/// nothing.
pub async fn order_quote(request: &OrderRequest) -> Result<OrderQuote, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        order_quote: OrderQuote,
    }
    let data: Data = graphql(
        "query OrderQuote($input: PlaceOrderInput!) { orderQuote(input: $input) { \
           subtotal vat total approvalsRequired \
           approvalReasons { kind message limit overBy costCenter } budgetLeftAfter } }",
        json!({ "input": request.input(None) }),
    )
    .await?;
    Ok(data.order_quote)
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct PlacedOrder {
    pub id: String,
    pub number: String,
}

/// A key for one order form's submits (`purpose` names the form): the time and 64
/// random bits. The same key on a retry returns the first order.
pub fn new_idempotency_key(purpose: &str) -> String {
    // Random bits for a key, not money: a float is what the browser offers.
    let random = |_| (js_sys::Math::random() * f64::from(u32::MAX)) as u32;
    let [high, low]: [u32; 2] = std::array::from_fn(random);
    format!(
        "{purpose}-{}-{high:08x}{low:08x}",
        js_sys::Date::now() as u64
    )
}

/// Places the order. The same `idempotency_key` on a retry returns the first order.
pub async fn place_order(
    request: &OrderRequest,
    idempotency_key: &str,
) -> Result<PlacedOrder, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        place_order: PlacedOrder,
    }
    let data: Data = graphql(
        "mutation PlaceOrder($input: PlaceOrderInput!) { placeOrder(input: $input) { id number } }",
        json!({ "input": request.input(Some(idempotency_key)) }),
    )
    .await?;
    Ok(data.place_order)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(quantity: u32, available: i64) -> CartLine {
        CartLine {
            sku: "ANC-103".to_owned(),
            name: "Anchor".to_owned(),
            unit: "box".to_owned(),
            pack_size: 10,
            min_order_quantity: 12,
            quantity,
            unit_price: Some(Money::ZERO),
            line_total: Some(Money::ZERO),
            available,
            problems: Vec::new(),
        }
    }

    #[test]
    fn a_line_has_the_servers_problems_at_any_quantity_and_stock() {
        let line = line(20, 50);
        assert_eq!(line.smallest_quantity(), 20);
        assert!(line.problems_at(20, 50).is_empty());
        assert_eq!(line.problems_at(10, 50), vec![LineProblem::BelowMinimum]);
        assert_eq!(
            line.problems_at(25, 20),
            vec![LineProblem::NotWholePacks, LineProblem::MoreThanAvailable]
        );
    }

    #[test]
    fn problems_and_money_are_read_from_the_servers_json() {
        let cart: Cart = serde_json::from_value(json!({
            "lines": [{
                "sku": "ANC-103", "name": "Anchor", "unit": "box", "packSize": 1,
                "minOrderQuantity": 1, "quantity": 3, "unitPrice": "13.192",
                "lineTotal": "39.58", "available": 2,
                "problems": ["MORE_THAN_AVAILABLE", "SOMETHING_NEW"]
            }],
            "subtotal": "39.58", "vat": "7.12", "total": "46.70"
        }))
        .unwrap_or_default();
        assert_eq!(cart.total.format_ils(), "₪ 46.70");
        assert_eq!(
            cart.lines.first().map(|line| line.problems.clone()),
            Some(vec![LineProblem::MoreThanAvailable, LineProblem::Other])
        );
    }
}
