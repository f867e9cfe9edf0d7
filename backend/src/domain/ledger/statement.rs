//! The statement as CSV (UTF-8 with a byte-order mark, so Excel reads the Hebrew):
//! an opening balance line, one line per entry with the running balance, and a
//! closing balance line. The PDF statement is rendered by `invoicing::pdf`.

use super::Ledger;

fn amount(value: shared::Money) -> String {
    format!("{:.2}", value.round_line().amount())
}

/// The statement of `ledger` as CSV text.
pub fn to_csv(ledger: &Ledger) -> Result<String, crate::domain::DomainError> {
    let mut writer = ::csv::WriterBuilder::new().from_writer(Vec::new());
    let write = |writer: &mut ::csv::Writer<Vec<u8>>, fields: [&str; 7]| {
        writer
            .write_record(fields)
            .map_err(crate::domain::DomainError::internal)
    };
    write(
        &mut writer,
        [
            "date",
            "kind",
            "reference",
            "debit",
            "credit",
            "balance",
            "due_date",
        ],
    )?;
    let opening_date = ledger.from.map(|day| day.to_string()).unwrap_or_default();
    write(
        &mut writer,
        [
            &opening_date,
            "OPENING_BALANCE",
            "",
            "",
            "",
            &amount(ledger.opening_balance),
            "",
        ],
    )?;
    for entry in &ledger.entries {
        write(
            &mut writer,
            [
                &entry.date.to_string(),
                entry.kind.as_str(),
                &entry.reference,
                &amount(entry.debit),
                &amount(entry.credit),
                &amount(entry.balance),
                &entry
                    .due_date
                    .map(|day| day.to_string())
                    .unwrap_or_default(),
            ],
        )?;
    }
    let closing_date = ledger.to.map(|day| day.to_string()).unwrap_or_default();
    write(
        &mut writer,
        [
            &closing_date,
            "CLOSING_BALANCE",
            "",
            "",
            "",
            &amount(ledger.closing_balance),
            "",
        ],
    )?;
    let bytes = writer
        .into_inner()
        .map_err(|error| crate::domain::DomainError::internal(anyhow::anyhow!("{error}")))?;
    let text = String::from_utf8(bytes).map_err(crate::domain::DomainError::internal)?;
    Ok(format!("\u{feff}{text}"))
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use rust_decimal::Decimal;
    use shared::{CompanyId, Money};

    use super::super::{EntryKind, LedgerLine};
    use super::*;

    #[test]
    fn the_csv_has_opening_entries_and_closing_lines() {
        let day = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap_or_default();
        let ils = |amount: i64| Money::new(Decimal::from(amount));
        let ledger = Ledger {
            company_id: CompanyId(1),
            company_name: "Galil".to_owned(),
            currency: "ILS".to_owned(),
            payment_terms: "EOM+30".to_owned(),
            credit_limit: ils(1000),
            balance: ils(150),
            opening_balance: ils(100),
            closing_balance: ils(150),
            open_orders: Money::ZERO,
            available_credit: ils(850),
            overdue: Money::ZERO,
            from: Some(day),
            to: None,
            entries: vec![LedgerLine {
                date: day,
                kind: EntryKind::Invoice,
                reference: "INV-2026-000001".to_owned(),
                debit: ils(50),
                credit: Money::ZERO,
                balance: ils(150),
                due_date: Some(day),
                invoice_id: Some(1),
                credit_note_id: None,
                payment_id: None,
            }],
            open_items: Vec::new(),
        };
        let csv = to_csv(&ledger).unwrap_or_default();
        let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
        assert_eq!(
            lines[0],
            "date,kind,reference,debit,credit,balance,due_date"
        );
        assert_eq!(lines[1], "2026-03-01,OPENING_BALANCE,,,,100.00,");
        assert_eq!(
            lines[2],
            "2026-03-01,INVOICE,INV-2026-000001,50.00,0.00,150.00,2026-03-01"
        );
        assert_eq!(lines[3], ",CLOSING_BALANCE,,,,150.00,");
    }
}
