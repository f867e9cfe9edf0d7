//! The period picker: presets (7, 30, 90 days, a year, all ending today) and a custom
//! from/to. Days are UTC days, as the server counts them.

use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::i18n::{Text, tr, use_i18n};

/// The days shown: `YYYY-MM-DD`, both included.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Period {
    pub from: String,
    pub to: String,
}

/// The presets, by their length in days.
const PRESETS: [(u32, Text); 4] = [
    (7, |t| t.dashboard.last_7_days),
    (30, |t| t.dashboard.last_30_days),
    (90, |t| t.dashboard.last_90_days),
    (365, |t| t.dashboard.last_year),
];

pub const DEFAULT_DAYS: u32 = 30;

const MILLISECONDS_PER_DAY: f64 = 86_400_000.0;

/// Today (UTC) minus `days_back` days, as `YYYY-MM-DD`.
fn utc_day(days_back: u32) -> String {
    let then = js_sys::Date::now() - f64::from(days_back) * MILLISECONDS_PER_DAY;
    js_sys::Date::new(&JsValue::from_f64(then))
        .to_iso_string()
        .as_string()
        .unwrap_or_default()
        .chars()
        .take(10)
        .collect()
}

/// The `days` days ending today.
pub fn last_days(days: u32) -> Period {
    Period {
        from: utc_day(days.saturating_sub(1)),
        to: utc_day(0),
    }
}

/// `dd/mm/yyyy` of a `YYYY-MM-DD` day (the text as is when it is not one).
pub fn day_text(day: &str) -> String {
    match day.split('-').collect::<Vec<_>>().as_slice() {
        [year, month, date] => format!("{date}/{month}/{year}"),
        _ => day.to_owned(),
    }
}

/// `dd/mm` of a `YYYY-MM-DD` day, for axis labels.
pub fn short_day_text(day: &str) -> String {
    day_text(day).chars().take(5).collect()
}

/// Whether `text` is a day the date input can produce.
fn is_day(text: &str) -> bool {
    !js_sys::Date::new(&JsValue::from_str(text))
        .get_time()
        .is_nan()
        && text.len() == 10
}

#[component]
pub fn PeriodPicker(period: RwSignal<Period>) -> impl IntoView {
    let i18n = use_i18n();
    // The preset in use, `None` for a custom period.
    let preset = RwSignal::new(Some(DEFAULT_DAYS));
    let custom_open = RwSignal::new(false);
    let from = RwSignal::new(period.get_untracked().from);
    let to = RwSignal::new(period.get_untracked().to);
    let problem = RwSignal::new(None::<Text>);

    let presets = PRESETS
        .into_iter()
        .map(|(days, label)| {
            view! {
                <button
                    type="button"
                    class="button small period-preset"
                    aria-pressed=move || (preset.get() == Some(days)).to_string()
                    data-testid=format!("period-{days}")
                    on:click=move |_| {
                        preset.set(Some(days));
                        custom_open.set(false);
                        problem.set(None);
                        let chosen = last_days(days);
                        from.set(chosen.from.clone());
                        to.set(chosen.to.clone());
                        period.set(chosen);
                    }
                >
                    {tr(label)}
                </button>
            }
        })
        .collect_view();

    let apply = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let (first, last) = (from.get_untracked(), to.get_untracked());
        if !is_day(&first) || !is_day(&last) {
            problem.set(Some(|t| t.dashboard.missing_dates));
        } else if last < first {
            problem.set(Some(|t| t.dashboard.reversed_period));
        } else {
            problem.set(None);
            preset.set(None);
            period.set(Period {
                from: first,
                to: last,
            });
        }
    };

    view! {
        <div class="period-picker card" role="group" aria-label=tr(|t| t.dashboard.period)>
            <div class="period-presets">
                {presets}
                <button
                    type="button"
                    class="button small period-preset"
                    aria-expanded=move || custom_open.get().to_string()
                    aria-controls="period-custom"
                    aria-pressed=move || preset.get().is_none().to_string()
                    data-testid="period-custom"
                    on:click=move |_| custom_open.update(|open| *open = !*open)
                >
                    {tr(|t| t.dashboard.custom)}
                </button>
            </div>
            <form
                id="period-custom"
                class="period-custom"
                hidden=move || !custom_open.get()
                on:submit=apply
            >
                <div class="field">
                    <label for="period-from">{tr(|t| t.dashboard.from)}</label>
                    <input id="period-from" type="date" data-testid="period-from" bind:value=from />
                </div>
                <div class="field">
                    <label for="period-to">{tr(|t| t.dashboard.to)}</label>
                    <input id="period-to" type="date" data-testid="period-to" bind:value=to />
                </div>
                <button type="submit" class="button primary small" data-testid="period-apply">
                    {tr(|t| t.dashboard.apply)}
                </button>
                {move || {
                    problem
                        .get()
                        .map(|text| {
                            view! {
                                <p class="form-error" role="alert" data-testid="period-error">
                                    {move || text(i18n.t())}
                                </p>
                            }
                        })
                }}
            </form>
            <p class="muted period-showing" data-testid="period-showing">
                {move || {
                    let shown = period.get();
                    (i18n.t().dashboard.showing)(&day_text(&shown.from), &day_text(&shown.to))
                }}
            </p>
        </div>
    }
}
