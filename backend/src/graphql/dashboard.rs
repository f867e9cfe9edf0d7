//! The supplier's dashboard: every measure of `domain::insight` in one query.

use async_graphql::{Context, ID, Object, SimpleObject};
use shared::CompanyId;

use super::context::ContextExt;
use super::error::bad_input;
use super::orders::{OrderStatusEnum, parse_order_id};
use super::scalars::{DateScalar, DecimalScalar};
use crate::domain::Operation;
use crate::domain::insight::{
    self, Period, Scope, customers, low_stock, quality, sales, statuses, timing,
};

#[derive(SimpleObject)]
pub struct StatusCount {
    pub status: OrderStatusEnum,
    pub orders: i64,
}

/// Sold orders of one day, or of one ISO week (`start` is its Monday).
#[derive(SimpleObject)]
pub struct SalesBucket {
    pub start: DateScalar,
    pub orders: i64,
    /// Net, before VAT.
    pub revenue: DecimalScalar,
}

/// An average duration in hours (null without orders to average).
#[derive(SimpleObject)]
pub struct Turnaround {
    pub orders: i64,
    pub average_hours: Option<f64>,
}

#[derive(SimpleObject)]
pub struct ApprovalTurnaround {
    /// Final approvals and rejections in the period, and their mean time from placing.
    pub decided: Turnaround,
    pub approved: i64,
    pub rejected: i64,
}

#[derive(SimpleObject)]
pub struct ReturnRate {
    pub sold_units: i64,
    pub returned_units: i64,
    /// `returnedUnits / soldUnits`, 0 to 1 (null without units sold).
    pub rate: Option<f64>,
}

#[derive(SimpleObject)]
pub struct PickingAccuracy {
    pub fulfilled_orders: i64,
    pub wrong_item_orders: i64,
    /// Share of fulfilled orders not returned as a wrong item, 0 to 1.
    pub accuracy: Option<f64>,
}

#[derive(SimpleObject)]
pub struct CustomerFrequency {
    pub company_id: ID,
    pub company_name: String,
    pub orders: i64,
    pub revenue: DecimalScalar,
    pub orders_per_30_days: f64,
}

#[derive(SimpleObject)]
pub struct LowStockProduct {
    pub product_id: ID,
    pub sku: String,
    pub name_he: String,
    pub name_en: String,
    pub available: i64,
    pub units_sold_30_days: i64,
    /// Days the stock lasts at the last 30 days' rate (null without sales).
    pub days_of_cover: Option<f64>,
}

/// How the operation performs over a period. Every measure is defined in
/// `backend/src/domain/insight` (sold orders: reached the supplier in the period and
/// not cancelled; amounts net of VAT; days in UTC).
#[derive(SimpleObject)]
pub struct Dashboard {
    pub from: DateScalar,
    pub to: DateScalar,
    pub company_id: Option<ID>,
    /// Orders created in the period by their status now, every status listed.
    pub orders_by_status: Vec<StatusCount>,
    /// Sold orders per day, every day of the period.
    pub sales_by_day: Vec<SalesBucket>,
    /// Sold orders per ISO week (Monday first).
    pub sales_by_week: Vec<SalesBucket>,
    pub orders: i64,
    pub revenue: DecimalScalar,
    pub average_order_value: Option<DecimalScalar>,
    /// From submission to delivery, over the orders delivered in the period.
    pub delivery_time: Turnaround,
    pub approval_turnaround: ApprovalTurnaround,
    pub return_rate: ReturnRate,
    pub picking_accuracy: PickingAccuracy,
    /// Companies with sold orders, most orders first.
    pub purchase_frequency: Vec<CustomerFrequency>,
    pub average_orders_per_30_days: Option<f64>,
    /// Products with few units available, the fewest days of cover first.
    pub low_stock: Vec<LowStockProduct>,
}

#[derive(Default)]
pub struct DashboardQuery;

