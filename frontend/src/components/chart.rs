//! Small SVG charts of our own: a bar chart of a series with axes, and a stacked bar of
//! the parts of a whole. Both scale with their container (a `viewBox`, no fixed
//! width), keep time running left to right in both languages, and show a value three
//! ways: the browser's tooltip on hover (`<title>`), and a read-out line under the
//! chart on hover, tap or keyboard focus (announced politely to screen readers).
//! Keyboard: the chart is one tab stop; arrow keys, Home and End move between bars.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// One bar of a [`BarChart`] or one part of a [`StackedBar`].
#[derive(Clone, Debug, PartialEq)]
pub struct Datum {
    /// The short label under the axis (a bar chart thins them out when crowded).
    pub label: String,
    /// The whole sentence for the read-out and screen readers: "06/01/2026: 3 orders".
    pub description: String,
    pub value: f64,
    /// Extra CSS class of the shape (a stacked bar's colours).
    pub class: &'static str,
}

const WIDTH: f64 = 400.0;
const HEIGHT: f64 = 220.0;
const LEFT: f64 = 44.0;
const RIGHT: f64 = 6.0;
const TOP: f64 = 10.0;
const BOTTOM: f64 = 24.0;
/// At most this many labels under the axis.
const MAX_LABELS: usize = 8;

/// The smallest "round" number (1, 2 or 5 times a power of ten) at or above `value`.
pub fn nice_ceiling(value: f64) -> f64 {
    if value <= 0.0 || !value.is_finite() {
        return 1.0;
    }
    let power = 10f64.powf(value.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|step| step * power)
        .find(|candidate| *candidate >= value)
        .unwrap_or(10.0 * power)
}

/// Which bar the read-out shows, and the keyboard's roving focus.
#[derive(Clone, Copy)]
struct Selection {
    active: RwSignal<Option<usize>>,
    /// The bar that takes the chart's one tab stop.
    focusable: RwSignal<usize>,
}

impl Selection {
    fn new() -> Selection {
        Selection {
            active: RwSignal::new(None),
            focusable: RwSignal::new(0),
        }
    }

    fn select(self, index: usize) {
        self.active.set(Some(index));
        self.focusable.set(index);
    }

    /// Arrow keys, Home and End: focus the bar they lead to (the focus handler selects it).
    fn on_key(self, event: &leptos::ev::KeyboardEvent, index: usize, count: usize) {
        let target = match event.key().as_str() {
            "ArrowRight" | "ArrowUp" => (index + 1).min(count.saturating_sub(1)),
            "ArrowLeft" | "ArrowDown" => index.saturating_sub(1),
            "Home" => 0,
            "End" => count.saturating_sub(1),
            _ => return,
        };
        event.prevent_default();
        let next = event
            .current_target()
            .and_then(|shape| shape.dyn_into::<web_sys::Element>().ok())
            .and_then(|shape| shape.parent_element())
            .and_then(|group| {
                group
                    .query_selector(&format!("[data-index=\"{target}\"]"))
                    .ok()
                    .flatten()
            })
            .and_then(|shape| shape.dyn_into::<web_sys::SvgElement>().ok());
        if let Some(next) = next {
            let _ = next.focus();
        }
    }
}

/// The line under a chart: the selected value, or how to get one.
#[component]
fn Readout(data: Vec<Datum>, active: RwSignal<Option<usize>>, hint: String) -> impl IntoView {
    let text = move || {
        active
            .get()
            .and_then(|index| data.get(index))
            .map_or_else(|| hint.clone(), |datum| datum.description.clone())
    };
    view! {
        <p class="chart-readout" aria-live="polite" data-testid="chart-readout">{text}</p>
    }
}

/// Where a shape sits in the `viewBox`.
#[derive(Clone, Copy)]
struct Place {
    x: f64,
    y: f64,
    width: f64,
    height: f64,
}

/// One focusable shape of a chart (a bar, a part): its value in `<title>`, chosen by
/// hover, tap or focus, moved from by the keys of [`Selection::on_key`].
#[component]
fn Shape(
    datum: Datum,
    /// `chart-bar` or `chart-part`.
    kind: &'static str,
    place: Place,
    index: usize,
    count: usize,
    selection: Selection,
) -> impl IntoView {
    let words = datum.description.clone();
    view! {
        <rect
            class=format!("{kind} {}", datum.class)
            class:active=move || selection.active.get() == Some(index)
            data-index=index
            data-value=datum.value
            x=place.x
            y=place.y
            width=place.width
            height=place.height
            role="img"
            aria-label=words
            tabindex=move || if selection.focusable.get() == index { "0" } else { "-1" }
            on:focus=move |_| selection.select(index)
            on:mouseenter=move |_| selection.select(index)
            on:click=move |_| selection.select(index)
            on:keydown=move |event| selection.on_key(&event, index, count)
        >
            <title>{datum.description}</title>
        </rect>
    }
}

