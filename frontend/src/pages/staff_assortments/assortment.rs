//! A company's assortment: category checkboxes (a category brings its subtree) and a
//! list of single SKUs. Saving replaces the whole assortment, after a confirmation.

use std::collections::HashSet;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::ApiError;
use crate::api::catalog::{Category, categories};
use crate::api::catalog_admin::{Assortment, company_assortment, set_assortment};
use crate::api::companies::CompanySummary;
use crate::components::catalog::category_tree::{CategoryNode, build_tree, category_name};
use crate::components::notice::Notice;
use crate::components::staff::Confirm;
use crate::i18n::{tr, use_i18n};

/// SKUs from the text area: one per line or separated by commas, semicolons or spaces;
/// upper-cased, without duplicates, in the order written.
pub fn parse_skus(text: &str) -> Vec<String> {
    let mut seen = HashSet::new();
    text.split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .map(|sku| sku.trim().to_uppercase())
        .filter(|sku| !sku.is_empty() && seen.insert(sku.clone()))
        .collect()
}

#[component]
pub fn AssortmentEditor(
    company: CompanySummary,
    notice: RwSignal<Option<Notice>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let company_id = company.id.clone();
    let current = LocalResource::new(move || {
        let id = company_id.clone();
        async move { company_assortment(&id).await }
    });
    let tree = LocalResource::new(categories);
    let name = StoredValue::new(company.name.clone());
    let id = StoredValue::new(company.id.clone());

    let content = move || {
        match (current.get(), tree.get()) {
        (Some(Err(error)), _) | (_, Some(Err(error))) => view! {
            <p class="form-error" role="alert">{i18n.t().errors.message(&error)}</p>
        }
        .into_any(),
        (Some(Ok(assortment)), Some(Ok(list))) => view! {
            <AssortmentForm assortment list company_id=id.get_value() company_name=name.get_value() notice />
        }
        .into_any(),
        _ => view! { <p class="muted">{i18n.t().app.loading}</p> }.into_any(),
    }
    };
    view! {
        <section class="card form-card" data-testid="assortment-editor">
            <h2>{tr(|t| t.staff_assortments.assortment_title)}</h2>
            {content}
        </section>
    }
}

#[component]
fn AssortmentForm(
    assortment: Assortment,
    list: Vec<Category>,
    company_id: String,
    company_name: String,
    notice: RwSignal<Option<Notice>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let checked = RwSignal::new(
        assortment
            .category_ids
            .iter()
            .cloned()
            .collect::<HashSet<_>>(),
    );
    let skus = RwSignal::new(assortment.skus.join("\n"));
    let confirming = RwSignal::new(false);
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let company_id = StoredValue::new(company_id);
    let company_name = StoredValue::new(company_name);
    let nodes = build_tree(&list);

    let save = move || {
        confirming.set(false);
        pending.set(true);
        error.set(None);
        let mut category_ids: Vec<String> = checked.get_untracked().into_iter().collect();
        category_ids.sort();
        let sku_list = parse_skus(&skus.get_untracked());
        let (id, name) = (company_id.get_value(), company_name.get_value());
        spawn_local(async move {
            let result = set_assortment(&id, &category_ids, &sku_list).await;
            pending.try_set(false);
            match result {
                Ok(saved) => {
                    checked.try_set(saved.category_ids.into_iter().collect());
                    skus.try_set(saved.skus.join("\n"));
                    notice.try_set(Some(Notice::DoneWith(
                        |t, name| (t.staff_assortments.assortment_saved)(name),
                        name,
                    )));
                }
                Err(failure) => {
                    error.try_set(Some(failure));
                }
            }
        });
    };
    let question = Signal::derive(move || {
        company_name.with_value(|name| (i18n.t().staff_assortments.confirm_replace)(name))
    });

    view! {
        <fieldset class="category-checks">
            <legend>{tr(|t| t.staff_assortments.categories_label)}</legend>
            <p class="hint">{tr(|t| t.staff_assortments.categories_hint)}</p>
            <ul>{nodes.into_iter().map(|node| check_node(node, checked)).collect_view()}</ul>
        </fieldset>
        <div class="field">
            <label for="assortment-skus">{tr(|t| t.staff_assortments.skus_label)}</label>
            <textarea
                id="assortment-skus"
                rows="6"
                dir="ltr"
                spellcheck="false"
                data-testid="assortment-skus"
                aria-describedby="assortment-skus-hint"
                prop:value=move || skus.get()
                on:input=move |event| skus.set(event_target_value(&event))
            ></textarea>
            <p class="hint" id="assortment-skus-hint">{tr(|t| t.staff_assortments.skus_hint)}</p>
        </div>
        {move || error.get().map(|failure| view! {
            <p class="form-error" role="alert">{i18n.t().errors.message(&failure)}</p>
        })}
        {move || {
            if confirming.get() {
                view! {
                    <Confirm
                        question
                        on_confirm=Callback::new(move |()| save())
                        on_cancel=Callback::new(move |()| confirming.set(false))
                    />
                }
                .into_any()
            } else {
                view! {
                    <button
                        type="button"
                        class="button primary"
                        data-testid="save-assortment"
                        disabled=move || pending.get()
                        on:click=move |_| confirming.set(true)
                    >
                        {move || {
                            let t = i18n.t();
                            if pending.get() { t.staff.saving } else { t.staff_assortments.save_assortment }
                        }}
                    </button>
                }
                .into_any()
            }
        }}
    }
}

fn check_node(node: CategoryNode, checked: RwSignal<HashSet<String>>) -> AnyView {
    let i18n = use_i18n();
    let id = node.category.id.clone();
    let category = node.category;
    let is_checked = {
        let id = id.clone();
        move || checked.with(|set| set.contains(&id))
    };
    let children = (!node.children.is_empty()).then(|| {
        view! { <ul>{node.children.into_iter().map(|child| check_node(child, checked)).collect_view()}</ul> }
    });
    view! {
        <li>
            <label class="checkbox">
                <input
                    type="checkbox"
                    data-category-id=id.clone()
                    prop:checked=is_checked
                    on:change=move |event| {
                        let on = event_target_checked(&event);
                        let id = id.clone();
                        checked.update(|set| {
                            if on {
                                set.insert(id);
                            } else {
                                set.remove(&id);
                            }
                        });
                    }
                />
                {move || category_name(&category, i18n.lang()).to_owned()}
            </label>
            {children}
        </li>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::parse_skus;

    #[test]
    fn skus_are_split_on_lines_commas_and_spaces_without_duplicates() {
        assert_eq!(
            parse_skus("cbl-101\nCBL-102, cbl-101;HT-1  \n\n"),
            ["CBL-101", "CBL-102", "HT-1"]
        );
    }
}
