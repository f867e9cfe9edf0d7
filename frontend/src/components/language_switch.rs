//! The button that switches between Hebrew and English.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api;
use crate::i18n::use_i18n;
use crate::session::use_session;

#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();

    let switch = move |_| {
        let next = i18n.lang_untracked().other();
        i18n.set_lang(next);
        // Signed-in users keep their choice on the server too, for their next device.
        let Some(mut user) = session.user_untracked() else {
            return;
        };
        spawn_local(async move {
            if api::auth::set_language(next.code()).await.is_ok() {
                user.language = Some(next.code().to_owned());
                session.update_user(user);
            }
        });
    };

    view! {
        <button
            type="button"
            class="button ghost language-switch"
            lang=move || i18n.lang().other().code()
            data-testid="language-switch"
            on:click=switch
        >
            {move || i18n.lang().other().texts().app.language_name}
        </button>
    }
}
