//! The company admin's rules page: approval thresholds, per-user order and approval
//! limits, cost centres and their monthly budgets.
//!
//! The page checks the same rules as the server before it sends anything, so a mistake
//! is explained at its field; the server stays the authority (rule 1).

mod amount;
mod cost_center_form;
mod cost_center_row;
mod cost_centers;
mod example;
mod feedback;
mod limit_row;
mod limits;
mod row_input;
mod threshold_field;
mod thresholds;
mod two_factor;

use leptos::prelude::*;
use shared::Role;

use crate::i18n::tr;
use crate::session::use_session;
use cost_centers::CostCentersSection;
use limits::LimitsSection;
use thresholds::ThresholdsSection;
use two_factor::ApproverTwoFactorSection;

#[component]
pub fn CompanyRulesPage() -> impl IntoView {
    let session = use_session();
    move || {
        if session.role() == Some(Role::CompanyAdmin) {
            view! { <CompanyRules /> }.into_any()
        } else {
            view! {
                <section class="page" data-testid="company-rules-forbidden">
                    <p class="notice error" role="alert">{tr(|t| t.errors.forbidden)}</p>
                </section>
            }
            .into_any()
        }
    }
}

#[component]
fn CompanyRules() -> impl IntoView {
    view! {
        <section class="page rules-page" data-testid="company-rules-page">
            <header class="page-header">
                <h1>{tr(|t| t.company_rules.title)}</h1>
                <p class="lead">{tr(|t| t.company_rules.intro)}</p>
            </header>
            <section class="card rules-section" aria-labelledby="rules-thresholds-title">
                <h2 id="rules-thresholds-title">{tr(|t| t.company_rules.thresholds_title)}</h2>
                <p class="muted">{tr(|t| t.company_rules.thresholds_intro)}</p>
                <ThresholdsSection />
            </section>
            <section class="card rules-section rules-table-section" aria-labelledby="rules-limits-title">
                <h2 id="rules-limits-title">{tr(|t| t.company_rules.limits_title)}</h2>
                <p class="muted">{tr(|t| t.company_rules.limits_intro)}</p>
                <LimitsSection />
            </section>
            <section
                class="card rules-section rules-table-section"
                aria-labelledby="rules-cost-centers-title"
                data-testid="cost-centers-section"
            >
                <h2 id="rules-cost-centers-title">{tr(|t| t.company_rules.cost_centers_title)}</h2>
                <p class="muted">{tr(|t| t.company_rules.cost_centers_intro)}</p>
                <CostCentersSection />
            </section>
            <section class="card rules-section" aria-labelledby="rules-two-factor-title">
                <h2 id="rules-two-factor-title">{tr(|t| t.security.approvers_title)}</h2>
                <ApproverTwoFactorSection />
            </section>
        </section>
    }
}