/// A bar per datum over a value axis from 0 (three grid lines, labelled by
/// `format_tick`), labels under the bars.
#[component]
pub fn BarChart(
    data: Vec<Datum>,
    /// The chart's name for screen readers.
    title: String,
    /// What the read-out says before a bar is chosen.
    hint: String,
    format_tick: fn(f64) -> String,
    #[prop(default = "bar-chart")] test_id: &'static str,
) -> impl IntoView {
    let selection = Selection::new();
    let count = data.len();
    let top = nice_ceiling(data.iter().map(|datum| datum.value).fold(0.0, f64::max));
    let plot_width = WIDTH - LEFT - RIGHT;
    let plot_height = HEIGHT - TOP - BOTTOM;
    let slot = plot_width / count.max(1) as f64;
    let bar_width = (slot * 0.7).max(1.0);
    let y_of = move |value: f64| TOP + plot_height * (1.0 - value / top);
    let label_every = count.div_ceil(MAX_LABELS).max(1);

    let grid = [0.0, 0.5, 1.0]
        .into_iter()
        .map(|share| {
            let value = top * share;
            let y = y_of(value);
            view! {
                <line class="chart-gridline" x1=LEFT x2=WIDTH - RIGHT y1=y y2=y />
                <text class="chart-tick" x=LEFT - 4.0 y=y + 4.0 text-anchor="end">
                    {format_tick(value)}
                </text>
            }
        })
        .collect_view();
    let labels = data
        .iter()
        .enumerate()
        .filter(|(index, _)| index % label_every == 0)
        .map(|(index, datum)| {
            let x = LEFT + slot * (index as f64 + 0.5);
            view! {
                <text class="chart-label" x=x y=HEIGHT - 6.0 text-anchor="middle">
                    {datum.label.clone()}
                </text>
            }
        })
        .collect_view();
    let bars = data
        .iter()
        .enumerate()
        .map(|(index, datum)| {
            let y = y_of(datum.value);
            let place = Place {
                x: LEFT + slot * index as f64 + (slot - bar_width) / 2.0,
                y,
                width: bar_width,
                height: (TOP + plot_height - y).max(0.0),
            };
            let datum = datum.clone();
            view! { <Shape datum kind="chart-bar" place index count selection /> }
        })
        .collect_view();

    view! {
        <figure class="chart" data-testid=test_id>
            <svg
                class="chart-svg"
                viewBox=format!("0 0 {WIDTH} {HEIGHT}")
                role="group"
                aria-label=title
                dir="ltr"
            >
                {grid}
                <line class="chart-axis" x1=LEFT x2=WIDTH - RIGHT y1=TOP + plot_height y2=TOP + plot_height />
                {labels}
                <g class="chart-bars">{bars}</g>
            </svg>
            <Readout data active=selection.active hint />
        </figure>
    }
}

/// The parts of a whole side by side in one bar, each as wide as its share (parts of
/// zero are left out). The legend is the caller's.
#[component]
pub fn StackedBar(
    data: Vec<Datum>,
    title: String,
    hint: String,
    #[prop(default = "stacked-bar")] test_id: &'static str,
) -> impl IntoView {
    const BAR_HEIGHT: f64 = 28.0;
    let selection = Selection::new();
    let parts: Vec<Datum> = data.into_iter().filter(|part| part.value > 0.0).collect();
    let count = parts.len();
    let total: f64 = parts.iter().map(|part| part.value).sum();
    let mut x = 0.0;
    let shapes = parts
        .iter()
        .enumerate()
        .map(|(index, part)| {
            let width = if total > 0.0 {
                WIDTH * part.value / total
            } else {
                0.0
            };
            let place = Place {
                x,
                y: 0.0,
                width,
                height: BAR_HEIGHT,
            };
            x += width;
            let datum = part.clone();
            view! { <Shape datum kind="chart-part" place index count selection /> }
        })
        .collect_view();
    view! {
        <figure class="chart stacked" data-testid=test_id>
            <svg
                class="chart-svg"
                viewBox=format!("0 0 {WIDTH} {BAR_HEIGHT}")
                preserveAspectRatio="none"
                role="group"
                aria-label=title
                dir="ltr"
            >
                <g class="chart-bars">{shapes}</g>
            </svg>
            <Readout data=parts active=selection.active hint />
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::nice_ceiling;

    #[test]
    fn the_axis_ends_at_a_round_number_at_or_above_the_largest_value() {
        assert_eq!(nice_ceiling(0.0), 1.0);
        assert_eq!(nice_ceiling(3.0), 5.0);
        assert_eq!(nice_ceiling(10.0), 10.0);
        assert_eq!(nice_ceiling(11.0), 20.0);
        assert_eq!(nice_ceiling(7_300.0), 10_000.0);
        assert_eq!(nice_ceiling(0.3), 0.5);
    }
}
