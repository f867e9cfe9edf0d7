//! Supplier staff's dashboard (the staff landing page): the measures of a period as
//! tiles, orders and revenue per day or week, orders by status, purchase frequency per
//! customer and sensitive stock. One request per period (`api::dashboard`).

mod charts;
mod format;
mod period;
mod tables;
mod tiles;

use leptos::prelude::*;
use shared::Role;

use crate::api::dashboard::{Dashboard, dashboard};
use crate::components::skeleton::TableSkeleton;
use crate::i18n::{tr, use_i18n};
use crate::session::use_session;
use charts::{SalesCharts, StatusChart};
use period::{DEFAULT_DAYS, PeriodPicker, last_days};
use tables::{CustomersTable, LowStockTable};
use tiles::Tiles;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let session = use_session();
    let period = RwSignal::new(last_days(DEFAULT_DAYS));
    let measures = LocalResource::new(move || {
        let chosen = period.get();
        dashboard(chosen.from, chosen.to)
    });
    let content = move || {
        if session.role() != Some(Role::SupplierStaff) {
            return view! {
                <p class="notice error" role="alert">{tr(|t| t.errors.forbidden)}</p>
            }
            .into_any();
        }
        match measures.get() {
            None => view! { <Loading /> }.into_any(),
            Some(Err(error)) => view! { <Failed error measures /> }.into_any(),
            Some(Ok(found)) => view! { <Measures dashboard=found /> }.into_any(),
        }
    };
    view! {
        <section class="page dashboard-page" data-testid="dashboard-page">
            <header class="page-header">
                <h1>{tr(|t| t.dashboard.title)}</h1>
                <p class="lead">{tr(|t| t.dashboard.intro)}</p>
            </header>
            <PeriodPicker period />
            <div class="dashboard-content">{content}</div>
        </section>
    }
}

#[component]
fn Loading() -> impl IntoView {
    view! {
        <div class="card" aria-busy="true" data-testid="dashboard-loading">
            <p class="visually-hidden" role="status">{tr(|t| t.app.loading)}</p>
            <TableSkeleton rows=6 columns=4 />
        </div>
    }
}

#[component]
fn Failed(
    error: crate::api::ApiError,
    measures: LocalResource<Result<Dashboard, crate::api::ApiError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="notice error list-error" role="alert" data-testid="dashboard-error">
            <span>{move || i18n.t().errors.message(&error)}</span>
            <button type="button" class="button small" on:click=move |_| measures.refetch()>
                {tr(|t| t.dashboard.retry)}
            </button>
        </div>
    }
}

#[component]
fn Measures(dashboard: Dashboard) -> impl IntoView {
    let created: u64 = dashboard
        .orders_by_status
        .iter()
        .map(|count| count.orders)
        .sum();
    let quiet = dashboard.orders == 0 && created == 0;
    let low_stock = dashboard.low_stock.clone();
    let customers = dashboard.purchase_frequency.clone();
    let busy = if quiet {
        view! {
            <p class="card empty-state" data-testid="dashboard-empty">{tr(|t| t.dashboard.empty)}</p>
        }
        .into_any()
    } else {
        view! {
            <Tiles dashboard=dashboard.clone() />
            <div class="chart-grid">
                <SalesCharts dashboard=dashboard.clone() />
            </div>
            <StatusChart dashboard=dashboard.clone() />
            <section class="card" aria-labelledby="customers-title">
                <h2 id="customers-title">{tr(|t| t.dashboard.customers_title)}</h2>
                <CustomersTable customers />
            </section>
        }
        .into_any()
    };
    view! {
        {busy}
        <section class="card" aria-labelledby="low-stock-title" data-testid="low-stock">
            <h2 id="low-stock-title">{tr(|t| t.dashboard.low_stock_title)}</h2>
            <p class="muted">{tr(|t| t.dashboard.low_stock_intro)}</p>
            <LowStockTable products=low_stock />
        </section>
    }
}
