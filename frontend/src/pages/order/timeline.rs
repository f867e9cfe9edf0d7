//! The order's audit trail as a timeline, oldest step first: the status it led to,
//! when, who, and the comment (an approver's note, a rejection's reason).

use leptos::prelude::*;

use crate::api::orders::OrderEvent;
use crate::components::orders::format;
use crate::components::orders::status::tone;
use crate::i18n::use_i18n;

#[component]
pub fn Timeline(events: Vec<OrderEvent>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let t = &i18n.t().orders;
        let steps = events
            .iter()
            .map(|event| {
                let actor = event.actor.as_ref().map(|actor| {
                    view! { <span class="timeline-actor">{(t.by)(&actor.name)}</span> }
                });
                let comment = (!event.comment.trim().is_empty()).then(|| {
                    view! { <p class="timeline-comment" data-testid="timeline-comment">{event.comment.clone()}</p> }
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
