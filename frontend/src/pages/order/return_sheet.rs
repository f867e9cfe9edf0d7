//! Goods coming back: staff record a return (a credit note is issued and the stock
//! comes back), a customer asks for one. Both choose a reason and what comes back,
//! line by line; leaving every quantity as it is returns the whole order.

use leptos::prelude::*;

use super::step_form::{StepForm, Text, TextField};
use super::step_sheets::title_of;
use super::steps::StepRunner;
use crate::api::fulfilment::{ReturnLine, ReturnReason, request_return, return_order};
use crate::api::orders::Order;
use crate::i18n::{tr, use_i18n};

/// One line of the order and the quantity typed for it.
#[derive(Clone)]
struct ReturnRow {
    sku: String,
    name_he: String,
    name_en: String,
    ordered: i64,
    quantity: RwSignal<String>,
}

/// The lines to send: none for the whole order; `None` when nothing would come back.
fn chosen_lines(rows: &[ReturnRow]) -> Option<Vec<ReturnLine>> {
    let chosen: Vec<(ReturnLine, i64)> = rows
        .iter()
        .filter_map(|row| {
            let quantity = row.quantity.get_untracked().trim().parse::<i64>().ok()?;
            (quantity > 0).then(|| {
                let line = ReturnLine {
                    sku: row.sku.clone(),
                    quantity: quantity.min(row.ordered),
                };
                (line, row.ordered)
            })
        })
        .collect();
    if chosen.is_empty() {
        return None;
    }
    let whole = chosen.len() == rows.len()
        && chosen
            .iter()
            .all(|(line, ordered)| line.quantity == *ordered);
    Some(if whole {
        Vec::new()
    } else {
        chosen.into_iter().map(|(line, _)| line).collect()
    })
}

#[component]
pub fn ReturnSheet(runner: StepRunner, order: Order, by_staff: bool) -> impl IntoView {
    let i18n = use_i18n();
    let reason = RwSignal::new(ReturnReason::WrongItem);
    let comment = RwSignal::new(String::new());
    let invalid = RwSignal::new(None::<Text>);
    let rows: Vec<ReturnRow> = order
        .lines
        .iter()
        .map(|line| ReturnRow {
            sku: line.sku.clone(),
            name_he: line.name_he.clone(),
            name_en: line.name_en.clone(),
            ordered: line.quantity,
            quantity: RwSignal::new(line.quantity.to_string()),
        })
        .collect();
    let stored_rows = StoredValue::new(rows.clone());

    let on_submit = Callback::new(move |()| {
        let Some(lines) = stored_rows.with_value(|rows| chosen_lines(rows)) else {
            invalid.set(Some(|t| t.return_nothing));
            return;
        };
        let id = runner.order_id();
        let reason = reason.get_untracked();
        let comment = comment.get_untracked();
        runner.run(async move {
            if by_staff {
                return_order(&id, reason, &lines, &comment).await
            } else {
                request_return(&id, reason, &lines, &comment).await
            }
        });
    });

    let reasons = ReturnReason::ALL
        .into_iter()
        .map(|option| {
            view! {
                <option value=option.as_str() selected=move || reason.get() == option>
                    {move || (i18n.t().fulfilment.reason_name)(option)}
                </option>
            }
        })
        .collect_view();
    let line_rows = rows
        .into_iter()
        .map(|row| {
            let input_id = format!("return-quantity-{}", row.sku);
            let sku = row.sku.clone();
            let name = move || i18n.lang().choose(&row.name_he, &row.name_en).to_owned();
            view! {
                <li class="return-line">
                    <label for=input_id.clone()>
                        <bdi dir="ltr" class="sku">{row.sku.clone()}</bdi>
                        " "
                        <span>{name}</span>
                    </label>
                    <input
                        id=input_id
                        type="number"
                        inputmode="numeric"
                        min="0"
                        max=row.ordered
                        data-testid=format!("return-quantity-{sku}")
                        aria-label=move || (i18n.t().fulfilment.return_quantity_of)(&sku)
                        prop:value=move || row.quantity.get()
                        on:input=move |event| {
                            row.quantity.set(event_target_value(&event));
                            invalid.set(None);
                        }
                    />
                    <span class="muted">"/ " {row.ordered}</span>
                </li>
            }
        })
        .collect_view();

    let (title, submit): (Text, Text) = if by_staff {
        (|t| t.return_title, |t| t.return_confirm)
    } else {
        (|t| t.request_return_title, |t| t.request_send)
    };
    let comment_label: Text = if by_staff {
        |t| t.comment
    } else {
        |t| t.request_message
    };
    let title = title_of(title, order.number.clone());
    view! {
        <StepForm title test_id="return-sheet" submit runner invalid on_submit>
            <div class="field">
                <label for="return-reason">{tr(|t| t.fulfilment.return_reason)}</label>
                <select
                    id="return-reason"
                    data-testid="return-reason"
                    on:change=move |event| {
                        if let Some(chosen) = ReturnReason::parse(&event_target_value(&event)) {
                            reason.set(chosen);
                        }
                    }
                >
                    {reasons}
                </select>
            </div>
            <fieldset class="return-lines">
                <legend>{tr(|t| t.fulfilment.return_lines)}</legend>
                <p class="hint">{tr(|t| t.fulfilment.return_lines_hint)}</p>
                <ul>{line_rows}</ul>
            </fieldset>
            <TextField id="return-comment" label=comment_label value=comment rows=2 invalid />
        </StepForm>
    }
}
