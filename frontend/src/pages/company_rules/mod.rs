//! The company admin's rules page: approval thresholds, per-user order and approval
//! limits, cost centres and their monthly budgets.

use leptos::prelude::*;

use crate::i18n::tr;

#[component]
pub fn CompanyRulesPage() -> impl IntoView {
    view! {
        <section class="page">
            <h1>{tr(|t| t.company_rules.title)}</h1>
        </section>
    }
}
