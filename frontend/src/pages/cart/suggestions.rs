//! "Frequently bought together": products often ordered with those in the cart, read
//! again whenever the cart's products change; "Add" puts one in the cart.

use leptos::prelude::*;

use super::model::CartModel;
use crate::api::suggestions::{CartSuggestion, cart_suggestions};
use crate::components::suggestions::{Added, SuggestionPanel, SuggestionRow, suggestion_list};
use crate::i18n::{tr, use_i18n};

#[component]
pub fn CartSuggestions(model: CartModel, skus: Memo<Vec<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let suggestions = LocalResource::new(move || {
        skus.track();
        cart_suggestions()
    });
    let on_added = Callback::new(move |added: Added| {
        model.merge(added.result, &[added.sku]);
    });
    let row = move |item: CartSuggestion| {
        let (sku, orders) = (item.because_of_sku.clone(), item.orders_together);
        let reason = Signal::derive(move || (i18n.t().suggestions.together_reason)(&sku, orders));
        view! { <SuggestionRow product=item.product reason on_added /> }.into_any()
    };
    let body = move || {
        if skus.with(Vec::is_empty) {
            view! {
                <p class="suggestion-empty" data-testid="suggestions-empty">
                    {tr(|t| t.suggestions.together_empty_cart)}
                </p>
            }
            .into_any()
        } else {
            suggestion_list(suggestions, |t| t.suggestions.together_none, row).into_any()
        }
    };
    view! {
        <SuggestionPanel
            test_id="cart-suggestions"
            title=|t| t.suggestions.together_title
            intro=|t| t.suggestions.together_intro
        >
            {body}
        </SuggestionPanel>
    }
}
