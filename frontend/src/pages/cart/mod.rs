//! The cart: its lines with live prices and stock, the quick-order table, pasting
//! "SKU,quantity" lines, saved order lists, "Frequently bought together"; the way
//! to checkout.

mod edits;
mod lines;
mod model;
mod paste;
mod quantity;
mod quick_order;
mod rejected;
mod saved_list_row;
mod saved_lists;
mod suggestions;
mod summary;

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::catalog::live_stock::{LiveStock, LiveStockStatus};
use crate::components::notice::NoticeBanner;
use crate::components::skeleton::TableSkeleton;
use crate::i18n::{tr, use_i18n};
use crate::session::use_session;
use lines::CartLines;
use model::CartModel;
use paste::PasteOrder;
use quick_order::QuickOrder;
use saved_lists::SavedLists;
use suggestions::CartSuggestions;
use summary::{CartSummary, UndoBar};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tool {
    QuickOrder,
    Paste,
}

#[component]
pub fn CartPage() -> impl IntoView {
    let session = use_session();
    view! {
        <section class="page cart-page" data-testid="cart-page">
            <header class="page-header">
                <h1>{tr(|t| t.cart.title)}</h1>
                <p class="lead">{tr(|t| t.cart.intro)}</p>
            </header>
            {move || if session.can_order() {
                view! { <OrderingCart /> }.into_any()
            } else {
                view! { <p class="notice error" role="alert">{tr(|t| t.errors.forbidden)}</p> }.into_any()
            }}
        </section>
    }
}

#[component]
fn OrderingCart() -> impl IntoView {
    let i18n = use_i18n();
    let model = CartModel::new();
    let skus = Memo::new(move |_| {
        model.shown.with(|cart| {
            cart.as_ref()
                .map(|cart| {
                    cart.lines
                        .iter()
                        .map(|line| line.sku.clone())
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let live = LiveStock::follow(skus.into());
    // The suggestions appear once the cart is read, and are not rebuilt by each edit.
    let loaded = Memo::new(move |_| model.shown.with(Option::is_some));
    let tool = RwSignal::new(Tool::QuickOrder);
    let lines = move || match (
        model.shown.get().map(|cart| cart.lines.is_empty()),
        model.load_error.get(),
    ) {
        (_, Some(error)) => view! {
            <div class="notice error list-error" role="alert">
                <span>{move || i18n.t().errors.message(&error)}</span>
                <button type="button" class="button small" on:click=move |_| model.load()>
                    {tr(|t| t.catalog.retry)}
                </button>
            </div>
        }
        .into_any(),
        (None, None) => view! { <TableSkeleton rows=3 columns=6 /> }.into_any(),
        (Some(true), None) => view! { <EmptyCart tool /> }.into_any(),
        (Some(false), None) => view! {
            <div class="results-bar">
                <span class="muted" data-testid="cart-line-count">
                    {move || (i18n.t().cart.line_count)(skus.with(Vec::len))}
                </span>
                <LiveStockStatus live />
            </div>
            <CartLines model live />
        }
        .into_any(),
    };
    let tool_button = move |choice: Tool| {
        view! {
            <button
                type="button"
                class="button small segment"
                data-tool=match choice { Tool::QuickOrder => "quick", Tool::Paste => "paste" }
                aria-pressed=move || if tool.get() == choice { "true" } else { "false" }
                aria-controls="cart-tool"
                on:click=move |_| tool.set(choice)
            >
                {move || {
                    let t = &i18n.t().cart;
                    match choice {
                        Tool::QuickOrder => t.quick_order,
                        Tool::Paste => t.paste,
                    }
                }}
            </button>
        }
    };
    view! {
        <NoticeBanner notice=model.notice />
        <UndoBar model />
        <div class="cart-layout">
            <div class="card cart-lines-card">{lines}</div>
            <aside class="card cart-summary" aria-label=tr(|t| t.cart.summary)>
                <CartSummary model live />
            </aside>
        </div>
        {move || loaded.get().then(|| view! { <CartSuggestions model skus /> })}
        <div class="cart-tools">
            <section class="card" aria-labelledby="add-products-title">
                <h2 id="add-products-title">{tr(|t| t.cart.add_products)}</h2>
                <div class="segmented" role="group" aria-label=tr(|t| t.cart.add_products)>
                    {tool_button(Tool::QuickOrder)}
                    {tool_button(Tool::Paste)}
                </div>
                <div id="cart-tool" class="cart-tool">
                    {move || match tool.get() {
                        Tool::QuickOrder => view! { <QuickOrder model /> }.into_any(),
                        Tool::Paste => view! { <PasteOrder model /> }.into_any(),
                    }}
                </div>
            </section>
            <SavedLists model />
        </div>
    }
}

/// An empty cart: where products come from.
#[component]
fn EmptyCart(tool: RwSignal<Tool>) -> impl IntoView {
    let open = move |choice: Tool| {
        tool.set(choice);
        if let Some(panel) = document().get_element_by_id("cart-tool") {
            panel.scroll_into_view();
        }
    };
    view! {
        <div class="empty-state cart-empty" data-testid="cart-empty">
            <p>{tr(|t| t.cart.empty)}</p>
            <div class="actions">
                <A href="/catalog" attr:class="button primary">{tr(|t| t.cart.browse_catalog)}</A>
                <button type="button" class="button" on:click=move |_| open(Tool::QuickOrder)>
                    {tr(|t| t.cart.use_quick_order)}
                </button>
                <button type="button" class="button" on:click=move |_| open(Tool::Paste)>
                    {tr(|t| t.cart.use_paste)}
                </button>
            </div>
        </div>
    }
}
