//! Pieces of two-factor authentication shared by the sign-in and the account page: the
//! new secret to scan (QR code and key), and the recovery codes shown once, with copy
//! and download.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::security::TotpEnrollment;
use crate::components::files::download;
use crate::i18n::tr;

/// The QR code and the key of a new secret.
#[component]
pub fn EnrollmentSecret(enrollment: TotpEnrollment) -> impl IntoView {
    view! {
        <div class="totp-secret" data-testid="totp-enrollment">
            <p>{tr(|t| t.security.scan_qr)}</p>
            <img class="totp-qr" src=enrollment.qr_code alt=tr(|t| t.security.qr_alt) width="200" height="200" />
            <p class="totp-key">
                <span>{tr(|t| t.security.secret_label)}": "</span>
                <code dir="ltr" data-testid="totp-secret">{enrollment.secret}</code>
            </p>
        </div>
    }
}

/// The one-time code field (digits for a TOTP code, letters for a recovery code).
/// `focus` moves the keyboard focus into it when it appears (a step that just opened).
#[component]
pub fn CodeField(
    id: &'static str,
    label: crate::i18n::Text,
    value: RwSignal<String>,
    #[prop(optional)] password_allowed: bool,
    #[prop(optional)] focus: bool,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let described_by = hint_id.clone();
    let input = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if let (true, Some(element)) = (focus, input.get()) {
            let _ = element.focus();
        }
    });
    view! {
        <div class="field">
            <label for=id>{tr(label)}</label>
            <input
                node_ref=input
                id=id
                name="one-time-code"
                type=if password_allowed { "password" } else { "text" }
                dir="ltr"
                autocomplete=if password_allowed { "current-password" } else { "one-time-code" }
                inputmode=if password_allowed { "text" } else { "numeric" }
                aria-describedby=described_by
                required
                bind:value=value
            />
            <small id=hint_id class="muted">{tr(|t| t.security.code_hint)}</small>
        </div>
    }
}

/// Recovery codes, shown once: a list, "Copy" and "Download", and a button that
/// confirms they were kept.
#[component]
pub fn RecoveryCodes(codes: Vec<String>, on_done: Callback<()>) -> impl IntoView {
    let copied = RwSignal::new(false);
    let text = codes.join("\n");
    let copy_text = text.clone();
    let copy = move |_| {
        let clipboard = window().navigator().clipboard();
        let promise = clipboard.write_text(&copy_text);
        spawn_local(async move {
            if wasm_bindgen_futures::JsFuture::from(promise).await.is_ok() {
                copied.try_set(true);
            }
        });
    };
    let save = move |_| {
        let _ = download(
            &format!("{text}\n"),
            "recovery-codes.txt",
            "text/plain;charset=utf-8",
        );
    };
    view! {
        <section class="recovery-codes" aria-labelledby="recovery-codes-title" data-testid="recovery-codes">
            <h2 id="recovery-codes-title">{tr(|t| t.security.recovery_title)}</h2>
            <p>{tr(|t| t.security.recovery_intro)}</p>
            <ol class="recovery-code-list" dir="ltr">
                {codes.into_iter().map(|code| view! { <li><code>{code}</code></li> }).collect_view()}
            </ol>
            <div class="button-row">
                <button type="button" class="button" on:click=copy>{tr(|t| t.security.copy)}</button>
                <button type="button" class="button" on:click=save>{tr(|t| t.security.download)}</button>
                <button type="button" class="button primary" on:click=move |_| on_done.run(()) data-testid="recovery-codes-done">
                    {tr(|t| t.security.saved_them)}
                </button>
            </div>
            <p class="muted" role="status">
                {move || copied.get().then(|| tr(|t| t.security.copied)())}
            </p>
        </section>
    }
}
