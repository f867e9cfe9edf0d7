//! The order's workflow panel: the steps the caller may take now (the server's
//! `availableActions`) as buttons. Confirm, pick, pack and invoice are one click; a
//! step that needs details (carrier and tracking, a reason, returned lines) or that
//! cannot be undone (cancel) opens a sheet first.
//!
//! The [`StepRunner`] lives as long as the page, not as long as one rendering of the
//! order: a live change of the order while a sheet is open keeps the sheet and what
//! was typed in it.

use std::future::Future;

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::Role;

use super::LiveOrder;
use crate::api::fulfilment::{OrderAction, move_order};
use crate::api::orders::Order;
use crate::api::{ApiError, ErrorCode};
use crate::i18n::{tr, use_i18n};
use crate::session::use_session;

/// The sheet open on the page, if any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OpenSheet {
    Step(OrderAction),
    /// Declining the customer's request of this id.
    Decline(String),
}

/// One step at a time: whether one is on its way, its error, the open sheet.
#[derive(Clone, Copy)]
pub struct StepRunner {
    pub busy: RwSignal<bool>,
    pub error: RwSignal<Option<ApiError>>,
    pub sheet: RwSignal<Option<OpenSheet>>,
    live: LiveOrder,
}

impl StepRunner {
    pub fn new(live: LiveOrder) -> StepRunner {
        StepRunner {
            busy: RwSignal::new(false),
            error: RwSignal::new(None),
            sheet: RwSignal::new(None),
            live,
        }
    }

    pub fn order_id(self) -> String {
        self.live.id()
    }

    pub fn open(self, sheet: OpenSheet) {
        self.error.set(None);
        self.sheet.set(Some(sheet));
    }

    pub fn close(self) {
        self.error.set(None);
        self.sheet.set(None);
    }

    /// Sends a step; its answer is the order's new state. A refusal because the order
    /// moved on meanwhile reads the order again, so the page shows why.
    pub fn run(self, request: impl Future<Output = Result<Order, ApiError>> + 'static) {
        if self.busy.get_untracked() {
            return;
        }
        self.busy.set(true);
        self.error.set(None);
        spawn_local(async move {
            let result = request.await;
            self.busy.try_set(false);
            match result {
                Ok(order) => {
                    self.sheet.try_set(None);
                    self.live.take(order);
                    focus_order_page();
                }
                Err(error) => {
                    if matches!(
                        error.code(),
                        Some(
                            ErrorCode::Conflict
                                | ErrorCode::InvalidTransition
                                | ErrorCode::NotFound
                        )
                    ) {
                        self.live.load(true);
                    }
                    self.error.try_set(Some(error));
                }
            }
        });
    }
}

/// After a step the buttons change: keyboard users continue from the top of the order
/// (the new status is announced by the page's live region).
fn focus_order_page() {
    request_animation_frame(|| {
        if let Some(heading) = document().get_element_by_id(super::PAGE_ID)
            && let Ok(heading) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(heading)
        {
            let _ = heading.focus();
        }
    });
}

/// The buttons of the steps the caller may take now, and the error of the last one
/// (a sheet shows its own).
#[component]
pub fn StepButtons(order: Order, runner: StepRunner) -> impl IntoView {
    let i18n = use_i18n();
    let staff = use_session().role() == Some(Role::SupplierStaff);
    let actions: Vec<OrderAction> = order
        .available_actions
        .iter()
        .copied()
        .filter(|action| *action != OrderAction::Unknown)
        .collect();
    if actions.is_empty() {
        return None;
    }
    let buttons = actions
        .into_iter()
        .map(|action| {
            let destructive = matches!(action, OrderAction::Cancel);
            let class = if destructive {
                "button danger-outline"
            } else if action.is_one_click() {
                "button primary"
            } else {
                "button"
            };
            let on_click = move |_| {
                if action.is_one_click() {
                    let id = runner.order_id();
                    runner.run(async move { move_order(&id, action, "").await });
                } else {
                    runner.open(OpenSheet::Step(action));
                }
            };
            view! {
                <button
                    type="button"
                    class=class
                    data-testid=format!("action-{}", action.as_str().to_lowercase().replace('_', "-"))
                    aria-haspopup=(!action.is_one_click()).then_some("dialog")
                    disabled=move || runner.busy.get()
                    on:click=on_click
                >
                    {move || (i18n.t().fulfilment.action)(action)}
                </button>
            }
        })
        .collect_view();
    let error = move || {
        runner
            .error
            .get()
            .filter(|_| runner.sheet.get().is_none())
            .map(|error| {
                view! {
                    <p class="notice error" role="alert" data-testid="step-error">
                        {move || i18n.t().errors.message(&error)}
                    </p>
                }
            })
    };
    let (heading, intro) = if staff {
        (tr(|t| t.fulfilment.staff_heading), None)
    } else {
        (
            tr(|t| t.fulfilment.customer_heading),
            Some(view! { <p class="muted">{tr(|t| t.fulfilment.customer_intro)}</p> }),
        )
    };
    Some(view! {
        <section class="card order-section workflow" data-testid="workflow">
            <h2>{heading}</h2>
            {intro}
            <div class="workflow-actions" role="group" aria-busy=move || runner.busy.get().to_string()>
                {buttons}
            </div>
            {error}
        </section>
    })
}
