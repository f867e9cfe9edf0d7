//! Checkout: the cart's lines, cost centre and note, the approval preview
//! (`orderQuote`, asked again when the cost centre changes) and placing the order.

mod form;
mod preview;

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::cart::{Cart, cart, cost_centers};
use crate::components::catalog::price::MoneyText;
use crate::components::skeleton::TableSkeleton;
use crate::i18n::{tr, use_i18n};
use form::CheckoutForm;

#[component]
pub fn CheckoutPage() -> impl IntoView {
    let i18n = use_i18n();
    let found = LocalResource::new(|| async { cart().await });
    let centers = LocalResource::new(|| async { cost_centers().await });
    let content = move || {
        // Cost centres are optional: without them the order still goes through.
        let (Some(found), Some(centers)) = (found.get(), centers.get()) else {
            return view! { <div class="card"><TableSkeleton rows=4 columns=3 /></div> }.into_any();
        };
        match found {
            Err(error) => view! {
                <p class="notice error" role="alert">{move || i18n.t().errors.message(&error)}</p>
            }
            .into_any(),
            Ok(cart) if cart.lines.is_empty() => view! { <EmptyCheckout /> }.into_any(),
            Ok(cart) => {
                let has_problems = cart.lines.iter().any(|line| !line.problems.is_empty());
                let centers = centers.unwrap_or_default();
                view! {
                    {has_problems.then(|| view! {
                        <p class="notice error" role="alert" data-testid="checkout-problems">
                            {tr(|t| t.cart.checkout_has_problems)} " "
                            <A href="/cart">{tr(|t| t.cart.back_to_cart)}</A>
                        </p>
                    })}
                    <div class="checkout-layout">
                        <OrderLines cart=cart.clone() />
                        <CheckoutForm cart centers blocked=has_problems />
                    </div>
                }
                .into_any()
            }
        }
    };
    view! {
        <section class="page checkout-page" data-testid="checkout-page">
            <A href="/cart" attr:class="back-link">
                <span class="back-arrow" aria-hidden="true">"←"</span>
                {tr(|t| t.cart.back_to_cart)}
            </A>
            <header class="page-header">
                <h1>{tr(|t| t.cart.checkout_title)}</h1>
            </header>
            {content}
        </section>
    }
}

/// The lines about to be ordered.
#[component]
fn OrderLines(cart: Cart) -> impl IntoView {
    view! {
        <section class="card checkout-lines" aria-labelledby="checkout-lines-title">
            <h2 id="checkout-lines-title">{tr(|t| t.cart.lines_label)}</h2>
            <div class="table-scroll">
                <table class="data-table" data-testid="checkout-lines">
                    <thead>
                        <tr>
                            <th scope="col">{tr(|t| t.catalog.sku)}</th>
                            <th scope="col">{tr(|t| t.catalog.product)}</th>
                            <th scope="col" class="cell-number">{tr(|t| t.catalog.quantity)}</th>
                            <th scope="col" class="cell-number">{tr(|t| t.catalog.line_total)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {cart
                            .lines
                            .into_iter()
                            .map(|line| {
                                let sku = line.sku.clone();
                                view! {
                                <tr data-testid="checkout-line" data-sku=sku>
                                    <td class="cell-sku" data-label=tr(|t| t.catalog.sku)>
                                        <bdi dir="ltr">{line.sku}</bdi>
                                    </td>
                                    <td data-label=tr(|t| t.catalog.product)>{line.name}</td>
                                    <td class="cell-number" data-label=tr(|t| t.catalog.quantity)>
                                        <bdi dir="ltr">{line.quantity}</bdi>
                                    </td>
                                    <td class="cell-number" data-label=tr(|t| t.catalog.line_total)>
                                        {line.line_total.map(|amount| view! { <MoneyText amount /> })}
                                    </td>
                                </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

#[component]
fn EmptyCheckout() -> impl IntoView {
    view! {
        <div class="card empty-state" data-testid="checkout-empty">
            <p>{tr(|t| t.cart.checkout_empty)}</p>
            <div class="actions">
                <A href="/catalog" attr:class="button primary">{tr(|t| t.cart.browse_catalog)}</A>
                <A href="/cart" attr:class="button">{tr(|t| t.cart.back_to_cart)}</A>
            </div>
        </div>
    }
}
