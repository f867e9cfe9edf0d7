//! What happened to the last save of a form or a row, in a live region that screen
//! readers announce.

use leptos::prelude::*;

use super::amount::Text;
use crate::api::ApiError;
use crate::i18n::{Texts, use_i18n};

#[derive(Clone, Debug, Default)]
pub enum Feedback {
    #[default]
    Idle,
    Saving,
    Saved(Text),
    /// A success that names what was saved, e.g. a new cost centre.
    SavedNamed(fn(&Texts, &str) -> String, String),
    /// Refused before sending: the field is wrong in a way the server would refuse too.
    Invalid(Text),
    Failed(ApiError),
}

impl Feedback {
    pub fn is_saving(&self) -> bool {
        matches!(self, Feedback::Saving)
    }

    fn state(&self) -> &'static str {
        match self {
            Feedback::Idle => "idle",
            Feedback::Saving => "saving",
            Feedback::Saved(_) | Feedback::SavedNamed(..) => "saved",
            Feedback::Invalid(_) | Feedback::Failed(_) => "error",
        }
    }
}

/// The live region stays in the page while empty, so a later message is announced.
#[component]
pub fn FeedbackText(feedback: RwSignal<Feedback>, test_id: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let text = move || {
        let t = i18n.t();
        match feedback.get() {
            Feedback::Idle => String::new(),
            Feedback::Saving => t.company_rules.saving.to_owned(),
            Feedback::Saved(text) | Feedback::Invalid(text) => text(t).to_owned(),
            Feedback::SavedNamed(text, name) => text(t, &name),
            Feedback::Failed(error) => t.errors.message(&error).to_owned(),
        }
    };
    view! {
        <span
            class="rules-feedback"
            role="status"
            aria-live="polite"
            data-testid=test_id
            data-state=move || feedback.with(Feedback::state)
        >
            {text}
        </span>
    }
}
