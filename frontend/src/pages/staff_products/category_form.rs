//! Creating a category (`saveCategory`), at the top or inside another one.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::ApiError;
use crate::api::catalog::{Category, categories};
use crate::api::catalog_admin::create_category;
use crate::components::catalog::category_tree::{CategoryNode, build_tree, category_name};
use crate::i18n::{Lang, tr, use_i18n};

/// The categories as select options, children indented under their parents.
pub fn category_options(
    nodes: &[CategoryNode],
    depth: usize,
    lang: Lang,
    into: &mut Vec<(String, String)>,
) {
    for node in nodes {
        let indent = "\u{2003}".repeat(depth);
        into.push((
            node.category.id.clone(),
            format!("{indent}{}", category_name(&node.category, lang)),
        ));
        category_options(&node.children, depth + 1, lang, into);
    }
}

/// The server's categories and the ones this page created (the server lists a category
/// only once it holds a product).
pub fn all_options(listed: &[Category], created: &[Category], lang: Lang) -> Vec<(String, String)> {
    let mut all = listed.to_vec();
    all.extend(
        created
            .iter()
            .filter(|new| listed.iter().all(|known| known.id != new.id))
            .cloned(),
    );
    let mut options = Vec::new();
    category_options(&build_tree(&all), 0, lang, &mut options);
    options
}

#[component]
pub fn CategoryForm(
    created: RwSignal<Vec<Category>>,
    on_saved: Callback<Category>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let name_he = RwSignal::new(String::new());
    let name_en = RwSignal::new(String::new());
    let parent = RwSignal::new(String::new());
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let listed = LocalResource::new(categories);

    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let (he, en, parent_id) = (
            name_he.get_untracked(),
            name_en.get_untracked(),
            parent.get_untracked(),
        );
        pending.set(true);
        error.set(None);
        spawn_local(async move {
            let parent_id = (!parent_id.is_empty()).then_some(parent_id);
            let result = create_category(&he, &en, parent_id.as_deref()).await;
            pending.try_set(false);
            match result {
                Ok(category) => on_saved.run(category),
                Err(failure) => {
                    error.try_set(Some(failure));
                }
            }
        });
    };

    let parents = move || {
        let listed = listed.get().and_then(Result::ok).unwrap_or_default();
        created
            .with(|created| all_options(&listed, created, i18n.lang()))
            .into_iter()
            .map(|(id, label)| view! { <option value=id>{label}</option> })
            .collect_view()
    };

    view! {
        <form class="card form-card" on:submit=submit data-testid="category-form" aria-labelledby="category-form-title">
            <h2 id="category-form-title">{tr(|t| t.staff_products.category_form_title)}</h2>
            <div class="form-grid">
                <div class="field">
                    <label for="category-name-he">{tr(|t| t.staff_products.category_name_he)}</label>
                    <input
                        id="category-name-he"
                        type="text"
                        required
                        prop:value=move || name_he.get()
                        on:input=move |event| name_he.set(event_target_value(&event))
                    />
                </div>
                <div class="field">
                    <label for="category-name-en">{tr(|t| t.staff_products.category_name_en)}</label>
                    <input
                        id="category-name-en"
                        type="text"
                        dir="ltr"
                        required
                        prop:value=move || name_en.get()
                        on:input=move |event| name_en.set(event_target_value(&event))
                    />
                </div>
                <div class="field">
                    <label for="category-parent">{tr(|t| t.staff_products.parent_category)}</label>
                    <select
                        id="category-parent"
                        class="select"
                        on:change=move |event| parent.set(event_target_value(&event))
                    >
                        <option value="">{tr(|t| t.staff_products.top_level)}</option>
                        {parents}
                    </select>
                </div>
            </div>
            <p class="hint">{tr(|t| t.staff_products.category_hint)}</p>
            {move || error.get().map(|failure| view! {
                <p class="form-error" role="alert">{i18n.t().errors.message(&failure)}</p>
            })}
            <div class="actions">
                <button type="submit" class="button primary" disabled=move || pending.get()>
                    {move || {
                        let t = i18n.t();
                        if pending.get() { t.staff.saving } else { t.staff_products.save_category }
                    }}
                </button>
                <button type="button" class="button" on:click=move |_| on_cancel.run(())>
                    {tr(|t| t.staff.cancel)}
                </button>
            </div>
        </form>
    }
}
