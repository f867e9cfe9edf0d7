//! Supplier staff's list of customer companies.

mod terms;

use std::str::FromStr;

use leptos::prelude::*;
use rust_decimal::Decimal;
use shared::{Money, Role};

use crate::api::companies::{CompanySummary, companies};
use crate::components::skeleton::TableSkeleton;
use crate::i18n::{tr, use_i18n};
use crate::session::use_session;

#[component]
pub fn CompaniesPage() -> impl IntoView {
    let session = use_session();
    move || {
        if session.role() == Some(Role::SupplierStaff) {
            view! { <CompaniesList /> }.into_any()
        } else {
            view! {
                <section class="page">
                    <p class="notice error" role="alert">{tr(|t| t.errors.forbidden)}</p>
                </section>
            }
            .into_any()
        }
    }
}

#[component]
fn CompaniesList() -> impl IntoView {
    let i18n = use_i18n();
    let list = LocalResource::new(companies);

    let content = move || match list.get() {
        None => view! { <TableSkeleton rows=4 columns=6 /> }.into_any(),
        Some(Err(error)) => view! {
            <p class="notice error" role="alert">{move || i18n.t().errors.message(&error)}</p>
        }
        .into_any(),
        Some(Ok(rows)) if rows.is_empty() => view! {
            <p class="empty-state">{tr(|t| t.companies.empty)}</p>
        }
        .into_any(),
        Some(Ok(rows)) => view! { <CompaniesTable rows /> }.into_any(),
    };

    view! {
        <section class="page" data-testid="companies-page">
            <header class="page-header">
                <h1>{tr(|t| t.companies.title)}</h1>
                <p class="lead">{tr(|t| t.companies.intro)}</p>
            </header>
            <div class="card table-card">{content}</div>
        </section>
    }
}

/// `₪ 50,000.00`; a value that is not a decimal is shown as the server sent it.
fn format_credit_limit(amount: &str) -> String {
    Decimal::from_str(amount).map_or_else(
        |_| amount.to_owned(),
        |value| Money::new(value).format_ils(),
    )
}

#[component]
fn CompaniesTable(rows: Vec<CompanySummary>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let t = &i18n.t().companies;
        let body = rows
            .iter()
            .map(|company| {
                view! {
                    <tr class:inactive=!company.active>
                        <td data-label=t.name>
                            <span class="cell-strong">{company.name.clone()}</span>
                        </td>
                        <td data-label=t.vat_number dir="ltr">
                            {company.vat_number.clone().unwrap_or_else(|| "—".to_owned())}
                        </td>
                        <td data-label=t.credit_limit class="cell-number" dir="ltr">
                            {format_credit_limit(&company.credit_limit)}
                        </td>
                        <td data-label=t.payment_terms>
                            {terms::describe(&company.payment_terms, t)}
                        </td>
                        <td data-label=t.users class="cell-number">{company.user_count}</td>
                        <td data-label=t.status>
                            <span class="badge" class:badge-off=!company.active>
                                {if company.active { t.active } else { t.inactive }}
                            </span>
                        </td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-scroll">
                <table class="data-table" data-testid="companies-table">
                    <thead>
                        <tr>
                            <th scope="col">{t.name}</th>
                            <th scope="col">{t.vat_number}</th>
                            <th scope="col">{t.credit_limit}</th>
                            <th scope="col">{t.payment_terms}</th>
                            <th scope="col">{t.users}</th>
                            <th scope="col">{t.status}</th>
                        </tr>
                    </thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
        }
    }
}
