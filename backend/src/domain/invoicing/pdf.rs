//! PDF documents: invoices, credit notes and account statements, rendered with krilla
//! from the stored rows, in Hebrew and English, right to left.
//!
//! Hebrew needs three things a plain PDF writer does not do:
//! - **a font with Hebrew glyphs, embedded**: DejaVu Sans (Latin, Hebrew and ₪ in one
//!   file; Bitstream Vera licence, `assets/fonts/LICENSE-DejaVu.txt`) is compiled into
//!   the binary with `include_bytes!`, and krilla embeds the subset a document uses;
//! - **bidi reordering**: each line is split into runs by the Unicode bidirectional
//!   algorithm (`unicode-bidi`) and the runs are laid out in visual order, so Hebrew
//!   reads right to left while numbers, SKUs and English inside it read left to right;
//! - **shaping per run** (`rustybuzz`, in the run's direction, which also mirrors
//!   brackets), with the glyphs drawn by krilla's `draw_glyphs`, which keeps each
//!   glyph's text so that copying or extracting the text gives the logical order.
//!
//! The layout is the document's own: a right-to-left page (the supplier top right,
//! table columns from right to left), a table that continues on new pages with its
//! header repeated, and totals under it.

use std::ops::Range;

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, GlyphId, KrillaGlyph};
use krilla::{Data, Document};
use rustybuzz::{Direction, UnicodeBuffer};
use shared::Money;
use unicode_bidi::BidiInfo;

use super::{CreditNote, Invoice};
use crate::domain::DomainError;
use crate::domain::ledger::{EntryKind, Ledger};

static REGULAR: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");

const PAGE_WIDTH: f32 = 595.0;
const PAGE_HEIGHT: f32 = 842.0;
const MARGIN: f32 = 40.0;
const ROW_HEIGHT: f32 = 16.0;
/// The issuer's column, top right; the title and number take the rest, top left.
const ISSUER_WIDTH: f32 = 300.0;

/// Where a piece of text is anchored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// How a piece of text is drawn.
#[derive(Clone, Copy, Debug)]
struct Style {
    size: f32,
    bold: bool,
    align: Align,
}

impl Style {
    fn new(size: f32, bold: bool, align: Align) -> Style {
        Style { size, bold, align }
    }
}

/// A column of the document's table; columns are listed from right to left.
#[derive(Clone, Debug)]
pub struct Column {
    pub header: String,
    pub width: f32,
    pub align: Align,
}

/// Everything a document shows, independent of the PDF machinery.
#[derive(Clone, Debug, Default)]
pub struct Printable {
    /// "חשבונית מס / Tax invoice".
    pub title: String,
    pub number: String,
    /// The issuer, top right: name first.
    pub issuer: Vec<String>,
    /// The addressee, under the issuer: heading first.
    pub addressee: Vec<String>,
    /// Label and value pairs, top left (dates, terms, the order).
    pub facts: Vec<(String, String)>,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<String>>,
    /// Label and value pairs under the table (subtotal, VAT, total).
    pub totals: Vec<(String, String)>,
    pub footer: Vec<String>,
}

struct Fonts {
    regular: Font,
    bold: Font,
    regular_face: rustybuzz::Face<'static>,
    bold_face: rustybuzz::Face<'static>,
}

impl Fonts {
    fn load() -> Result<Fonts, DomainError> {
        let missing = || DomainError::internal(anyhow::anyhow!("the embedded font cannot be read"));
        Ok(Fonts {
            regular: Font::new(Data::from(REGULAR), 0).ok_or_else(missing)?,
            bold: Font::new(Data::from(BOLD), 0).ok_or_else(missing)?,
            regular_face: rustybuzz::Face::from_slice(REGULAR, 0).ok_or_else(missing)?,
            bold_face: rustybuzz::Face::from_slice(BOLD, 0).ok_or_else(missing)?,
        })
    }

    fn pick(&self, bold: bool) -> (&Font, &rustybuzz::Face<'static>) {
        if bold {
            (&self.bold, &self.bold_face)
        } else {
            (&self.regular, &self.regular_face)
        }
    }
}

/// One bidi run of a line, shaped: its text, its glyphs in visual order, its width.
struct ShapedRun {
    text: String,
    glyphs: Vec<KrillaGlyph>,
    /// In units of the font size (multiply by the size for points).
    width: f32,
}

