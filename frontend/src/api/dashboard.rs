//! Supplier staff's dashboard: `dashboard(from, to)`, every measure in one request.
//! The measures are defined in `backend/src/domain/insight`.

use serde::Deserialize;
use serde_json::json;

use super::{ApiError, graphql};

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct StatusCount {
    pub status: String,
    pub orders: u64,
}

/// Sold orders of a day, or of an ISO week starting on `start` (a Monday).
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct SalesBucket {
    /// `YYYY-MM-DD`.
    pub start: String,
    pub orders: u64,
    /// A `Decimal`: net, before VAT.
    pub revenue: String,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Turnaround {
    pub orders: u64,
    pub average_hours: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct ApprovalTurnaround {
    pub decided: Turnaround,
    pub approved: u64,
    pub rejected: u64,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReturnRate {
    pub sold_units: u64,
    pub returned_units: u64,
    pub rate: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PickingAccuracy {
    pub fulfilled_orders: u64,
    pub wrong_item_orders: u64,
    pub accuracy: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomerFrequency {
    pub company_name: String,
    pub orders: u64,
    pub orders_per_30_days: f64,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LowStockProduct {
    pub sku: String,
    pub name_he: String,
    pub name_en: String,
    pub available: i64,
    pub units_sold_30_days: u64,
    pub days_of_cover: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Dashboard {
    pub orders_by_status: Vec<StatusCount>,
    pub sales_by_day: Vec<SalesBucket>,
    pub sales_by_week: Vec<SalesBucket>,
    pub orders: u64,
    pub revenue: String,
    pub average_order_value: Option<String>,
    pub delivery_time: Turnaround,
    pub approval_turnaround: ApprovalTurnaround,
    pub return_rate: ReturnRate,
    pub picking_accuracy: PickingAccuracy,
    pub purchase_frequency: Vec<CustomerFrequency>,
    pub average_orders_per_30_days: Option<f64>,
    pub low_stock: Vec<LowStockProduct>,
}

/// The measures of the days `from` to `to` (`YYYY-MM-DD`, both included).
pub async fn dashboard(from: String, to: String) -> Result<Dashboard, ApiError> {
    #[derive(Deserialize)]
    struct Data {
        dashboard: Dashboard,
    }
    let query = "query Dashboard($from: Date!, $to: Date!) { dashboard(from: $from, to: $to) { \
        ordersByStatus { status orders } \
        salesByDay { start orders revenue } salesByWeek { start orders revenue } \
        orders revenue averageOrderValue \
        deliveryTime { orders averageHours } \
        approvalTurnaround { decided { orders averageHours } approved rejected } \
        returnRate { soldUnits returnedUnits rate } \
        pickingAccuracy { fulfilledOrders wrongItemOrders accuracy } \
        purchaseFrequency { companyName orders ordersPer30Days } averageOrdersPer30Days \
        lowStock { sku nameHe nameEn available unitsSold30Days daysOfCover } } }";
    let data: Data = graphql(query, json!({ "from": from, "to": to })).await?;
    Ok(data.dashboard)
}
