//! The controls above a catalog list: search as you type, sort, and table or grid view.

use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;

use crate::api::catalog::ProductSort;
use crate::components::catalog::browser::CatalogBrowser;
use crate::i18n::{tr, use_i18n};

/// Where the chosen view is remembered.
const VIEW_KEY: &str = "portal.catalog.view";
/// Below this width the grid is the default (the phone layout of the stylesheet).
const PHONE_QUERY: &str = "(max-width: 639.98px)";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CatalogView {
    Table,
    Grid,
}

impl CatalogView {
    fn code(self) -> &'static str {
        match self {
            CatalogView::Table => "table",
            CatalogView::Grid => "grid",
        }
    }

    /// The view chosen on an earlier visit, else the grid on a phone and the table
    /// elsewhere.
    pub fn remembered() -> CatalogView {
        match LocalStorage::raw()
            .get_item(VIEW_KEY)
            .ok()
            .flatten()
            .as_deref()
        {
            Some("table") => CatalogView::Table,
            Some("grid") => CatalogView::Grid,
            _ if is_phone() => CatalogView::Grid,
            _ => CatalogView::Table,
        }
    }

    fn remember(self) {
        if LocalStorage::raw().set_item(VIEW_KEY, self.code()).is_err() {
            leptos::logging::warn!("could not save the catalog view");
        }
    }
}

pub fn is_phone() -> bool {
    window()
        .match_media(PHONE_QUERY)
        .ok()
        .flatten()
        .is_some_and(|query| query.matches())
}

#[component]
pub fn CatalogToolbar(
    browser: CatalogBrowser,
    view_mode: RwSignal<CatalogView>,
    #[prop(default = true)] show_view_toggle: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let choose = move |choice: CatalogView| {
        view_mode.set(choice);
        choice.remember();
    };
    let view_button = move |choice: CatalogView| {
        view! {
            <button
                type="button"
                class="button small segment"
                data-view=choice.code()
                aria-pressed=move || if view_mode.get() == choice { "true" } else { "false" }
                on:click=move |_| choose(choice)
            >
                {move || {
                    let t = &i18n.t().catalog;
                    match choice {
                        CatalogView::Table => t.view_table,
                        CatalogView::Grid => t.view_grid,
                    }
                }}
            </button>
        }
    };
    view! {
        <div class="catalog-toolbar" role="search">
            <div class="field search-field">
                <label for="catalog-search">{tr(|t| t.catalog.search_label)}</label>
                <input
                    id="catalog-search"
                    type="search"
                    autocomplete="off"
                    spellcheck="false"
                    data-testid="catalog-search"
                    placeholder=tr(|t| t.catalog.search_placeholder)
                    prop:value=move || browser.search_text.get()
                    on:input=move |event| browser.type_search(event_target_value(&event))
                />
            </div>
            <div class="field">
                <label for="catalog-sort">{tr(|t| t.catalog.sort_label)}</label>
                <select
                    id="catalog-sort"
                    class="select"
                    prop:value=move || browser.sort.get().as_str()
                    on:change=move |event| {
                        if let Some(sort) = ProductSort::parse(&event_target_value(&event)) {
                            browser.sort.set(sort);
                        }
                    }
                >
                    <option value="SKU">{tr(|t| t.catalog.sort_sku)}</option>
                    <option value="NAME">{tr(|t| t.catalog.sort_name)}</option>
                </select>
            </div>
            {show_view_toggle.then(|| view! {
                <div class="field">
                    <span class="field-label" id="catalog-view-label">
                        {tr(|t| t.catalog.view_label)}
                    </span>
                    <div class="segmented" role="group" aria-labelledby="catalog-view-label">
                        {view_button(CatalogView::Table)}
                        {view_button(CatalogView::Grid)}
                    </div>
                </div>
            })}
        </div>
    }
}
