//! The cart's totals (net, VAT, total, read out when they change), the way to checkout
//! with the reason when it is closed, and the "Removed … Undo" bar.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use shared::Money;
use shared::money::VAT_RATE_PERCENT;

use crate::components::catalog::live_stock::LiveStock;
use crate::components::catalog::price::MoneyText;
use crate::i18n::{tr, use_i18n};
use crate::pages::cart::model::CartModel;

/// Why checkout is closed, if it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Blocked {
    Empty,
    Problems,
    Saving,
}

#[component]
pub fn CartSummary(model: CartModel, live: LiveStock) -> impl IntoView {
    let i18n = use_i18n();
    let session = crate::session::use_session();
    let navigate = use_navigate();
    let blocked = Memo::new(move |_| {
        let (empty, problems) = model.shown.with(|cart| match cart {
            None => (true, false),
            Some(cart) => (
                cart.lines.is_empty(),
                cart.lines.iter().any(|line| {
                    !line
                        .problems_at(line.quantity, live.available(&line.sku, line.available))
                        .is_empty()
                }),
            ),
        });
        if empty {
            Some(Blocked::Empty)
        } else if problems {
            Some(Blocked::Problems)
        } else if model.saving.get() {
            Some(Blocked::Saving)
        } else {
            None
        }
    });
    let amount = move |pick: fn(&crate::api::cart::Cart) -> Money| {
        move || {
            model
                .shown
                .with(|cart| cart.as_ref().map(pick))
                .map(|amount| view! { <MoneyText amount /> })
        }
    };
    let reason = move || {
        let t = &i18n.t().cart;
        blocked.get().map(|blocked| match blocked {
            Blocked::Empty => t.blocked_empty,
            Blocked::Problems => t.blocked_problems,
            Blocked::Saving => t.blocked_saving,
        })
    };
    view! {
        <div class="cart-totals">
            <dl class="totals" aria-live="polite" aria-atomic="true" data-testid="cart-totals">
                <div>
                    <dt>{tr(|t| t.cart.subtotal)}</dt>
                    <dd data-testid="cart-subtotal">{amount(|cart| cart.subtotal)}</dd>
                </div>
                <div>
                    <dt>{move || (i18n.t().cart.vat)(VAT_RATE_PERCENT)}</dt>
                    <dd data-testid="cart-vat">{amount(|cart| cart.vat)}</dd>
                </div>
                <div class="grand-total">
                    <dt>{tr(|t| t.cart.total)}</dt>
                    <dd data-testid="cart-total">{amount(|cart| cart.total)}</dd>
                </div>
            </dl>
            {move || model.saving.get().then(|| view! {
                <p class="hint" data-testid="cart-saving">{tr(|t| t.cart.saving)}</p>
            })}
            <button
                type="button"
                class="button primary block"
                data-testid="go-to-checkout"
                disabled=move || blocked.get().is_some() || session.company_suspended()
                aria-describedby="checkout-blocked"
                on:click=move |_| navigate("/checkout", Default::default())
            >
                {tr(|t| t.cart.checkout)}
            </button>
            <p id="checkout-blocked" class="hint" data-testid="checkout-blocked">{reason}</p>
        </div>
    }
}

/// "Removed <name>. Undo" after a line was removed.
#[component]
pub fn UndoBar(model: CartModel) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div role="status" aria-live="polite">
            {move || {
                model.removed.get().map(|line| {
                    view! {
                        <div class="notice success undo-bar" data-testid="undo-bar">
                            <span>{(i18n.t().cart.removed)(&line.name)}</span>
                            <button
                                type="button"
                                class="button small"
                                data-testid="undo-remove"
                                on:click=move |_| model.undo_remove()
                            >
                                {tr(|t| t.cart.undo)}
                            </button>
                            <button
                                type="button"
                                class="button small ghost"
                                aria-label=tr(|t| t.cart.close)
                                on:click=move |_| model.removed.set(None)
                            >
                                "×"
                            </button>
                        </div>
                    }
                })
            }}
        </div>
    }
}