/// Shapes `text` in `direction` (as krilla's own simple shaper does, per run).
fn shape_run(face: &rustybuzz::Face<'static>, text: &str, right_to_left: bool) -> ShapedRun {
    let mut buffer = UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.set_direction(if right_to_left {
        Direction::RightToLeft
    } else {
        Direction::LeftToRight
    });
    buffer.guess_segment_properties();
    let output = rustybuzz::shape(face, &[], buffer);
    let units = face.units_per_em() as f32;
    let infos = output.glyph_infos();
    let positions = output.glyph_positions();
    let mut glyphs = Vec::with_capacity(infos.len());
    let mut width = 0.0;
    for (index, (info, position)) in infos.iter().zip(positions).enumerate() {
        let start = info.cluster as usize;
        // The cluster's text ends where the next cluster (in logical order) starts.
        let end = if right_to_left {
            infos[..index]
                .iter()
                .rev()
                .map(|other| other.cluster as usize)
                .find(|cluster| *cluster > start)
                .unwrap_or(text.len())
        } else {
            infos[index + 1..]
                .iter()
                .map(|other| other.cluster as usize)
                .find(|cluster| *cluster > start)
                .unwrap_or(text.len())
        };
        let advance = position.x_advance as f32 / units;
        width += advance;
        glyphs.push(KrillaGlyph::new(
            GlyphId::new(info.glyph_id),
            advance,
            position.x_offset as f32 / units,
            position.y_offset as f32 / units,
            position.y_advance as f32 / units,
            Range { start, end },
            None,
        ));
    }
    ShapedRun {
        text: text.to_owned(),
        glyphs,
        width,
    }
}

/// The runs of one line in visual order (left to right on the page). A line whose
/// first strong character is Hebrew is a right-to-left paragraph; one without any
/// (a number, an amount) reads left to right.
fn layout_line(face: &rustybuzz::Face<'static>, text: &str) -> Vec<ShapedRun> {
    if text.is_empty() {
        return Vec::new();
    }
    let bidi = BidiInfo::new(text, None);
    let Some(paragraph) = bidi.paragraphs.first() else {
        return Vec::new();
    };
    let (levels, runs) = bidi.visual_runs(paragraph, paragraph.range.clone());
    runs.into_iter()
        .map(|run| {
            let right_to_left = levels[run.start].is_rtl();
            shape_run(face, &text[run], right_to_left)
        })
        .collect()
}

fn line_width(runs: &[ShapedRun]) -> f32 {
    runs.iter().map(|run| run.width).sum()
}

struct Writer<'a> {
    fonts: &'a Fonts,
}

impl Writer<'_> {
    fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        let (_, face) = self.fonts.pick(bold);
        line_width(&layout_line(face, text)) * size
    }

    /// `text` shortened with an ellipsis until it fits in `max_width`.
    fn fit(&self, text: &str, size: f32, bold: bool, max_width: f32) -> String {
        if self.width(text, size, bold) <= max_width {
            return text.to_owned();
        }
        let mut chars: Vec<char> = text.chars().collect();
        while !chars.is_empty() {
            chars.pop();
            let candidate: String = chars.iter().collect::<String>().trim_end().to_owned() + "…";
            if self.width(&candidate, size, bold) <= max_width {
                return candidate;
            }
        }
        String::new()
    }

    /// Draws one line with its baseline at `y`; `x` is its left edge (`Align::Left`)
    /// or its right edge (`Align::Right`).
    fn text(&self, surface: &mut Surface, (x, y): (f32, f32), text: &str, style: Style) {
        let Style { size, bold, align } = style;
        let (font, face) = self.fonts.pick(bold);
        let runs = layout_line(face, text);
        let mut cursor = match align {
            Align::Left => x,
            Align::Right => x - line_width(&runs) * size,
        };
        for run in runs {
            surface.draw_glyphs(
                Point::from_xy(cursor, y),
                &run.glyphs,
                font.clone(),
                &run.text,
                size,
                false,
            );
            cursor += run.width * size;
        }
    }

    fn rule(&self, surface: &mut Surface, y: f32, from: f32, to: f32) {
        let mut builder = PathBuilder::new();
        builder.move_to(from, y);
        builder.line_to(to, y);
        if let Some(path) = builder.finish() {
            surface.set_fill(None);
            surface.set_stroke(Some(Stroke {
                paint: rgb::Color::new(140, 140, 140).into(),
                width: 0.6,
                ..Default::default()
            }));
            surface.draw_path(&path);
            surface.set_stroke(None);
            surface.set_fill(Some(Fill::default()));
        }
    }
}

