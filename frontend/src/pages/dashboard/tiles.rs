//! The measures as tiles: a name, a number, and what it is made of.

use leptos::prelude::*;

use super::format::{money, one_decimal, percent};
use crate::api::dashboard::Dashboard;
use crate::i18n::{Texts, use_i18n};

/// One tile: its test id, name, value and detail, in the current language.
struct Tile {
    id: &'static str,
    label: &'static str,
    value: String,
    detail: String,
}

fn tiles(dashboard: &Dashboard, texts: &Texts) -> Vec<Tile> {
    let t = &texts.dashboard;
    let or_none = |value: Option<String>| value.unwrap_or_else(|| t.no_value.to_owned());
    let delivery = &dashboard.delivery_time;
    let approval = &dashboard.approval_turnaround;
    let returns = &dashboard.return_rate;
    let picking = &dashboard.picking_accuracy;
    vec![
        Tile {
            id: "kpi-orders",
            label: t.orders,
            value: dashboard.orders.to_string(),
            detail: String::new(),
        },
        Tile {
            id: "kpi-revenue",
            label: t.revenue,
            value: money(&dashboard.revenue),
            detail: t.revenue_hint.to_owned(),
        },
        Tile {
            id: "kpi-average-order",
            label: t.average_order_value,
            value: or_none(dashboard.average_order_value.as_deref().map(money)),
            detail: t.revenue_hint.to_owned(),
        },
        Tile {
            id: "kpi-delivery-time",
            label: t.delivery_time,
            value: or_none(delivery.average_hours.map(t.duration)),
            detail: (t.delivered_orders)(delivery.orders),
        },
        Tile {
            id: "kpi-approval-time",
            label: t.approval_turnaround,
            value: or_none(approval.decided.average_hours.map(t.duration)),
            detail: (t.decisions)(approval.approved, approval.rejected),
        },
        Tile {
            id: "kpi-return-rate",
            label: t.return_rate,
            value: or_none(returns.rate.map(percent)),
            detail: (t.returned_units)(returns.returned_units, returns.sold_units),
        },
        Tile {
            id: "kpi-picking-accuracy",
            label: t.picking_accuracy,
            value: or_none(picking.accuracy.map(percent)),
            detail: (t.wrong_items)(picking.wrong_item_orders, picking.fulfilled_orders),
        },
        Tile {
            id: "kpi-purchase-frequency",
            label: t.purchase_frequency,
            value: or_none(dashboard.average_orders_per_30_days.map(one_decimal)),
            detail: t.purchase_frequency_hint.to_owned(),
        },
    ]
}

#[component]
pub fn Tiles(dashboard: Dashboard) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let items = tiles(&dashboard, i18n.t())
            .into_iter()
            .map(|tile| {
                view! {
                    <li class="kpi-tile card" data-testid=tile.id>
                        <span class="kpi-label">{tile.label}</span>
                        <strong class="kpi-value" dir="auto" data-testid="kpi-value">{tile.value}</strong>
                        <span class="kpi-detail muted">{tile.detail}</span>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="kpi-tiles" data-testid="kpi-tiles">{items}</ul> }
    }
}
