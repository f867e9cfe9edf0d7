//! A company's pricing: its price list (or the base list only) and its discount.

use std::str::FromStr;

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use rust_decimal::Decimal;

use crate::api::ApiError;
use crate::api::catalog_admin::{create_price_list, price_lists, set_company_pricing};
use crate::api::companies::CompanySummary;
use crate::components::notice::Notice;
use crate::i18n::{tr, use_i18n};

/// A discount from 0 to 100 percent, with a decimal point or comma.
fn parse_discount(text: &str) -> Option<String> {
    let value = Decimal::from_str(&text.trim().replace(',', ".")).ok()?;
    (value >= Decimal::ZERO && value <= Decimal::ONE_HUNDRED).then(|| value.normalize().to_string())
}

#[component]
pub fn PricingEditor(company: CompanySummary, notice: RwSignal<Option<Notice>>) -> impl IntoView {
    let i18n = use_i18n();
    let lists = LocalResource::new(price_lists);
    // The server does not report the current pricing yet: the form starts at "base
    // list only" and no discount, and says so.
    let list_id = RwSignal::new(String::new());
    let discount = RwSignal::new("0".to_owned());
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let invalid = RwSignal::new(false);
    let company = StoredValue::new(company);
    let new_list = RwSignal::new(String::new());

    // A new list is created, chosen for this company's form, and saved with it.
    let create_list = move |_| {
        let name = new_list.get_untracked();
        if name.trim().is_empty() || pending.get_untracked() {
            return;
        }
        pending.set(true);
        error.set(None);
        spawn_local(async move {
            let result = create_price_list(&name).await;
            pending.try_set(false);
            match result {
                Ok(list) => {
                    new_list.try_set(String::new());
                    lists.refetch();
                    list_id.try_set(list.id);
                    notice.try_set(Some(Notice::DoneWith(
                        |t, name| (t.staff_assortments.price_list_created)(name),
                        list.name,
                    )));
                }
                Err(failure) => {
                    error.try_set(Some(failure));
                }
            }
        });
    };

    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let Some(percent) = parse_discount(&discount.get_untracked()) else {
            invalid.set(true);
            return;
        };
        invalid.set(false);
        error.set(None);
        pending.set(true);
        let chosen = list_id.get_untracked();
        let (id, name) = company.with_value(|company| (company.id.clone(), company.name.clone()));
        spawn_local(async move {
            let list = (!chosen.is_empty()).then_some(chosen.as_str());
            let result = set_company_pricing(&id, list, &percent).await;
            pending.try_set(false);
            match result {
                Ok(()) => {
                    notice.try_set(Some(Notice::DoneWith(
                        |t, name| (t.staff_assortments.pricing_saved)(name),
                        name,
                    )));
                }
                Err(failure) => {
                    error.try_set(Some(failure));
                }
            }
        });
    };

    let options = move || {
        lists.get().and_then(Result::ok).map(|lists| {
            lists
                .into_iter()
                .filter(|list| !list.is_base)
                .map(|list| {
                    let chosen = list.id.clone();
                    view! {
                        <option value=list.id selected=move || list_id.with(|id| *id == chosen)>
                            {list.name}
                        </option>
                    }
                })
                .collect_view()
        })
    };

    view! {
        <form class="card form-card" on:submit=submit data-testid="pricing-editor">
            <h2>{tr(|t| t.staff_assortments.pricing_title)}</h2>
            <p class="hint">{tr(|t| t.staff_assortments.pricing_unknown)}</p>
            <div class="field">
                <label for="pricing-list">{tr(|t| t.staff_assortments.price_list)}</label>
                <select
                    id="pricing-list"
                    class="select"
                    prop:value=move || list_id.get()
                    on:change=move |event| list_id.set(event_target_value(&event))
                >
                    <option value="">{tr(|t| t.staff_assortments.base_only)}</option>
                    {options}
                </select>
            </div>
            <div class="field">
                <label for="pricing-new-list">{tr(|t| t.staff_assortments.new_price_list)}</label>
                <div class="inline-field">
                    <input
                        id="pricing-new-list"
                        type="text"
                        maxlength="100"
                        prop:value=move || new_list.get()
                        on:input=move |event| new_list.set(event_target_value(&event))
                    />
                    <button
                        type="button"
                        class="button"
                        disabled=move || pending.get() || new_list.with(|name| name.trim().is_empty())
                        on:click=create_list
                    >
                        {tr(|t| t.staff_assortments.create_price_list)}
                    </button>
                </div>
            </div>
            <div class="field">
                <label for="pricing-discount">{tr(|t| t.staff_assortments.discount)}</label>
                <input
                    id="pricing-discount"
                    type="text"
                    inputmode="decimal"
                    dir="ltr"
                    required
                    aria-describedby="pricing-discount-hint"
                    prop:value=move || discount.get()
                    on:input=move |event| discount.set(event_target_value(&event))
                />
                <p class="hint" id="pricing-discount-hint">{tr(|t| t.staff_assortments.discount_hint)}</p>
            </div>
            {move || invalid.get().then(|| view! {
                <p class="form-error" role="alert">{i18n.t().staff_assortments.invalid_discount}</p>
            })}
            {move || error.get().map(|failure| view! {
                <p class="form-error" role="alert">{i18n.t().errors.message(&failure)}</p>
            })}
            <button type="submit" class="button primary" disabled=move || pending.get()>
                {move || {
                    let t = i18n.t();
                    if pending.get() { t.staff.saving } else { t.staff_assortments.save_pricing }
                }}
            </button>
        </form>
    }
}
