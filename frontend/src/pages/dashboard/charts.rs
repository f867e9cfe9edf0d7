//! The series and the statuses as charts (`components/chart.rs` draws them).

use leptos::prelude::*;
use shared::OrderStatus;

use super::format::{amount, compact, money};
use super::period::{day_text, short_day_text};
use crate::api::dashboard::{Dashboard, SalesBucket};
use crate::components::chart::{BarChart, Datum, StackedBar};
use crate::i18n::{Texts, use_i18n};

/// Periods up to this many days are drawn per day, longer ones per ISO week.
const MAX_DAILY_BARS: usize = 31;

/// What a bar of the series shows: the count of orders or their net revenue.
#[derive(Clone, Copy)]
enum Measure {
    Orders,
    Revenue,
}

fn series(buckets: &[SalesBucket], weekly: bool, measure: Measure, texts: &Texts) -> Vec<Datum> {
    let t = &texts.dashboard;
    buckets
        .iter()
        .map(|bucket| {
            let when = if weekly {
                (t.week_of)(&day_text(&bucket.start))
            } else {
                day_text(&bucket.start)
            };
            let (value, shown) = match measure {
                Measure::Orders => (bucket.orders as f64, (t.order_count)(bucket.orders)),
                Measure::Revenue => (amount(&bucket.revenue), money(&bucket.revenue)),
            };
            Datum {
                label: short_day_text(&bucket.start),
                description: format!("{when}: {shown}"),
                value,
                class: "",
            }
        })
        .collect()
}

/// One chart of the series: what it counts, its title, its axis and its test id.
struct SeriesChart {
    measure: Measure,
    title: &'static str,
    format_tick: fn(f64) -> String,
    test_id: &'static str,
}

fn whole(value: f64) -> String {
    format!("{value:.0}")
}

/// Orders and net revenue per day (or per week for long periods).
#[component]
pub fn SalesCharts(dashboard: Dashboard) -> impl IntoView {
    let i18n = use_i18n();
    let weekly = dashboard.sales_by_day.len() > MAX_DAILY_BARS;
    let buckets = if weekly {
        dashboard.sales_by_week
    } else {
        dashboard.sales_by_day
    };
    move || {
        let texts = i18n.t();
        let t = &texts.dashboard;
        let charts = [
            SeriesChart {
                measure: Measure::Orders,
                title: if weekly {
                    t.orders_chart_by_week
                } else {
                    t.orders_chart_by_day
                },
                format_tick: whole,
                test_id: "orders-chart",
            },
            SeriesChart {
                measure: Measure::Revenue,
                title: if weekly {
                    t.revenue_chart_by_week
                } else {
                    t.revenue_chart_by_day
                },
                format_tick: compact,
                test_id: "revenue-chart",
            },
        ];
        charts
            .into_iter()
            .map(|chart| {
                let SeriesChart {
                    measure,
                    title,
                    format_tick,
                    test_id,
                } = chart;
                let heading = format!("{test_id}-title");
                let labelled_by = heading.clone();
                view! {
                    <section class="card chart-card" aria-labelledby=labelled_by>
                        <h2 id=heading>{title}</h2>
                        <BarChart
                            data=series(&buckets, weekly, measure, texts)
                            title=title.to_owned()
                            hint=t.chart_hint.to_owned()
                            format_tick
                            test_id
                        />
                    </section>
                }
            })
            .collect_view()
    }
}

/// The orders created in the period by status: one bar of parts and its legend.
#[component]
pub fn StatusChart(dashboard: Dashboard) -> impl IntoView {
    let i18n = use_i18n();
    let counts: Vec<(OrderStatus, u64)> = dashboard
        .orders_by_status
        .iter()
        .filter_map(|count| OrderStatus::parse(&count.status).map(|status| (status, count.orders)))
        .collect();
    let total: u64 = counts.iter().map(|(_, orders)| orders).sum();
    move || {
        let texts = i18n.t();
        let t = &texts.dashboard;
        let name = |status: OrderStatus| (texts.orders.status)(status);
        let parts = counts
            .iter()
            .map(|(status, orders)| Datum {
                label: name(*status).to_owned(),
                description: format!("{}: {}", name(*status), (t.order_count)(*orders)),
                value: *orders as f64,
                class: part_class(*status),
            })
            .collect();
        let legend = counts
            .iter()
            .filter(|(_, orders)| *orders > 0)
            .map(|(status, orders)| {
                view! {
                    <li>
                        <span class=format!("legend-swatch {}", part_class(*status)) aria-hidden="true"></span>
                        {name(*status)}
                        ": "
                        <strong>{*orders}</strong>
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="card chart-card status-card" aria-labelledby="status-chart-title">
                <h2 id="status-chart-title">{t.status_title}</h2>
                <p class="muted">{(t.status_total)(total)}</p>
                <StackedBar
                    data=parts
                    title=t.status_title.to_owned()
                    hint=t.chart_hint.to_owned()
                    test_id="status-chart"
                />
                <ul class="chart-legend">{legend}</ul>
            </section>
        }
    }
}

/// A status's colour: its tone, and its own shade within the tone.
fn part_class(status: OrderStatus) -> &'static str {
    match status {
        OrderStatus::PendingApproval => "part-waiting",
        OrderStatus::Rejected => "part-refused",
        OrderStatus::Submitted => "part-moving part-1",
        OrderStatus::Confirmed => "part-moving part-2",
        OrderStatus::Picking => "part-moving part-3",
        OrderStatus::Packed => "part-moving part-4",
        OrderStatus::Invoiced => "part-moving part-5",
        OrderStatus::Shipped => "part-moving part-6",
        OrderStatus::Delivered => "part-done",
        OrderStatus::Cancelled => "part-stopped part-1",
        OrderStatus::Returned => "part-stopped part-2",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::orders::status::tone;

    #[test]
    fn every_status_has_the_colour_family_of_its_badge() {
        for status in OrderStatus::ALL {
            assert!(part_class(status).starts_with(&format!("part-{}", tone(status))));
        }
    }
}