/// Renders `document` as PDF bytes.
pub fn render(document: &Printable) -> Result<Vec<u8>, DomainError> {
    render_pages(document).map(|(bytes, _)| bytes)
}

/// Renders `document`; also tells how many pages it took.
fn render_pages(document: &Printable) -> Result<(Vec<u8>, usize), DomainError> {
    let fonts = Fonts::load()?;
    let writer = Writer { fonts: &fonts };
    let mut pdf = Document::new();
    let settings = || {
        PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT)
            .ok_or_else(|| DomainError::internal(anyhow::anyhow!("bad page size")))
    };
    let right = PAGE_WIDTH - MARGIN;
    let left = MARGIN;
    let bottom = PAGE_HEIGHT - MARGIN - 30.0;
    let mut row_index = 0;
    let mut page_number = 0;
    loop {
        page_number += 1;
        let mut page = pdf.start_page_with(settings()?);
        let mut surface = page.surface();
        surface.set_fill(Some(Fill::default()));
        let mut y = MARGIN + 14.0;
        // The issuer, top right; the title and number, top left.
        for (index, line) in document.issuer.iter().enumerate() {
            let (size, bold) = if index == 0 {
                (12.0, true)
            } else {
                (9.0, false)
            };
            // The right column leaves the left one to the title.
            let line = writer.fit(line, size, bold, ISSUER_WIDTH);
            writer.text(
                &mut surface,
                (right, y),
                &line,
                Style::new(size, bold, Align::Right),
            );
            y += if index == 0 { 16.0 } else { 12.0 };
        }
        let title_width = right - left - ISSUER_WIDTH - 12.0;
        let title = writer.fit(&document.title, 15.0, true, title_width);
        writer.text(
            &mut surface,
            (left, MARGIN + 14.0),
            &title,
            Style::new(15.0, true, Align::Left),
        );
        let number = writer.fit(&document.number, 13.0, true, title_width);
        writer.text(
            &mut surface,
            (left, MARGIN + 34.0),
            &number,
            Style::new(13.0, true, Align::Left),
        );
        y = y.max(MARGIN + 48.0) + 8.0;
        writer.rule(&mut surface, y, left, right);
        y += 16.0;
        if page_number == 1 {
            // The addressee on the right, the facts on the left.
            let mut addressee_y = y;
            for (index, line) in document.addressee.iter().enumerate() {
                writer.text(
                    &mut surface,
                    (right, addressee_y),
                    line,
                    Style::new(10.0, index == 1, Align::Right),
                );
                addressee_y += 13.0;
            }
            let mut facts_y = y;
            for (label, value) in &document.facts {
                writer.text(
                    &mut surface,
                    (left, facts_y),
                    label,
                    Style::new(9.0, false, Align::Left),
                );
                writer.text(
                    &mut surface,
                    (left + 230.0, facts_y),
                    value,
                    Style::new(9.0, true, Align::Right),
                );
                facts_y += 13.0;
            }
            y = addressee_y.max(facts_y) + 8.0;
        }
        // The table header (repeated on every page).
        writer.rule(&mut surface, y, left, right);
        y += 12.0;
        let mut x = right;
        for column in &document.columns {
            let anchor = match column.align {
                Align::Right => x - 3.0,
                Align::Left => x - column.width + 3.0,
            };
            let header = writer.fit(&column.header, 8.5, true, column.width - 6.0);
            writer.text(
                &mut surface,
                (anchor, y),
                &header,
                Style::new(8.5, true, column.align),
            );
            x -= column.width;
        }
        y += 5.0;
        writer.rule(&mut surface, y, left, right);
        y += ROW_HEIGHT - 4.0;
        while row_index < document.rows.len() && y <= bottom {
            let mut x = right;
            for (column, cell) in document.columns.iter().zip(&document.rows[row_index]) {
                let anchor = match column.align {
                    Align::Right => x - 3.0,
                    Align::Left => x - column.width + 3.0,
                };
                let cell = writer.fit(cell, 8.5, false, column.width - 6.0);
                writer.text(
                    &mut surface,
                    (anchor, y),
                    &cell,
                    Style::new(8.5, false, column.align),
                );
                x -= column.width;
            }
            y += ROW_HEIGHT;
            row_index += 1;
        }
        let done = row_index >= document.rows.len();
        let needed =
            20.0 + 15.0 * document.totals.len() as f32 + 13.0 * document.footer.len() as f32;
        // The totals go under the last row, or on a page of their own.
        let totals_fit = done && y + needed <= bottom + 30.0;
        if totals_fit {
            writer.rule(&mut surface, y - ROW_HEIGHT + 5.0, left, right);
            y += 6.0;
            for (index, (label, value)) in document.totals.iter().enumerate() {
                let bold = index + 1 == document.totals.len();
                writer.text(
                    &mut surface,
                    (left + 120.0, y),
                    label,
                    Style::new(10.0, bold, Align::Left),
                );
                writer.text(
                    &mut surface,
                    (left + 110.0, y),
                    value,
                    Style::new(10.0, bold, Align::Right),
                );
                y += 15.0;
            }
            y += 8.0;
            for line in &document.footer {
                writer.text(
                    &mut surface,
                    (right, y),
                    line,
                    Style::new(8.5, false, Align::Right),
                );
                y += 13.0;
            }
        }
        writer.text(
            &mut surface,
            (PAGE_WIDTH / 2.0, PAGE_HEIGHT - MARGIN + 10.0),
            &format!("{} · {page_number}", document.number),
            Style::new(7.5, false, Align::Left),
        );
        surface.finish();
        page.finish();
        if totals_fit {
            break;
        }
        if page_number > 500 {
            return Err(DomainError::internal(anyhow::anyhow!(
                "the document has too many pages"
            )));
        }
    }
    let bytes = pdf.finish().map_err(|error| {
        DomainError::internal(anyhow::anyhow!("PDF rendering failed: {error:?}"))
    })?;
    Ok((bytes, page_number))
}

