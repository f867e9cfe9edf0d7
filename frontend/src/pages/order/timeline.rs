//! The order's audit trail as a timeline, oldest step first: the status it led to,
//! when, who, and the comment (an approver's note, a rejection's reason).
//!
//! The server writes the reasons for approval into the placing step's comment in
//! English; that step shows them from the order's reasons instead, in the page's
//! language.

use leptos::prelude::*;

use crate::api::orders::{ApprovalReason, OrderEvent};
use crate::components::orders::approval::reason_text;
use crate::components::orders::format;
use crate::components::orders::status::tone;
use crate::i18n::use_i18n;

#[component]
pub fn Timeline(events: Vec<OrderEvent>, reasons: Vec<ApprovalReason>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let t = &i18n.t().orders;
        let steps = events
            .iter()
            .map(|event| {
                let actor = event.actor.as_ref().map(|actor| {
                    view! { <span class="timeline-actor">{(t.by)(&actor.name)}</span> }
                });
                let comment = if event.kind == "PLACED" && !reasons.is_empty() {
                    reasons
                        .iter()
                        .map(|reason| reason_text(t, reason))
                        .collect::<Vec<_>>()
                        .join("; ")
                } else {
                    event.comment.trim().to_owned()
                };
                let comment = (!comment.is_empty()).then(|| {
                    view! { <p class="timeline-comment" data-testid="timeline-comment">{comment}</p> }
                });
                view! {
                    <li
                        class=format!("timeline-step status-{}", tone(event.status))
                        data-testid="timeline-step"
                        data-kind=event.kind.clone()
                        data-status=event.status.as_str()
                    >
                        <span class="timeline-dot" aria-hidden="true"></span>
                        <div class="timeline-body">
                            <p class="timeline-title">
                                <strong>{(t.event_title)(&event.kind, event.status)}</strong>
                            </p>
                            <p class="timeline-meta">
                                <time datetime=event.at.clone()>{format::date_time(&event.at)}</time>
                                {actor}
                            </p>
                            {comment}
                        </div>
                    </li>
                }
            })
            .collect_view();
        view! { <ol class="timeline" data-testid="order-timeline">{steps}</ol> }
    }
}
