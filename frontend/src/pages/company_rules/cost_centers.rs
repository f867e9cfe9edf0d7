//! Cost centres and their monthly budgets: the list, edited in place, and a form that
//! adds one.

use leptos::prelude::*;

use super::amount::Text;
use super::cost_center_form::AddCostCenterForm;
use super::cost_center_row::CostCenterRow;
use crate::api::ApiError;
use crate::api::ErrorCode;
use crate::api::company_rules::{CostCenter, cost_centers};
use crate::components::skeleton::TableSkeleton;
use crate::i18n::{tr, use_i18n};

/// A cost centre name as the server accepts it: 1 to 120 characters after trimming.
pub fn valid_name(text: &str) -> Option<String> {
    let name = text.trim();
    (!name.is_empty() && name.chars().count() <= 120).then(|| name.to_owned())
}

/// The one refusal worth its own sentence: a name another cost centre already has.
pub fn name_refusal(error: &ApiError) -> Option<Text> {
    (error.code() == Some(ErrorCode::Conflict)).then_some(|t| t.company_rules.name_taken)
}

#[component]
pub fn CostCentersSection() -> impl IntoView {
    let i18n = use_i18n();
    let centers = LocalResource::new(cost_centers);
    move || match centers.get() {
        None => view! { <TableSkeleton rows=2 columns=3 /> }.into_any(),
        Some(Err(error)) => view! {
            <p class="notice error" role="alert">{move || i18n.t().errors.message(&error)}</p>
        }
        .into_any(),
        Some(Ok(initial)) => view! { <CostCentersEditor initial /> }.into_any(),
    }
}

#[component]
fn CostCentersEditor(initial: Vec<CostCenter>) -> impl IntoView {
    let i18n = use_i18n();
    let centers = RwSignal::new(initial);
    let on_added = Callback::new(move |center: CostCenter| {
        centers.update(|list| list.push(center));
    });
    let header = move || {
        let t = &i18n.t().company_rules;
        view! {
            <tr>
                <th scope="col">{t.column_name}</th>
                <th scope="col">{t.column_budget}</th>
                <th scope="col">{t.column_save}</th>
            </tr>
        }
    };
    // Only the switch between empty and not rebuilds the table: rows keep their edits.
    let empty = Memo::new(move |_| centers.with(Vec::is_empty));
    let list = move || {
        if empty.get() {
            return view! {
                <p class="empty-state" data-testid="cost-centers-empty">
                    {tr(|t| t.company_rules.cost_centers_empty)}
                </p>
            }
            .into_any();
        }
        view! {
            <p class="hint rules-keyboard-hint">{tr(|t| t.company_rules.keyboard_hint)}</p>
            <div class="table-scroll">
                <table class="data-table rules-table" data-testid="cost-centers-table">
                    <thead>{header}</thead>
                    <tbody>
                        <For
                            each=move || centers.get()
                            key=|center| center.id.clone()
                            let(center)
                        >
                            <CostCenterRow center />
                        </For>
                    </tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! {
        {list}
        <AddCostCenterForm on_added />
    }
}