/// `23/11/2026`: how dates are written in Israel.
fn date(day: chrono::NaiveDate) -> String {
    day.format("%d/%m/%Y").to_string()
}

fn amount(value: Money) -> String {
    value.format_ils()
}

fn line_columns() -> Vec<Column> {
    let column = |header: &str, width: f32, align: Align| Column {
        header: header.to_owned(),
        width,
        align,
    };
    vec![
        column("#", 24.0, Align::Right),
        column("מק״ט SKU", 80.0, Align::Right),
        column("תיאור Description", 191.0, Align::Right),
        column("כמות Qty", 50.0, Align::Left),
        column("מחיר Price", 85.0, Align::Left),
        column("סה״כ Total", 85.0, Align::Left),
    ]
}

fn line_rows(lines: &[super::DocumentLine]) -> Vec<Vec<String>> {
    lines
        .iter()
        .map(|line| {
            vec![
                line.position.to_string(),
                line.sku.clone(),
                line.name_he.clone(),
                line.quantity.to_string(),
                amount(line.unit_price),
                amount(line.line_total),
            ]
        })
        .collect()
}

/// The printable invoice.
pub fn invoice(invoice: &Invoice, order_number: &str) -> Printable {
    let mut addressee = vec!["לכבוד / Bill to".to_owned(), invoice.customer_name.clone()];
    if let Some(vat) = &invoice.customer_vat_number {
        addressee.push(format!("ח.פ. / VAT no. {vat}"));
    }
    Printable {
        title: "חשבונית מס / Tax invoice".to_owned(),
        number: invoice.number.clone(),
        issuer: vec![
            invoice.supplier.name.clone(),
            format!("ע.מ. / VAT no. {}", invoice.supplier.vat_number),
            invoice.supplier.address.clone(),
        ],
        addressee,
        facts: vec![
            ("תאריך / Date".to_owned(), date(invoice.issue_date)),
            ("לתשלום עד / Due".to_owned(), date(invoice.due_date)),
            (
                "תנאי תשלום / Terms".to_owned(),
                invoice.payment_terms.clone(),
            ),
            ("הזמנה / Order".to_owned(), order_number.to_owned()),
            ("מטבע / Currency".to_owned(), invoice.currency.clone()),
        ],
        columns: line_columns(),
        rows: line_rows(&invoice.lines),
        totals: vec![
            (
                "סה״כ לפני מע״מ / Subtotal".to_owned(),
                amount(invoice.subtotal),
            ),
            (
                format!("מע״מ / VAT {}%", invoice.vat_rate_percent),
                amount(invoice.vat),
            ),
            ("סה״כ לתשלום / Total".to_owned(), amount(invoice.total)),
        ],
        footer: vec![
            format!(
                "תנאי תשלום {}: לתשלום עד {} / Payment terms {}: due {}",
                invoice.payment_terms,
                date(invoice.due_date),
                invoice.payment_terms,
                date(invoice.due_date)
            ),
            "מסמך ממוחשב / Computer-generated document".to_owned(),
        ],
    }
}

