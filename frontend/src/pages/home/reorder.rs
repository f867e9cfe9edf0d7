//! "Time to reorder" on the home page of those who order: products the company buys
//! on a rhythm that are due or overdue, with the reason; "Add" puts one in the cart.

use leptos::prelude::*;

use crate::api::suggestions::{ReorderSuggestion, reorder_suggestions};
use crate::components::cart_state::{CartToast, use_cart_state};
use crate::components::suggestions::{Added, SuggestionPanel, SuggestionRow, suggestion_list};
use crate::i18n::use_i18n;

#[component]
pub fn ReorderPanel() -> impl IntoView {
    let i18n = use_i18n();
    let cart = use_cart_state();
    let suggestions = LocalResource::new(reorder_suggestions);
    let on_added = Callback::new(move |added: Added| {
        cart.report(added.result.cart.lines.len());
        cart.show(CartToast::Added {
            name: added.name,
            quantity: added.quantity,
        });
    });
    let row = move |item: ReorderSuggestion| {
        let (interval, since, due_in) = (
            item.interval_days,
            item.days_since_last_order,
            item.due_in_days,
        );
        let reason = Signal::derive(move || (i18n.t().suggestions.reorder_reason)(interval, since));
        let due = Signal::derive(move || (i18n.t().suggestions.due)(due_in));
        view! {
            <SuggestionRow product=item.product reason due overdue=due_in < 0 on_added />
        }
        .into_any()
    };
    view! {
        <SuggestionPanel
            test_id="reorder-suggestions"
            title=|t| t.suggestions.reorder_title
            intro=|t| t.suggestions.reorder_intro
        >
            {suggestion_list(suggestions, |t| t.suggestions.reorder_none, row)}
        </SuggestionPanel>
    }
}
