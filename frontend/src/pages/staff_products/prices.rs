//! A product's price in one price list: the net unit price and its quantity tiers
//! (`setPrice`), or its removal from a non-base list (`removePrice`).

use std::str::FromStr;

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use rust_decimal::Decimal;

use crate::api::ApiError;
use crate::api::catalog::{self as catalog_api, Product};
use crate::api::catalog_admin::{PriceList, TierInput, price_lists, remove_price, set_price};
use crate::components::catalog::browser::CatalogBrowser;
use crate::i18n::{Texts, tr, use_i18n};

/// A tier row of the form; `key` keeps each row's inputs while others are removed.
#[derive(Clone, Debug, PartialEq, Eq)]
struct TierDraft {
    key: u32,
    min_quantity: String,
    unit_price: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Outcome {
    Saved(String),
    Removed(String),
    Failed(ApiError),
    Invalid,
}

/// A decimal price as the server takes it (`"12.50"`); a decimal comma is accepted.
fn parse_price(text: &str) -> Option<String> {
    let value = Decimal::from_str(&text.trim().replace(',', ".")).ok()?;
    (!value.is_sign_negative()).then(|| value.normalize().to_string())
}

fn parse_tiers(drafts: &[TierDraft]) -> Option<Vec<TierInput>> {
    drafts
        .iter()
        .filter(|draft| {
            !(draft.min_quantity.trim().is_empty() && draft.unit_price.trim().is_empty())
        })
        .map(|draft| {
            let min_quantity = draft
                .min_quantity
                .trim()
                .parse::<u32>()
                .ok()
                .filter(|q| *q > 1)?;
            Some(TierInput {
                min_quantity,
                unit_price: parse_price(&draft.unit_price)?,
            })
        })
        .collect()
}

/// Shows a price with two decimals for editing (`"12.5324"` stays as it is).
fn editable(price: &str) -> String {
    Decimal::from_str(price).map_or_else(
        |_| price.to_owned(),
        |value| {
            if value.scale() < 2 {
                format!("{value:.2}")
            } else {
                value.to_string()
            }
        },
    )
}

#[component]
pub fn PricesPanel(product: Product, browser: CatalogBrowser) -> impl IntoView {
    let i18n = use_i18n();
    let lists = LocalResource::new(price_lists);
    view! {
        <div class="inline-form" data-testid="prices-panel">
            <h3>{
                let sku = product.sku.clone();
                move || (i18n.t().staff_products.prices_title)(&sku)
            }</h3>
            {move || match lists.get() {
                None => view! { <p class="muted">{i18n.t().app.loading}</p> }.into_any(),
                Some(Err(error)) => view! {
                    <p class="form-error" role="alert">{i18n.t().errors.message(&error)}</p>
                }
                .into_any(),
                Some(Ok(lists)) => view! {
                    <PriceForm product=product.clone() lists browser />
                }
                .into_any(),
            }}
        </div>
    }
}

#[component]
fn PriceForm(product: Product, lists: Vec<PriceList>, browser: CatalogBrowser) -> impl IntoView {
    let i18n = use_i18n();
    let product = StoredValue::new(product);
    let lists = StoredValue::new(lists);
    let base_id = lists.with_value(|lists| {
        lists
            .iter()
            .find(|list| list.is_base)
            .or(lists.first())
            .map(|list| list.id.clone())
            .unwrap_or_default()
    });
    let selected = RwSignal::new(base_id.clone());
    let unit_price = RwSignal::new(String::new());
    let tiers = RwSignal::new(Vec::<TierDraft>::new());
    let next_key = StoredValue::new(0u32);
    let pending = RwSignal::new(false);
    let outcome = RwSignal::new(None::<Outcome>);
    let is_base = {
        let base_id = base_id.clone();
        move || selected.with(|id| *id == base_id)
    };
    let new_key = move || {
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        key
    };

    // The base list's current values are the product's own (staff see base prices);
    // the server does not report the others yet, so their form starts empty.
    let fill = {
        let is_base = is_base.clone();
        move || {
            if is_base() {
                product.with_value(|product| {
                    unit_price.set(
                        product
                            .unit_price
                            .as_deref()
                            .map(editable)
                            .unwrap_or_default(),
                    );
                    tiers.set(
                        product
                            .price_tiers
                            .iter()
                            .map(|tier| TierDraft {
                                key: new_key(),
                                min_quantity: tier.min_quantity.to_string(),
                                unit_price: editable(&tier.unit_price),
                            })
                            .collect(),
                    );
                });
            } else {
                unit_price.set(String::new());
                tiers.set(Vec::new());
            }
        }
    };
    Effect::new({
        let fill = fill.clone();
        move |_| {
            selected.track();
            fill();
        }
    });

    let list_name = move || {
        let id = selected.get_untracked();
        lists.with_value(|lists| {
            lists
                .iter()
                .find(|list| list.id == id)
                .map(|list| list.name.clone())
                .unwrap_or_default()
        })
    };
    // A saved base price changes what the list shows: read the product again.
    let refresh_product = move || {
        let sku = product.with_value(|product| product.sku.clone());
        spawn_local(async move {
            if let Ok(Some(fresh)) = catalog_api::product(&sku).await {
                browser.replace(fresh);
            }
        });
    };

    let submit = {
        let is_base = is_base.clone();
        move |event: SubmitEvent| {
            event.prevent_default();
            if pending.get_untracked() {
                return;
            }
            let (Some(price), Some(tier_inputs)) = (
                parse_price(&unit_price.get_untracked()),
                tiers.with_untracked(|drafts| parse_tiers(drafts)),
            ) else {
                outcome.set(Some(Outcome::Invalid));
                return;
            };
            let list_id = selected.get_untracked();
            let sku = product.with_value(|product| product.sku.clone());
            let name = list_name();
            let base = is_base();
            pending.set(true);
            outcome.set(None);
            spawn_local(async move {
                let result = set_price(&list_id, &sku, &price, &tier_inputs).await;
                pending.try_set(false);
                match result {
                    Ok(()) => {
                        outcome.try_set(Some(Outcome::Saved(name)));
                        if base {
                            refresh_product();
                        }
                    }
                    Err(error) => {
                        outcome.try_set(Some(Outcome::Failed(error)));
                    }
                }
            });
        }
    };

    let remove = move |_| {
        if pending.get_untracked() {
            return;
        }
        let list_id = selected.get_untracked();
        let sku = product.with_value(|product| product.sku.clone());
        let name = list_name();
        pending.set(true);
        spawn_local(async move {
            let result = remove_price(&list_id, &sku).await;
            pending.try_set(false);
            outcome.try_set(Some(match result {
                Ok(()) => Outcome::Removed(name),
                Err(error) => Outcome::Failed(error),
            }));
        });
    };

    let id = product.with_value(|product| product.id.clone());
    let (list_id, price_id) = (format!("price-list-{id}"), format!("price-unit-{id}"));
    let result = move || outcome.get().map(|outcome| outcome_view(i18n.t(), outcome));
    let hint = {
        let is_base = is_base.clone();
        move || {
            let t = &i18n.t().staff_products;
            if is_base() {
                t.base_prefilled
            } else {
                t.list_not_prefilled
            }
        }
    };

    view! {
        <form on:submit=submit data-testid="price-form">
            <div class="form-grid">
                <div class="field">
                    <label for=list_id.clone()>{tr(|t| t.staff_products.price_list)}</label>
                    <select
                        id=list_id.clone()
                        class="select"
                        data-testid="price-list"
                        prop:value=move || selected.get()
                        on:change=move |event| selected.set(event_target_value(&event))
                    >
                        {move || {
                            let base_word = i18n.t().staff_products.base_list;
                            lists.with_value(|lists| {
                                lists
                                    .iter()
                                    .map(|list| {
                                        let label = if list.is_base {
                                            format!("{} ({base_word})", list.name)
                                        } else {
                                            list.name.clone()
                                        };
                                        let value = list.id.clone();
                                        let chosen = list.id.clone();
                                        view! {
                                            <option value=value selected=move || selected.with(|id| *id == chosen)>
                                                {label}
                                            </option>
                                        }
                                    })
                                    .collect_view()
                            })
                        }}
                    </select>
                </div>
                <div class="field">
                    <label for=price_id.clone()>{tr(|t| t.staff_products.unit_price)}</label>
                    <input
                        id=price_id.clone()
                        type="text"
                        inputmode="decimal"
                        dir="ltr"
                        required
                        data-testid="unit-price"
                        prop:value=move || unit_price.get()
                        on:input=move |event| unit_price.set(event_target_value(&event))
                    />
                </div>
            </div>
            <p class="hint">{hint}</p>
            <fieldset class="tiers">
                <legend>{tr(|t| t.staff_products.tiers)}</legend>
                <For each=move || tiers.get() key=|draft| draft.key let:draft>
                    <TierRow key=draft.key tiers />
                </For>
                <button
                    type="button"
                    class="button small"
                    on:click=move |_| {
                        let key = new_key();
                        tiers.update(|drafts| drafts.push(TierDraft {
                            key,
                            min_quantity: String::new(),
                            unit_price: String::new(),
                        }))
                    }
                >
                    {tr(|t| t.staff_products.add_tier)}
                </button>
            </fieldset>
            {result}
            <div class="actions">
                <button type="submit" class="button primary" disabled=move || pending.get()>
                    {move || {
                        let t = i18n.t();
                        if pending.get() { t.staff.saving } else { t.staff_products.save_price }
                    }}
                </button>
                {move || (!is_base()).then(|| view! {
                    <button type="button" class="button" disabled=move || pending.get() on:click=remove>
                        {tr(|t| t.staff_products.remove_price)}
                    </button>
                })}
            </div>
        </form>
    }
}

#[component]
fn TierRow(key: u32, tiers: RwSignal<Vec<TierDraft>>) -> impl IntoView {
    let read = move |pick: fn(&TierDraft) -> String| {
        tiers.with(|drafts| {
            drafts
                .iter()
                .find(|draft| draft.key == key)
                .map(pick)
                .unwrap_or_default()
        })
    };
    let write = move |apply: &dyn Fn(&mut TierDraft)| {
        tiers.update(|drafts| {
            if let Some(draft) = drafts.iter_mut().find(|draft| draft.key == key) {
                apply(draft);
            }
        });
    };
    view! {
        <div class="tier-row">
            <label class="field">
                <span>{tr(|t| t.staff_products.tier_min_quantity)}</span>
                <input
                    type="number"
                    min="2"
                    step="1"
                    dir="ltr"
                    prop:value=move || read(|draft| draft.min_quantity.clone())
                    on:input=move |event| {
                        let value = event_target_value(&event);
                        write(&|draft| draft.min_quantity = value.clone());
                    }
                />
            </label>
            <label class="field">
                <span>{tr(|t| t.staff_products.tier_unit_price)}</span>
                <input
                    type="text"
                    inputmode="decimal"
                    dir="ltr"
                    prop:value=move || read(|draft| draft.unit_price.clone())
                    on:input=move |event| {
                        let value = event_target_value(&event);
                        write(&|draft| draft.unit_price = value.clone());
                    }
                />
            </label>
            <button
                type="button"
                class="button ghost small"
                on:click=move |_| tiers.update(|drafts| drafts.retain(|draft| draft.key != key))
            >
                {tr(|t| t.staff_products.remove_tier)}
            </button>
        </div>
    }
}

fn outcome_view(t: &'static Texts, outcome: Outcome) -> AnyView {
    match outcome {
        Outcome::Saved(list) => view! {
            <p class="notice success" role="status" data-testid="price-result">
                {(t.staff_products.price_saved)(&list)}
            </p>
        }
        .into_any(),
        Outcome::Removed(list) => view! {
            <p class="notice success" role="status" data-testid="price-result">
                {(t.staff_products.price_removed)(&list)}
            </p>
        }
        .into_any(),
        Outcome::Failed(error) => view! {
            <p class="form-error" role="alert">{t.errors.message(&error)}</p>
        }
        .into_any(),
        Outcome::Invalid => view! {
            <p class="form-error" role="alert">{t.staff_products.invalid_price}</p>
        }
        .into_any(),
    }
}
