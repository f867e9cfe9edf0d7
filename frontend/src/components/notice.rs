//! A one-line message above a page's content: a success (polite status) or an error
//! (alert, read out at once).

use leptos::prelude::*;

use crate::api::ApiError;
use crate::i18n::{Texts, use_i18n};

#[derive(Clone, Debug)]
pub enum Notice {
    /// A success; the text is chosen when shown, so it follows a language switch.
    Done(fn(&Texts) -> String),
    /// A success that names something, e.g. the e-mail of a new user.
    DoneWith(fn(&Texts, &str) -> String, String),
    Failed(ApiError),
}

#[component]
pub fn NoticeBanner(notice: RwSignal<Option<Notice>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let t = i18n.t();
        notice.get().map(|notice| match notice {
            Notice::Done(text) => view! {
                <p class="notice success" role="status">{text(t)}</p>
            }
            .into_any(),
            Notice::DoneWith(text, value) => view! {
                <p class="notice success" role="status">{text(t, &value)}</p>
            }
            .into_any(),
            Notice::Failed(error) => view! {
                <p class="notice error" role="alert">{t.errors.message(&error)}</p>
            }
            .into_any(),
        })
    }
}