#[Object]
impl DashboardQuery {
    /// Supplier staff: the measures of the days `from` to `to` (both included, UTC, at
    /// most 731 days), of every customer or of `companyId`.
    async fn dashboard(
        &self,
        ctx: &Context<'_>,
        from: DateScalar,
        to: DateScalar,
        company_id: Option<ID>,
    ) -> async_graphql::Result<Dashboard> {
        ctx.authorize(Operation::ViewDashboard)?;
        let company = company_id
            .as_ref()
            .map(|id| {
                parse_order_id(id)
                    .map(CompanyId)
                    .ok_or_else(|| bad_input("companyId is not a company"))
            })
            .transpose()?;
        let scope = Scope {
            period: Period::parse(from.0, to.0)?,
            company,
        };
        Ok(insight::dashboard(ctx.db()?, scope).await?.into())
    }
}

impl From<insight::Dashboard> for Dashboard {
    fn from(dashboard: insight::Dashboard) -> Dashboard {
        let insight::Dashboard {
            scope,
            statuses,
            sales,
            delivery,
            approval,
            returns,
            picking,
            customers,
            low_stock,
        } = dashboard;
        let buckets = |buckets: Vec<sales::Bucket>| buckets.into_iter().map(Into::into).collect();
        Dashboard {
            from: scope.period.first().into(),
            to: scope.period.last().into(),
            company_id: scope.company.map(|company| ID(company.0.to_string())),
            orders_by_status: statuses.into_iter().map(Into::into).collect(),
            sales_by_day: buckets(sales.days),
            sales_by_week: buckets(sales.weeks),
            orders: sales.orders,
            revenue: sales.revenue.into(),
            average_order_value: sales.average_order_value.map(Into::into),
            delivery_time: delivery.into(),
            approval_turnaround: ApprovalTurnaround {
                decided: approval.decided.into(),
                approved: approval.approved,
                rejected: approval.rejected,
            },
            return_rate: ReturnRate {
                sold_units: returns.sold_units,
                returned_units: returns.returned_units,
                rate: returns.rate,
            },
            picking_accuracy: picking.into(),
            purchase_frequency: customers.customers.into_iter().map(Into::into).collect(),
            average_orders_per_30_days: customers.average_orders_per_30_days,
            low_stock: low_stock.into_iter().map(Into::into).collect(),
        }
    }
}

impl From<statuses::StatusCount> for StatusCount {
    fn from(count: statuses::StatusCount) -> StatusCount {
        StatusCount {
            status: count.status.into(),
            orders: count.orders,
        }
    }
}

impl From<sales::Bucket> for SalesBucket {
    fn from(bucket: sales::Bucket) -> SalesBucket {
        SalesBucket {
            start: bucket.start.into(),
            orders: bucket.orders,
            revenue: bucket.revenue.into(),
        }
    }
}

impl From<timing::Turnaround> for Turnaround {
    fn from(turnaround: timing::Turnaround) -> Turnaround {
        Turnaround {
            orders: turnaround.orders,
            average_hours: turnaround.average_hours,
        }
    }
}

impl From<quality::PickingAccuracy> for PickingAccuracy {
    fn from(picking: quality::PickingAccuracy) -> PickingAccuracy {
        PickingAccuracy {
            fulfilled_orders: picking.fulfilled_orders,
            wrong_item_orders: picking.wrong_item_orders,
            accuracy: picking.accuracy,
        }
    }
}

impl From<customers::CustomerFrequency> for CustomerFrequency {
    fn from(customer: customers::CustomerFrequency) -> CustomerFrequency {
        CustomerFrequency {
            company_id: ID(customer.company.0.to_string()),
            company_name: customer.name,
            orders: customer.orders,
            revenue: customer.revenue.into(),
            orders_per_30_days: customer.orders_per_30_days,
        }
    }
}

impl From<low_stock::LowStockProduct> for LowStockProduct {
    fn from(product: low_stock::LowStockProduct) -> LowStockProduct {
        LowStockProduct {
            product_id: ID(product.product_id.to_string()),
            sku: product.sku,
            name_he: product.name_he,
            name_en: product.name_en,
            available: product.available,
            units_sold_30_days: product.units_sold_30_days,
            days_of_cover: product.days_of_cover,
        }
    }
}
