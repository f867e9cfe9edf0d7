//! The checkout form: cost centre, note, the approval preview, and "Place order".
//!
//! One idempotency key is made when the page opens and sent with every submit from it:
//! a double click or a retry after a lost answer returns the first order instead of
//! placing a second one. After the order, the cart is emptied and the order shown.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

use crate::api::cart::{
    Cart, CostCenter, OrderRequest, clear_cart, new_idempotency_key, order_quote, place_order,
};
use crate::api::{ApiError, ErrorCode};
use crate::components::cart_state::use_cart_state;
use crate::i18n::{tr, use_i18n};
use crate::pages::checkout::preview::ApprovalPreview;

#[component]
pub fn CheckoutForm(cart: Cart, centers: Vec<CostCenter>, blocked: bool) -> impl IntoView {
    let i18n = use_i18n();
    // A suspended company cannot order: the server refuses, the button says so first.
    let session = crate::session::use_session();
    let badge = use_cart_state();
    let navigate = use_navigate();
    let lines: Vec<(String, u32)> = cart
        .lines
        .iter()
        .map(|line| (line.sku.clone(), line.quantity))
        .collect();
    let lines = StoredValue::new(lines);
    let cost_center = RwSignal::new(None::<String>);
    let note = RwSignal::new(String::new());
    let submitting = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);
    let key = StoredValue::new(new_idempotency_key("checkout"));

    let request = move |with_note: bool| OrderRequest {
        lines: lines.get_value(),
        cost_center_id: cost_center.get(),
        note: if with_note {
            note.get_untracked()
        } else {
            String::new()
        },
    };
    // Asked again whenever the cost centre changes (the note changes nothing).
    let quote = LocalResource::new(move || {
        let request = request(false);
        async move { order_quote(&request).await }
    });
    let quote = Signal::derive(move || quote.get());

    let place = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if submitting.get_untracked() || blocked {
            return;
        }
        let request = untrack(|| request(true));
        let key = key.get_value();
        submitting.set(true);
        failure.set(None);
        let navigate = navigate.clone();
        spawn_local(async move {
            match place_order(&request, &key).await {
                Ok(order) => {
                    if let Err(error) = clear_cart().await {
                        leptos::logging::warn!(
                            "the order was placed but the cart stays: {error:?}"
                        );
                    }
                    badge.report(0);
                    navigate(&format!("/orders/{}", order.id), Default::default());
                }
                Err(error) => {
                    submitting.try_set(false);
                    failure.try_set(Some(error));
                }
            }
        });
    };

    let has_centers = !centers.is_empty();
    let options = centers
        .into_iter()
        .map(|center| {
            let budget = center.monthly_budget;
            view! {
                <option value=center.id.clone()>
                    {center.name.clone()}
                    {move || budget.map(|amount| (i18n.t().cart.monthly_budget)(&amount.format_ils()))}
                </option>
            }
        })
        .collect_view();

    view! {
        <form class="card checkout-form" on:submit=place data-testid="checkout-form">
            <h2>{tr(|t| t.cart.order_details)}</h2>
            {has_centers.then(|| view! {
                <div class="field">
                    <label for="cost-center">{tr(|t| t.cart.cost_center)}</label>
                    <select
                        id="cost-center"
                        class="select"
                        data-testid="cost-center"
                        on:change=move |event| {
                            let value = event_target_value(&event);
                            cost_center.set((!value.is_empty()).then_some(value));
                        }
                    >
                        <option value="">{tr(|t| t.cart.no_cost_center)}</option>
                        {options}
                    </select>
                </div>
            })}
            <div class="field">
                <label for="order-note">{tr(|t| t.cart.note)}</label>
                <textarea
                    id="order-note"
                    rows="3"
                    maxlength="1000"
                    data-testid="order-note"
                    prop:value=move || note.get()
                    on:input=move |event| note.set(event_target_value(&event))
                ></textarea>
            </div>
            <section class="approval-box" aria-live="polite" aria-labelledby="approval-title">
                <h3 id="approval-title">{tr(|t| t.cart.approval_title)}</h3>
                <ApprovalPreview quote />
            </section>
            {move || failure.get().map(|error| view! { <PlaceFailure error /> })}
            <button
                type="submit"
                class="button primary block"
                data-testid="place-order"
                aria-busy=move || if submitting.get() { "true" } else { "false" }
                disabled=move || submitting.get() || blocked || session.company_suspended()
            >
                {move || {
                    let t = &i18n.t().cart;
                    if submitting.get() { t.placing } else { t.place_order }
                }}
            </button>
            {move || {
                quote.with(|quote| match quote {
                    Some(Ok(quote)) if quote.approvals_required > 0 => Some(view! {
                        <p class="hint">{tr(|t| t.cart.waits_for_approval)}</p>
                    }),
                    _ => None,
                })
            }}
        </form>
    }
}

/// Why the order was not placed, with what to do about it. The cart stays as it is.
#[component]
fn PlaceFailure(error: ApiError) -> impl IntoView {
    let i18n = use_i18n();
    let code = error.code();
    let advice = move || {
        let t = &i18n.t().cart;
        match code {
            Some(ErrorCode::OutOfStock) => Some(t.advice_out_of_stock),
            Some(ErrorCode::CreditLimit) => Some(t.advice_credit_limit),
            Some(ErrorCode::BadUserInput) => Some(t.advice_bad_input),
            _ => None,
        }
    };
    let message = move || i18n.t().errors.message(&error);
    view! {
        <div class="notice error place-failure" role="alert" data-testid="place-error">
            <p class="cell-strong">{message}</p>
            {move || advice().map(|text| view! { <p>{text}</p> })}
            <leptos_router::components::A href="/cart">{tr(|t| t.cart.back_to_cart)}</leptos_router::components::A>
        </div>
    }
}
