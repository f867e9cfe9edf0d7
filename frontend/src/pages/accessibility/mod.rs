//! The accessibility statement (`/accessibility`), open with or without a session, as
//! Israeli Standard 5568 expects of a commercial site.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::language_switch::LanguageSwitch;
use crate::components::skip_link::SkipLink;
use crate::i18n::{tr, use_i18n};

#[component]
pub fn AccessibilityPage() -> impl IntoView {
    let i18n = use_i18n();
    let list = |items: &'static [&'static str]| {
        items
            .iter()
            .map(|item| view! { <li>{*item}</li> })
            .collect_view()
    };
    let statement = move || {
        let t = &i18n.t().accessibility;
        view! {
            <h1>{t.title}</h1>
            <p class="lead">{t.intro}</p>
            <h2>{t.standard_title}</h2>
            <p>{t.standard_text}</p>
            <h2>{t.supported_title}</h2>
            <ul>{list(t.supported)}</ul>
            <h2>{t.limitations_title}</h2>
            <ul>{list(t.limitations)}</ul>
            <h2>{t.contact_title}</h2>
            <p>
                {t.contact_text} " "
                <a href=format!("mailto:{}", t.contact_email) dir="ltr">
                    {t.contact_email}
                </a>
            </p>
            <p class="muted">
                {t.last_checked_label} " " <span dir="ltr">{t.last_checked_date}</span>
            </p>
            <A href="/" attr:class="button">
                {t.back}
            </A>
        }
    };

    view! {
        <div class="auth-page">
            <SkipLink />
            <header class="auth-bar">
                <A href="/" attr:class="brand">
                    <span class="brand-mark" aria-hidden="true">"◆"</span>
                    {tr(|t| t.app.product_name)}
                </A>
                <LanguageSwitch />
            </header>
            <main id="main" class="auth-main" tabindex="-1">
                <article class="card statement" data-testid="accessibility-page">
                    {statement}
                </article>
            </main>
        </div>
    }
}
