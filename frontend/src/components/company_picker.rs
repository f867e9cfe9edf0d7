//! Choosing the customer company a staff member works for (an order taken by phone, a
//! payment received): a labelled select of every company, suspended ones marked.

use std::future::Future;

use leptos::prelude::*;

use crate::api::ApiError;
use crate::api::companies::{CompanySummary, companies};
use crate::i18n::{Text, tr, use_i18n};

#[component]
pub fn CompanyPicker(
    selected: RwSignal<Option<CompanySummary>>,
    /// The select's id (its label points at it).
    id: &'static str,
    /// Why the choice is missing or wrong, shown under the select.
    #[prop(into)]
    error: Signal<Option<Text>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let list = LocalResource::new(companies);
    let error_id = format!("{id}-error");
    let options = move || {
        let t = &i18n.t().companies;
        list.get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .map(|company| {
                let label = match (&company.vat_number, company.active) {
                    (_, false) => (t.option_inactive)(&company.name),
                    (Some(vat), true) => (t.option_with_vat)(&company.name, vat),
                    (None, true) => company.name.clone(),
                };
                let chosen = selected.with(|selected| {
                    selected
                        .as_ref()
                        .is_some_and(|chosen| chosen.id == company.id)
                });
                view! { <option value=company.id.clone() selected=chosen>{label}</option> }
            })
            .collect_view()
    };
    let choose = move |event: leptos::ev::Event| {
        let id = event_target_value(&event);
        let found = list
            .get_untracked()
            .and_then(Result::ok)
            .and_then(|rows| rows.into_iter().find(|company| company.id == id));
        selected.set(found);
    };
    let load_error = move || {
        list.get().and_then(Result::err).map(|failure| {
            view! { <p class="hint hint-error" role="alert">{i18n.t().errors.message(&failure)}</p> }
        })
    };
    view! {
        <div class="field">
            <label for=id>{tr(|t| t.companies.company)}</label>
            <select
                id=id
                class="select"
                data-testid=id
                aria-busy=move || if list.get().is_none() { "true" } else { "false" }
                aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                aria-describedby=error_id.clone()
                on:change=choose
            >
                <option value="" selected=move || selected.with(Option::is_none)>
                    {tr(|t| t.companies.choose)}
                </option>
                {options}
            </select>
            <p id=error_id.clone() class="hint hint-error" data-testid=error_id>
                {move || error.get().map(|text| text(i18n.t()))}
            </p>
            {load_error}
        </div>
    }
}

/// Something about the chosen company (its balance, its catalog), read again when the
/// choice changes or `refresh` does; `None` without a company or while it loads.
pub fn load_for_company<T, Load, Loading>(
    company: RwSignal<Option<CompanySummary>>,
    refresh: Option<RwSignal<u32>>,
    load: Load,
) -> Memo<Option<Result<T, ApiError>>>
where
    T: Clone + PartialEq + Send + Sync + 'static,
    Load: Fn(String) -> Loading + Copy + 'static,
    Loading: Future<Output = Result<T, ApiError>> + 'static,
{
    let company_id = move || company.with(|company| company.as_ref().map(|c| c.id.clone()));
    let loaded = LocalResource::new(move || {
        if let Some(refresh) = refresh {
            refresh.track();
        }
        let company_id = company_id();
        async move {
            match company_id {
                Some(id) => Some((id.clone(), load(id).await)),
                None => None,
            }
        }
    });
    // A resource keeps its last value while it loads the next: what was read for the
    // company chosen before must never show under the name of this one.
    Memo::new(move |_| {
        let current = company_id()?;
        loaded
            .get()
            .flatten()
            .filter(|(id, _)| *id == current)
            .map(|(_, value)| value)
    })
}
