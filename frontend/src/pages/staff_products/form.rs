//! Creating or editing a product (`upsertProduct`): the SKU picks the product, so it is
//! fixed while editing.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::ApiError;
use crate::api::catalog::{Category, Product, categories};
use crate::api::catalog_admin::{ProductInput, upsert_product};
use crate::i18n::{tr, use_i18n};

use super::category_form::all_options;

/// The units the seed and customers use; any other text is accepted too.
const UNITS: [&str; 8] = ["unit", "box", "m", "kg", "tube", "can", "roll", "pair"];

fn input_of(product: Option<&Product>) -> ProductInput {
    match product {
        Some(product) => ProductInput {
            sku: product.sku.clone(),
            name_he: product.name_he.clone(),
            name_en: product.name_en.clone(),
            description: product.description.clone(),
            category_id: product.category_id.clone(),
            unit: product.unit.clone(),
            pack_size: product.pack_size,
            min_order_quantity: product.min_order_quantity,
            image_url: product.image_url.clone(),
            active: product.active,
        },
        None => ProductInput {
            unit: "unit".to_owned(),
            pack_size: 1,
            min_order_quantity: 1,
            active: true,
            ..ProductInput::default()
        },
    }
}

#[component]
pub fn ProductForm(
    existing: Option<Product>,
    /// Categories made on this page, which the server lists only once they hold a product.
    created_categories: RwSignal<Vec<Category>>,
    on_saved: Callback<Product>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let editing = existing.is_some();
    let title_sku = existing.as_ref().map(|product| product.sku.clone());
    let draft = RwSignal::new(input_of(existing.as_ref()));
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let category_list = LocalResource::new(categories);

    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let mut input = draft.get_untracked();
        input.sku = input.sku.trim().to_uppercase();
        input.image_url = input
            .image_url
            .map(|url| url.trim().to_owned())
            .filter(|url| !url.is_empty());
        pending.set(true);
        error.set(None);
        spawn_local(async move {
            let result = upsert_product(&input).await;
            pending.try_set(false);
            match result {
                Ok(product) => on_saved.run(product),
                Err(failure) => {
                    error.try_set(Some(failure));
                }
            }
        });
    };

    // One text field bound to a part of the draft.
    let text = move |id: &'static str,
                     label: fn(&crate::i18n::Texts) -> &'static str,
                     read: fn(&ProductInput) -> String,
                     write: fn(&mut ProductInput, String),
                     dir: Option<&'static str>,
                     required: bool| {
        view! {
            <div class="field">
                <label for=id>{move || label(i18n.t())}</label>
                <input
                    id=id
                    type="text"
                    dir=dir
                    required=required
                    prop:value=move || draft.with(read)
                    on:input=move |event| {
                        let value = event_target_value(&event);
                        draft.update(|draft| write(draft, value));
                    }
                />
            </div>
        }
    };
    let number = move |id: &'static str,
                       label: fn(&crate::i18n::Texts) -> &'static str,
                       read: fn(&ProductInput) -> u32,
                       write: fn(&mut ProductInput, u32)| {
        view! {
            <div class="field">
                <label for=id>{move || label(i18n.t())}</label>
                <input
                    id=id
                    type="number"
                    min="1"
                    step="1"
                    dir="ltr"
                    required
                    prop:value=move || draft.with(read).to_string()
                    on:input=move |event| {
                        if let Ok(value) = event_target_value(&event).trim().parse::<u32>() {
                            draft.update(|draft| write(draft, value));
                        }
                    }
                />
            </div>
        }
    };

    let category_select = move || {
        let lang = i18n.lang();
        let listed: Vec<Category> = category_list.get().and_then(Result::ok).unwrap_or_default();
        let choices = created_categories.with(|created| all_options(&listed, created, lang));
        view! {
            <select
                id="product-category"
                class="select"
                required
                prop:value=move || draft.with(|draft| draft.category_id.clone())
                on:change=move |event| {
                    let value = event_target_value(&event);
                    draft.update(|draft| draft.category_id = value);
                }
            >
                <option value="">{i18n.t().staff_products.choose_category}</option>
                {choices
                    .into_iter()
                    .map(|(id, label)| {
                        let chosen = id.clone();
                        view! {
                            <option
                                value=id
                                selected=move || draft.with(|draft| draft.category_id == chosen)
                            >
                                {label}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        }
    };

    view! {
        <form class="card form-card" on:submit=submit data-testid="product-form" aria-labelledby="product-form-title">
            <h2 id="product-form-title">
                {move || {
                    let t = &i18n.t().staff_products;
                    match &title_sku {
                        Some(sku) => (t.form_edit_title)(sku),
                        None => t.form_new_title.to_owned(),
                    }
                }}
            </h2>
            <div class="form-grid">
                <div class="field">
                    <label for="product-sku">{tr(|t| t.staff_products.sku)}</label>
                    <input
                        id="product-sku"
                        type="text"
                        dir="ltr"
                        required
                        maxlength="64"
                        pattern="[A-Za-z0-9_.\\/\\-]+"
                        readonly=editing
                        aria-describedby="product-sku-hint"
                        prop:value=move || draft.with(|draft| draft.sku.clone())
                        on:input=move |event| {
                            let value = event_target_value(&event);
                            draft.update(|draft| draft.sku = value);
                        }
                    />
                    <p class="hint" id="product-sku-hint">{tr(|t| t.staff_products.sku_hint)}</p>
                </div>
                {text("product-name-he", |t| t.staff_products.name_he, |d| d.name_he.clone(), |d, v| d.name_he = v, None, true)}
                {text("product-name-en", |t| t.staff_products.name_en, |d| d.name_en.clone(), |d, v| d.name_en = v, Some("ltr"), true)}
                <div class="field">
                    <label for="product-category">{tr(|t| t.staff_products.category)}</label>
                    {category_select}
                </div>
                <div class="field">
                    <label for="product-unit">{tr(|t| t.staff_products.unit)}</label>
                    <input
                        id="product-unit"
                        type="text"
                        dir="ltr"
                        required
                        maxlength="16"
                        list="product-units"
                        prop:value=move || draft.with(|draft| draft.unit.clone())
                        on:input=move |event| {
                            let value = event_target_value(&event);
                            draft.update(|draft| draft.unit = value);
                        }
                    />
                    <datalist id="product-units">
                        {UNITS.into_iter().map(|unit| view! { <option value=unit></option> }).collect_view()}
                    </datalist>
                </div>
                {number("product-pack-size", |t| t.staff_products.pack_size, |d| d.pack_size, |d, v| d.pack_size = v)}
                {number("product-min-order", |t| t.staff_products.min_order_quantity, |d| d.min_order_quantity, |d, v| d.min_order_quantity = v)}
                <div class="field">
                    <label for="product-image">{tr(|t| t.staff_products.image_url)}</label>
                    <input
                        id="product-image"
                        type="url"
                        dir="ltr"
                        aria-describedby="product-image-hint"
                        prop:value=move || draft.with(|draft| draft.image_url.clone().unwrap_or_default())
                        on:input=move |event| {
                            let value = event_target_value(&event);
                            draft.update(|draft| draft.image_url = Some(value));
                        }
                    />
                    <p class="hint" id="product-image-hint">{tr(|t| t.staff_products.image_url_hint)}</p>
                </div>
            </div>
            <div class="field">
                <label for="product-description">{tr(|t| t.staff_products.description)}</label>
                <textarea
                    id="product-description"
                    rows="3"
                    maxlength="2000"
                    prop:value=move || draft.with(|draft| draft.description.clone())
                    on:input=move |event| {
                        let value = event_target_value(&event);
                        draft.update(|draft| draft.description = value);
                    }
                ></textarea>
            </div>
            <label class="checkbox">
                <input
                    type="checkbox"
                    prop:checked=move || draft.with(|draft| draft.active)
                    on:change=move |event| {
                        let checked = event_target_checked(&event);
                        draft.update(|draft| draft.active = checked);
                    }
                />
                {tr(|t| t.staff_products.active_label)}
            </label>
            {move || error.get().map(|failure| view! {
                <p class="form-error" role="alert">{i18n.t().errors.message(&failure)}</p>
            })}
            <div class="actions">
                // Not before the categories are listed: the category's select is
                // required, and a click while it is still empty would be refused by the
                // browser on a field nobody touched (seen on a slow CI run).
                <button
                    type="submit"
                    class="button primary"
                    disabled=move || pending.get() || category_list.get().is_none()
                >
                    {move || {
                        let t = i18n.t();
                        if pending.get() { t.staff.saving } else { t.staff_products.save }
                    }}
                </button>
                <button type="button" class="button" on:click=move |_| on_cancel.run(())>
                    {tr(|t| t.staff.cancel)}
                </button>
            </div>
        </form>
    }
}
