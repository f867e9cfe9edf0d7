//! A list of suggested products with their reason and an "Add" button, shared by the
//! cart's "Frequently bought together" and the home page's "Time to reorder". Adding
//! puts the product's smallest orderable quantity into the cart.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use crate::api::ApiError;
use crate::api::cart::{AddToCartResult, add_to_cart};
use crate::api::catalog::Product;
use crate::components::catalog::price::PriceCell;
use crate::components::catalog::quantity::product_name;
use crate::i18n::{Text, Texts, tr, use_i18n};

/// What an "Add" press put into the cart.
#[derive(Clone, Debug)]
pub struct Added {
    pub result: AddToCartResult,
    pub sku: String,
    pub name: String,
    pub quantity: u32,
}

/// One suggested product. `due` is the "Due in 3 days" badge of a reorder reminder
/// (`overdue` marks it as late).
#[component]
pub fn SuggestionRow(
    product: Product,
    #[prop(into)] reason: Signal<String>,
    #[prop(optional, into)] due: Option<Signal<String>>,
    #[prop(optional)] overdue: bool,
    on_added: Callback<Added>,
) -> impl IntoView {
    let i18n = use_i18n();
    let adding = RwSignal::new(false);
    let added = RwSignal::new(false);
    let failed: RwSignal<Option<ApiError>> = RwSignal::new(None);
    let sku = product.sku.clone();
    let available = product.available;
    let stored = StoredValue::new(product.clone());
    let name = move || stored.with_value(|product| product_name(product, i18n.lang()).to_owned());
    let add = move |_| {
        if adding.get_untracked() {
            return;
        }
        let (sku, quantity, name) = stored.with_value(|product| {
            (
                product.sku.clone(),
                product.smallest_quantity(),
                product_name(product, i18n.lang_untracked()).to_owned(),
            )
        });
        adding.set(true);
        failed.set(None);
        spawn_local(async move {
            let result = add_to_cart(&[(sku.clone(), quantity)]).await;
            adding.try_set(false);
            match result {
                Ok(result) => {
                    added.try_set(true);
                    on_added.run(Added {
                        result,
                        sku,
                        name,
                        quantity,
                    });
                }
                Err(error) => {
                    failed.try_set(Some(error));
                }
            }
        });
    };
    let label = move || (i18n.t().suggestions.add_named)(&name());
    view! {
        <li class="suggestion" data-testid="suggestion" data-sku=sku.clone()>
            <div class="suggestion-text">
                <A href=format!("/catalog/{sku}") attr:class="suggestion-name">{name}</A>
                <span class="muted suggestion-sku" dir="ltr">{sku.clone()}</span>
                <p class="suggestion-reason" data-testid="suggestion-reason">
                    {move || reason.get()}
                </p>
                {due.map(|due| {
                    view! {
                        <span class="badge suggestion-due" class:overdue=overdue data-testid="suggestion-due">
                            {move || due.get()}
                        </span>
                    }
                })}
            </div>
            <PriceCell product />
            <button
                type="button"
                class="button small primary suggestion-add"
                aria-label=label
                aria-busy=move || if adding.get() { "true" } else { "false" }
                disabled=move || adding.get() || available <= 0
                on:click=add
            >
                {move || {
                    let t = &i18n.t().suggestions;
                    if added.get() { t.added } else { t.add }
                }}
            </button>
            {move || {
                failed
                    .get()
                    .map(|error| {
                        view! {
                            <p class="notice error suggestion-error" role="alert">
                                {i18n.t().errors.message(&error)}
                            </p>
                        }
                    })
            }}
        </li>
    }
}

/// The frame of a suggestion panel: its title, a line of text, and the list or its
/// loading, error and empty states.
#[component]
pub fn SuggestionPanel(
    test_id: &'static str,
    title: fn(&Texts) -> &'static str,
    intro: fn(&Texts) -> &'static str,
    children: Children,
) -> impl IntoView {
    let heading = format!("{test_id}-title");
    let labelled_by = heading.clone();
    view! {
        <section class="card suggestion-panel" data-testid=test_id aria-labelledby=labelled_by>
            <h2 id=heading>{tr(title)}</h2>
            <p class="muted">{tr(intro)}</p>
            {children()}
        </section>
    }
}

/// The body of a panel: "Loading", an error with "Try again", the empty state's
/// sentence, or the list with one `row` per suggestion.
pub fn suggestion_list<T: Clone + Send + Sync + 'static>(
    suggestions: LocalResource<Result<Vec<T>, ApiError>>,
    empty: Text,
    row: impl Fn(T) -> AnyView + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    move || match suggestions.get() {
        None => view! {
            <p class="muted" aria-live="polite" data-testid="suggestions-loading">
                {tr(|t| t.suggestions.loading)}
            </p>
        }
        .into_any(),
        Some(Err(error)) => view! {
            <div class="notice error" role="alert">
                <span>{i18n.t().errors.message(&error)}</span>
                " "
                <button type="button" class="button small" on:click=move |_| suggestions.refetch()>
                    {tr(|t| t.suggestions.retry)}
                </button>
            </div>
        }
        .into_any(),
        Some(Ok(items)) if items.is_empty() => view! {
            <p class="suggestion-empty" data-testid="suggestions-empty">{tr(empty)}</p>
        }
        .into_any(),
        Some(Ok(items)) => view! {
            <ul class="suggestion-list">{items.into_iter().map(row).collect_view()}</ul>
        }
        .into_any(),
    }
}