/// The printable credit note.
pub fn credit_note(note: &CreditNote, invoice: &Invoice, order_number: &str) -> Printable {
    let reason = match note.reason {
        super::CreditReason::Cancelled => "ביטול הזמנה / Order cancelled",
        super::CreditReason::WrongItem => "פריט שגוי / Wrong item",
        super::CreditReason::Damaged => "פגום / Damaged",
        super::CreditReason::Other => "אחר / Other",
    };
    let mut document = self::invoice(invoice, order_number);
    document.title = "חשבונית זיכוי / Credit note".to_owned();
    document.number = note.number.clone();
    document.facts = vec![
        ("תאריך / Date".to_owned(), date(note.issue_date)),
        ("לחשבונית / Invoice".to_owned(), invoice.number.clone()),
        ("הזמנה / Order".to_owned(), order_number.to_owned()),
        ("סיבה / Reason".to_owned(), reason.to_owned()),
    ];
    document.rows = line_rows(&note.lines);
    document.totals = vec![
        (
            "זיכוי לפני מע״מ / Subtotal".to_owned(),
            amount(note.subtotal),
        ),
        (
            format!("מע״מ / VAT {}%", invoice.vat_rate_percent),
            amount(note.vat),
        ),
        ("סה״כ זיכוי / Total credit".to_owned(), amount(note.total)),
    ];
    document.footer = if note.comment.is_empty() {
        vec!["מסמך ממוחשב / Computer-generated document".to_owned()]
    } else {
        vec![
            format!("הערה / Comment: {}", note.comment),
            "מסמך ממוחשב / Computer-generated document".to_owned(),
        ]
    };
    document
}

/// The printable account statement.
pub fn statement(
    ledger: &Ledger,
    supplier: &super::SupplierDetails,
    today: chrono::NaiveDate,
) -> Printable {
    let kind = |kind: EntryKind| match kind {
        EntryKind::Invoice => "חשבונית / Invoice",
        EntryKind::CreditNote => "זיכוי / Credit note",
        EntryKind::Payment => "תשלום / Payment",
    };
    let column = |header: &str, width: f32, align: Align| Column {
        header: header.to_owned(),
        width,
        align,
    };
    let period = match (ledger.from, ledger.to) {
        (Some(from), Some(to)) => format!("{} – {}", date(from), date(to)),
        (Some(from), None) => format!("{} –", date(from)),
        (None, Some(to)) => format!("– {}", date(to)),
        (None, None) => "הכול / All".to_owned(),
    };
    let mut rows = vec![vec![
        String::new(),
        "יתרת פתיחה / Opening".to_owned(),
        String::new(),
        String::new(),
        String::new(),
        amount(ledger.opening_balance),
        String::new(),
    ]];
    rows.extend(ledger.entries.iter().map(|entry| {
        vec![
            date(entry.date),
            kind(entry.kind).to_owned(),
            entry.reference.clone(),
            if entry.debit.amount().is_zero() {
                String::new()
            } else {
                amount(entry.debit)
            },
            if entry.credit.amount().is_zero() {
                String::new()
            } else {
                amount(entry.credit)
            },
            amount(entry.balance),
            entry.due_date.map(date).unwrap_or_default(),
        ]
    }));
    Printable {
        title: "כרטסת / Statement".to_owned(),
        number: ledger.company_name.clone(),
        issuer: vec![
            supplier.name.clone(),
            format!("ע.מ. / VAT no. {}", supplier.vat_number),
            supplier.address.clone(),
        ],
        addressee: vec!["לכבוד / To".to_owned(), ledger.company_name.clone()],
        facts: vec![
            ("תקופה / Period".to_owned(), period),
            ("תאריך הפקה / Printed".to_owned(), date(today)),
            (
                "תנאי תשלום / Terms".to_owned(),
                ledger.payment_terms.clone(),
            ),
            (
                "מסגרת אשראי / Credit limit".to_owned(),
                amount(ledger.credit_limit),
            ),
        ],
        columns: vec![
            column("תאריך Date", 62.0, Align::Right),
            column("סוג Kind", 96.0, Align::Right),
            column("אסמכתא Reference", 100.0, Align::Right),
            column("חובה Debit", 62.0, Align::Left),
            column("זכות Credit", 62.0, Align::Left),
            column("יתרה Balance", 72.0, Align::Left),
            column("Due לתשלום", 61.0, Align::Right),
        ],
        rows,
        totals: vec![
            (
                "יתרת סגירה / Closing balance".to_owned(),
                amount(ledger.closing_balance),
            ),
            ("בפיגור / Overdue".to_owned(), amount(ledger.overdue)),
            (
                "יתרה נוכחית / Balance now".to_owned(),
                amount(ledger.balance),
            ),
        ],
        footer: vec!["מסמך ממוחשב / Computer-generated document".to_owned()],
    }
}

