//! The cart link in the top bar with the number of lines in the cart, and the
//! confirmation that pops up when something is added to the cart from the catalog.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::cart_state::{CartToast, use_cart_state};
use crate::i18n::{tr, use_i18n};

#[component]
pub fn CartBadge() -> impl IntoView {
    let i18n = use_i18n();
    let cart = use_cart_state();
    let label = move || {
        let t = i18n.t();
        match cart.count() {
            Some(lines) => (t.cart.badge_label)(lines),
            None => t.app.cart.to_owned(),
        }
    };
    let count = move || cart.count().map(|lines| lines.to_string());
    view! {
        <A
            href="/cart"
            attr:class="header-icon-link cart-link"
            attr:aria-label=label
            attr:data-testid="cart-badge"
            attr:data-count=count
        >
            <span aria-hidden="true">{tr(|t| t.app.cart)}</span>
            {move || {
                cart.count()
                    .filter(|lines| *lines > 0)
                    .map(|lines| {
                        view! {
                            <span class="cart-count" aria-hidden="true" data-testid="cart-count">
                                {lines}
                            </span>
                        }
                    })
            }}
        </A>
        <CartToastView />
    }
}

/// The confirmation of the last addition, in a polite live region at the bottom of the
/// screen, with a link to the cart.
#[component]
fn CartToastView() -> impl IntoView {
    let i18n = use_i18n();
    let cart = use_cart_state();
    let content = move || {
        cart.toast.get().map(|(_, toast)| {
            let t = i18n.t();
            let (text, failed) = match toast {
                CartToast::Added { name, quantity } => {
                    ((t.cart.added_toast)(quantity, &name), false)
                }
                CartToast::Refused { sku, reason } => {
                    (format!("{sku}: {}", t.cart.reject_reason(reason)), true)
                }
                CartToast::Failed(error) => (
                    format!("{} {}", t.cart.add_failed, t.errors.message(&error)),
                    true,
                ),
            };
            view! {
                <div
                    class="cart-toast"
                    class:failed=failed
                    role=if failed { "alert" } else { "none" }
                    data-testid="cart-toast"
                >
                    <span>{text}</span>
                    <A href="/cart" attr:class="button small">{tr(|t| t.cart.view_cart)}</A>
                    <button
                        type="button"
                        class="button small ghost"
                        aria-label=tr(|t| t.cart.close)
                        on:click=move |_| cart.dismiss()
                    >
                        "×"
                    </button>
                </div>
            }
        })
    };
    view! {
        <div class="cart-toast-region" role="status" aria-live="polite">
            {content}
        </div>
    }
}
