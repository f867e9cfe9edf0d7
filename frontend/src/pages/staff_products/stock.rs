//! Adjusting a product's stock on hand: a change (positive or negative), a reason and
//! a note; the answer shows on hand, reserved and available.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::ApiError;
use crate::api::catalog::Product;
use crate::api::catalog_admin::{StockLevel, StockReason, adjust_stock};
use crate::components::catalog::live_stock::LiveStock;
use crate::i18n::{StaffProductsTexts, tr, use_i18n};

fn reason_label(t: &StaffProductsTexts, reason: StockReason) -> &'static str {
    match reason {
        StockReason::Receipt => t.reason_receipt,
        StockReason::Count => t.reason_count,
        StockReason::Damage => t.reason_damage,
        StockReason::Return => t.reason_return,
        StockReason::Correction => t.reason_correction,
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Outcome {
    Done(StockLevel),
    Failed(ApiError),
    InvalidDelta,
}

#[component]
pub fn StockPanel(product: Product, live: LiveStock) -> impl IntoView {
    let i18n = use_i18n();
    let sku = StoredValue::new(product.sku.clone());
    let delta = RwSignal::new(String::new());
    let reason = RwSignal::new(StockReason::Receipt);
    let note = RwSignal::new(String::new());
    let pending = RwSignal::new(false);
    let outcome = RwSignal::new(None::<Outcome>);
    let field_id = |name: &str| format!("stock-{name}-{}", product.id);
    let (delta_id, reason_id, note_id) = (field_id("delta"), field_id("reason"), field_id("note"));

    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let Some(change) = delta
            .get_untracked()
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|change| *change != 0)
        else {
            outcome.set(Some(Outcome::InvalidDelta));
            return;
        };
        pending.set(true);
        outcome.set(None);
        let (sku, chosen_reason, note_text) = (
            sku.get_value(),
            reason.get_untracked(),
            note.get_untracked(),
        );
        spawn_local(async move {
            let result = adjust_stock(&sku, change, chosen_reason, &note_text).await;
            pending.try_set(false);
            match result {
                Ok(level) => {
                    live.record(level.sku.clone(), level.available);
                    delta.try_set(String::new());
                    note.try_set(String::new());
                    outcome.try_set(Some(Outcome::Done(level)));
                }
                Err(error) => {
                    outcome.try_set(Some(Outcome::Failed(error)));
                }
            }
        });
    };

    let result = move || {
        outcome.get().map(|outcome| {
            let t = i18n.t();
            match outcome {
                Outcome::Done(level) => view! {
                    <p class="notice success" role="status" data-testid="stock-result">
                        {(t.staff_products.stock_result)(level.on_hand, level.reserved, level.available)}
                    </p>
                }
                .into_any(),
                Outcome::Failed(error) => view! {
                    <p class="form-error" role="alert">{t.errors.message(&error)}</p>
                }
                .into_any(),
                Outcome::InvalidDelta => view! {
                    <p class="form-error" role="alert">{t.staff_products.invalid_delta}</p>
                }
                .into_any(),
            }
        })
    };

    view! {
        <form class="inline-form" on:submit=submit data-testid="stock-form">
            <h3>{move || sku.with_value(|sku| (i18n.t().staff_products.stock_title)(sku))}</h3>
            <div class="form-grid">
                <div class="field">
                    <label for=delta_id.clone()>{tr(|t| t.staff_products.delta)}</label>
                    <input
                        id=delta_id.clone()
                        type="number"
                        step="1"
                        dir="ltr"
                        required
                        data-testid="stock-delta"
                        aria-describedby=format!("{delta_id}-hint")
                        prop:value=move || delta.get()
                        on:input=move |event| delta.set(event_target_value(&event))
                    />
                    <p class="hint" id=format!("{delta_id}-hint")>{tr(|t| t.staff_products.delta_hint)}</p>
                </div>
                <div class="field">
                    <label for=reason_id.clone()>{tr(|t| t.staff_products.reason)}</label>
                    <select
                        id=reason_id.clone()
                        class="select"
                        data-testid="stock-reason"
                        prop:value=move || reason.get().as_str()
                        on:change=move |event| {
                            if let Some(choice) = StockReason::parse(&event_target_value(&event)) {
                                reason.set(choice);
                            }
                        }
                    >
                        {move || {
                            let t = &i18n.t().staff_products;
                            StockReason::ALL
                                .into_iter()
                                .map(|option| view! {
                                    <option value=option.as_str() selected=move || reason.get() == option>
                                        {reason_label(t, option)}
                                    </option>
                                })
                                .collect_view()
                        }}
                    </select>
                </div>
                <div class="field">
                    <label for=note_id.clone()>{tr(|t| t.staff_products.note)}</label>
                    <input
                        id=note_id.clone()
                        type="text"
                        maxlength="500"
                        prop:value=move || note.get()
                        on:input=move |event| note.set(event_target_value(&event))
                    />
                </div>
            </div>
            {result}
            <button type="submit" class="button primary" disabled=move || pending.get()>
                {move || {
                    let t = i18n.t();
                    if pending.get() { t.staff.saving } else { t.staff_products.adjust }
                }}
            </button>
        </form>
    }
}
