//! The quantity stepper with its "Add to cart" button, for the roles that order: one
//! form, so Enter in the quantity adds it too. With no quantity typed, the button adds
//! the smallest quantity that may be ordered.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::cart::add_to_cart;
use crate::api::catalog::Product;
use crate::components::cart_state::{CartToast, use_cart_state};
use crate::components::catalog::quantity::{QuantityInput, product_name};
use crate::i18n::use_i18n;

#[component]
pub fn AddToCart(
    product: Product,
    quantity: RwSignal<Option<u32>>,
    #[prop(into)] available: Signal<i64>,
) -> impl IntoView {
    let i18n = use_i18n();
    let cart = use_cart_state();
    let stored = StoredValue::new(product.clone());
    let adding = RwSignal::new(false);
    // What a press adds: the typed quantity, else the smallest order.
    let wanted = move || {
        stored.with_value(|product| match quantity.get() {
            Some(value) => product.accepts_quantity(value).then_some(value),
            None => Some(product.smallest_quantity()),
        })
    };
    let disabled = move || adding.get() || available.get() <= 0 || wanted().is_none();
    let label = move || {
        let lang = i18n.lang();
        stored.with_value(|product| (i18n.t().cart.add_product)(product_name(product, lang)))
    };
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let Some(amount) = wanted() else { return };
        if adding.get_untracked() || available.get_untracked() <= 0 {
            return;
        }
        let (sku, name) = stored.with_value(|product| {
            (
                product.sku.clone(),
                product_name(product, i18n.lang_untracked()).to_owned(),
            )
        });
        adding.set(true);
        spawn_local(async move {
            let result = add_to_cart(&[(sku, amount)]).await;
            adding.try_set(false);
            match result {
                Ok(added) => {
                    cart.report(added.cart.lines.len());
                    match added.rejected.into_iter().next() {
                        Some(refused) => cart.show(CartToast::Refused {
                            reason: refused.kind(),
                            sku: refused.sku,
                        }),
                        None => cart.show(CartToast::Added {
                            name,
                            quantity: amount,
                        }),
                    }
                }
                Err(error) => cart.show(CartToast::Failed(error)),
            }
        });
    };
    view! {
        <form class="add-to-cart" data-testid="add-to-cart" on:submit=submit>
            <QuantityInput product quantity available />
            <button
                type="submit"
                class="button primary add-to-cart-button"
                aria-label=label
                aria-busy=move || if adding.get() { "true" } else { "false" }
                disabled=disabled
            >
                {move || {
                    let t = i18n.t();
                    if adding.get() { t.cart.adding } else { t.catalog.add_to_cart }
                }}
            </button>
        </form>
    }
}
