//! Limits per user: the company's users with their per-order and approval limits,
//! edited in place row by row.

use leptos::prelude::*;

use super::limit_row::LimitRow;
use crate::api::company_rules::{LimitedUser, users_with_limits};
use crate::components::skeleton::TableSkeleton;
use crate::i18n::{tr, use_i18n};

#[component]
pub fn LimitsSection() -> impl IntoView {
    let i18n = use_i18n();
    let users = LocalResource::new(users_with_limits);
    move || match users.get() {
        None => view! { <TableSkeleton rows=4 columns=5 /> }.into_any(),
        Some(Err(error)) => view! {
            <p class="notice error" role="alert">{move || i18n.t().errors.message(&error)}</p>
        }
        .into_any(),
        Some(Ok(list)) if list.is_empty() => view! {
            <p class="empty-state">{tr(|t| t.company_rules.users_empty)}</p>
        }
        .into_any(),
        Some(Ok(list)) => view! { <LimitsTable list /> }.into_any(),
    }
}

#[component]
fn LimitsTable(list: Vec<LimitedUser>) -> impl IntoView {
    let i18n = use_i18n();
    let header = move || {
        let t = &i18n.t().company_rules;
        view! {
            <tr>
                <th scope="col">{t.column_user}</th>
                <th scope="col">{t.column_role}</th>
                <th scope="col">{t.column_order_limit}</th>
                <th scope="col">{t.column_approval_limit}</th>
                <th scope="col">{t.column_save}</th>
            </tr>
        }
    };
    view! {
        <p class="hint rules-keyboard-hint">{tr(|t| t.company_rules.keyboard_hint)}</p>
        <div class="table-scroll">
            <table class="data-table rules-table" data-testid="limits-table">
                <thead>{header}</thead>
                <tbody>{list.into_iter().map(|user| view! { <LimitRow user /> }).collect_view()}</tbody>
            </table>
        </div>
    }
}
