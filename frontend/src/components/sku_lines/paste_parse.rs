//! Reading pasted "SKU,quantity" lines as Excel and other tools copy them: comma, tab
//! or semicolon between the two, Windows or Unix line ends, blank lines, spaces, quotes,
//! a header line, and thousands separators in the quantity ("1,000" from a sheet).

/// One line that could be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PastedLine {
    /// The line's text as pasted (trimmed), to put it back if the server refuses it.
    pub text: String,
    pub sku: String,
    pub quantity: u32,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parsed {
    pub lines: Vec<PastedLine>,
    /// Lines that are not "SKU and a whole number", as pasted.
    pub unreadable: Vec<String>,
}

pub fn parse(text: &str) -> Parsed {
    let mut parsed = Parsed::default();
    let text = text.trim_start_matches('\u{feff}');
    let mut first = true;
    for raw in text.lines() {
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        let is_first = first;
        first = false;
        match read_line(line) {
            Some((sku, quantity)) => parsed.lines.push(PastedLine {
                text: line.to_owned(),
                sku,
                quantity,
            }),
            // A first line whose quantity is a word ("SKU,Quantity", "מק״ט;כמות") is a
            // header.
            None if is_first && looks_like_header(line) => {}
            None => parsed.unreadable.push(line.to_owned()),
        }
    }
    parsed
}

/// The separator the line uses (tab, then semicolon, then comma), the SKU and the rest.
fn split(line: &str) -> Option<(char, &str, &str)> {
    ['\t', ';', ','].into_iter().find_map(|separator| {
        line.split_once(separator)
            .map(|(sku, rest)| (separator, sku, rest))
    })
}

fn unquote(field: &str) -> &str {
    let field = field.trim();
    field
        .strip_prefix('"')
        .and_then(|inner| inner.strip_suffix('"'))
        .unwrap_or(field)
        .trim()
}

/// The first field of `rest`: up to the closing quote when quoted (a CSV's "1,000"),
/// else up to the next separator. Cells after it (a price, a comment) are ignored.
fn first_field(rest: &str, separator: char) -> &str {
    let rest = rest.trim_start();
    if let Some(quoted) = rest.strip_prefix('"') {
        return quoted.split_once('"').map_or(quoted, |(inside, _)| inside);
    }
    rest.split_once(separator).map_or(rest, |(first, _)| first)
}

fn read_line(line: &str) -> Option<(String, u32)> {
    let (separator, sku, rest) = split(line)?;
    let sku = unquote(sku);
    let quantity = read_quantity(first_field(rest, separator).trim())?;
    (!sku.is_empty()).then(|| (sku.to_uppercase(), quantity))
}

/// A whole number, allowing "1,000" / "1 000" thousands groups; "12.0" from a sheet
/// counts as 12, "12.5" does not.
fn read_quantity(text: &str) -> Option<u32> {
    let whole = text.strip_suffix(".0").unwrap_or(text);
    let digits: String = whole
        .chars()
        .filter(|c| !matches!(c, ',' | ' ' | '\u{a0}' | '\''))
        .collect();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

fn looks_like_header(line: &str) -> bool {
    split(line).is_some_and(|(separator, _, rest)| {
        let quantity = first_field(rest, separator).trim();
        !quantity.is_empty() && !quantity.chars().any(|c| c.is_ascii_digit())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(parsed: &Parsed) -> Vec<(&str, u32)> {
        parsed
            .lines
            .iter()
            .map(|line| (line.sku.as_str(), line.quantity))
            .collect()
    }

    #[test]
    fn commas_tabs_and_semicolons_with_windows_line_ends_are_read() {
        let parsed = parse("ANC-103,20\r\nbol-200\t5\r\n\r\n  SCR-1 ; 7 \n");
        assert_eq!(
            pairs(&parsed),
            vec![("ANC-103", 20), ("BOL-200", 5), ("SCR-1", 7)]
        );
        assert!(parsed.unreadable.is_empty());
    }

    #[test]
    fn a_header_line_is_skipped_and_bad_lines_are_kept_as_pasted() {
        let parsed = parse("\u{feff}SKU;Quantity\nANC-103;20\nANC-104;many\njust-a-sku\n");
        assert_eq!(pairs(&parsed), vec![("ANC-103", 20)]);
        assert_eq!(parsed.unreadable, vec!["ANC-104;many", "just-a-sku"]);
    }

    #[test]
    fn excel_quantities_with_thousands_quotes_and_extra_cells_are_read() {
        let parsed = parse("\"ANC-103\"\t\"1,000\"\nBOL-2\t12.0\tnote\nBOL-3\t12.5\n");
        assert_eq!(pairs(&parsed), vec![("ANC-103", 1000), ("BOL-2", 12)]);
        assert_eq!(parsed.unreadable, vec!["BOL-3\t12.5"]);
    }

    #[test]
    fn a_comma_list_with_a_third_column_keeps_its_quantity() {
        let parsed = parse("ANC-103,20,12.50\nBOL-2,\"1,200\",x\n");
        assert_eq!(pairs(&parsed), vec![("ANC-103", 20), ("BOL-2", 1200)]);
    }
}
