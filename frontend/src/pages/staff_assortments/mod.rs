//! What each customer company sees and pays: pick a company, then edit its assortment
//! (whole categories and single SKUs, replaced after a confirmation) and its pricing
//! (a price list and a discount in percent).

mod assortment;
mod pricing;

use leptos::prelude::*;

use crate::api::companies::{CompanySummary, companies};
use crate::components::notice::{Notice, NoticeBanner};
use crate::components::staff::{StaffOnly, StaffTabs};
use crate::i18n::{tr, use_i18n};
use assortment::AssortmentEditor;
use pricing::PricingEditor;

#[component]
pub fn StaffAssortmentsPage() -> impl IntoView {
    view! {
        <StaffOnly>
            <StaffAssortments />
        </StaffOnly>
    }
}

#[component]
fn StaffAssortments() -> impl IntoView {
    let i18n = use_i18n();
    let list = LocalResource::new(companies);
    let selected = RwSignal::new(None::<String>);
    let notice = RwSignal::new(None::<Notice>);

    let picker = move || match list.get() {
        None => view! { <p class="muted">{i18n.t().app.loading}</p> }.into_any(),
        Some(Err(error)) => view! {
            <p class="notice error" role="alert">{i18n.t().errors.message(&error)}</p>
        }
        .into_any(),
        Some(Ok(all)) => view! { <CompanyPicker all selected notice /> }.into_any(),
    };
    let editors = move || {
        let id = selected.get()?;
        let company: CompanySummary = list
            .get()
            .and_then(Result::ok)?
            .into_iter()
            .find(|company| company.id == id)?;
        Some(view! {
            <div class="editor-grid">
                <AssortmentEditor company=company.clone() notice />
                <PricingEditor company notice />
            </div>
        })
    };

    view! {
        <section class="page" data-testid="staff-assortments-page">
            <header class="page-header">
                <h1>{tr(|t| t.staff_assortments.title)}</h1>
                <p class="lead">{tr(|t| t.staff_assortments.intro)}</p>
            </header>
            <StaffTabs />
            <NoticeBanner notice />
            <div class="card form-card">{picker}</div>
            {editors}
        </section>
    }
}

#[component]
fn CompanyPicker(
    all: Vec<CompanySummary>,
    selected: RwSignal<Option<String>>,
    notice: RwSignal<Option<Notice>>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for="assortment-company">{tr(|t| t.staff_assortments.company)}</label>
            <select
                id="assortment-company"
                class="select"
                data-testid="assortment-company"
                on:change=move |event| {
                    let value = event_target_value(&event);
                    notice.set(None);
                    selected.set((!value.is_empty()).then_some(value));
                }
            >
                <option value="">{tr(|t| t.staff_assortments.choose_company)}</option>
                {all
                    .into_iter()
                    .map(|company| view! { <option value=company.id>{company.name}</option> })
                    .collect_view()}
            </select>
        </div>
    }
}