#[cfg(test)]
mod tests {
    use krilla::text::Glyph;

    use super::*;

    fn face() -> rustybuzz::Face<'static> {
        rustybuzz::Face::from_slice(REGULAR, 0).unwrap_or_else(|| panic!("the font"))
    }

    #[test]
    fn a_hebrew_line_with_a_number_is_laid_out_in_visual_order() {
        // "Invoice 123": in a right-to-left line the number stands left of the word.
        let runs = layout_line(&face(), "חשבונית 123");
        assert_eq!(runs.first().map(|run| run.text.as_str()), Some("123"));
        assert!(runs.last().is_some_and(|run| run.text.contains("חשבונית")));
    }

    #[test]
    fn right_to_left_runs_are_shaped_into_reversed_glyph_order() {
        let run = shape_run(&face(), "אב", true);
        // Visual order: bet (last letter) is drawn first, on the left.
        assert_eq!(run.glyphs.len(), 2);
        assert_eq!(run.glyphs[0].text_range().start, "א".len());
        assert_eq!(run.glyphs[1].text_range().start, 0);
        assert!(run.width > 0.0);
    }

    fn printable(rows: usize) -> Printable {
        let column = |header: &str, width: f32, align: Align| Column {
            header: header.to_owned(),
            width,
            align,
        };
        Printable {
            title: "חשבונית מס / Tax invoice".to_owned(),
            number: "INV-2026-000042".to_owned(),
            issuer: vec!["המקור סיטונאות בע״מ".to_owned()],
            addressee: vec![
                "לכבוד / Bill to".to_owned(),
                "Galil Hardware Ltd".to_owned(),
            ],
            facts: vec![("תאריך / Date".to_owned(), "24/11/2026".to_owned())],
            columns: vec![
                column("#", 24.0, Align::Right),
                column("תיאור Description", 391.0, Align::Right),
                column("סה״כ Total", 100.0, Align::Left),
            ],
            rows: (1..=rows)
                .map(|row| {
                    vec![
                        row.to_string(),
                        format!("בורג עץ 3.5x{row} (Wood screw)"),
                        format!("₪ {row},234.50"),
                    ]
                })
                .collect(),
            totals: vec![("סה״כ / Total".to_owned(), "₪ 1,234.50".to_owned())],
            footer: vec!["מסמך ממוחשב / Computer-generated document".to_owned()],
        }
    }

    #[test]
    fn a_thirty_line_invoice_renders_in_milliseconds_and_long_ones_continue_on_new_pages() {
        let started = std::time::Instant::now();
        let bytes = render(&printable(30)).unwrap_or_default();
        let elapsed = started.elapsed();
        assert!(bytes.starts_with(b"%PDF-"));
        println!("30-line invoice: {} bytes in {elapsed:?}", bytes.len());
        let (long, pages) = match render_pages(&printable(120)) {
            Ok(rendered) => rendered,
            Err(error) => panic!("{error:?}"),
        };
        assert!(long.starts_with(b"%PDF-"));
        assert!(pages >= 3, "120 rows take at least 3 pages, found {pages}");
        let (_, one) = render_pages(&printable(3)).unwrap_or_default();
        assert_eq!(one, 1);
    }

    #[test]
    fn english_lines_stay_left_to_right_in_one_run() {
        let runs = layout_line(&face(), "Galil Hardware Ltd");
        assert_eq!(runs.len(), 1);
        assert_eq!(runs[0].text, "Galil Hardware Ltd");
    }
}
