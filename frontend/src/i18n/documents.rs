//! The customer's invoices and account (ledger) pages, and their home page cards.
//!
//! The shape and both languages live together here, so the screens of this feature
//! change one file.

use crate::api::documents::EntryKind;

pub struct DocumentsTexts {
    // Home cards.
    pub invoices_card_title: &'static str,
    pub invoices_card_text: &'static str,
    pub account_card_title: &'static str,
    pub account_card_text: &'static str,
    pub balance_label: &'static str,

    // Shared.
    pub from: &'static str,
    pub to: &'static str,
    pub apply: &'static str,
    pub clear: &'static str,
    pub retry: &'static str,
    /// `NET 30` / `EOM+30` in words.
    pub payment_terms_words: fn(&str) -> String,

    // Invoices.
    pub invoices_title: &'static str,
    pub invoices_intro: &'static str,
    pub order_number: &'static str,
    pub order_number_placeholder: &'static str,
    pub col_number: &'static str,
    pub col_issued: &'static str,
    pub col_due: &'static str,
    pub col_order: &'static str,
    pub col_total: &'static str,
    pub col_pdf: &'static str,
    pub download_pdf: &'static str,
    pub load_more: &'static str,
    pub loading_more: &'static str,
    pub invoices_empty: &'static str,
    pub invoices_empty_filtered: &'static str,
    pub go_to_orders: &'static str,

    // Ledger.
    pub ledger_title: &'static str,
    pub ledger_intro: &'static str,
    pub balance: &'static str,
    pub credit_limit: &'static str,
    pub available_credit: &'static str,
    pub overdue: &'static str,
    pub payment_terms: &'static str,
    pub open_items_title: &'static str,
    pub open_items_empty: &'static str,
    pub col_open: &'static str,
    pub days_overdue: fn(i64) -> String,
    pub not_due: &'static str,
    pub statement_title: &'static str,
    pub col_date: &'static str,
    pub col_kind: &'static str,
    pub col_reference: &'static str,
    pub col_debit: &'static str,
    pub col_credit: &'static str,
    pub col_balance: &'static str,
    pub opening_balance: &'static str,
    pub closing_balance: &'static str,
    pub statement_empty: &'static str,
    pub kind: fn(EntryKind) -> &'static str,
    pub export_csv: &'static str,
    pub export_pdf: &'static str,
}

pub const HE: DocumentsTexts = DocumentsTexts {
    invoices_card_title: "חשבוניות",
    invoices_card_text: "כל החשבוניות של החברה, להורדה כ-PDF.",
    account_card_title: "כרטסת",
    account_card_text: "היתרה, מסגרת האשראי, חובות פתוחים ודף החשבון.",
    balance_label: "יתרה:",
    from: "מתאריך",
    to: "עד תאריך",
    apply: "סינון",
    clear: "ניקוי",
    retry: "ניסיון נוסף",
    payment_terms_words: terms_he,
    invoices_title: "חשבוניות",
    invoices_intro: "החשבוניות של החברה, מהחדשה לישנה. כל חשבונית נפתחת כ-PDF.",
    order_number: "מספר הזמנה",
    order_number_placeholder: "SO-000123",
    col_number: "חשבונית",
    col_issued: "תאריך הפקה",
    col_due: "לתשלום עד",
    col_order: "הזמנה",
    col_total: "סה\"כ",
    col_pdf: "מסמך",
    download_pdf: "הורדת PDF",
    load_more: "טעינת חשבוניות נוספות",
    loading_more: "טוען חשבוניות נוספות…",
    invoices_empty: "עדיין אין חשבוניות. חשבונית מופקת כשהזמנה נארזת.",
    invoices_empty_filtered: "אין חשבוניות שמתאימות לסינון.",
    go_to_orders: "להזמנות",
    ledger_title: "כרטסת",
    ledger_intro: "מצב החשבון של החברה: יתרה, אשראי, חובות פתוחים ודף החשבון.",
    balance: "יתרה",
    credit_limit: "מסגרת אשראי",
    available_credit: "אשראי פנוי",
    overdue: "בפיגור",
    payment_terms: "תנאי תשלום",
    open_items_title: "חשבוניות פתוחות",
    open_items_empty: "אין חשבוניות פתוחות.",
    col_open: "יתרה לתשלום",
    days_overdue: days_overdue_he,
    not_due: "טרם הגיע מועד",
    statement_title: "דף חשבון",
    col_date: "תאריך",
    col_kind: "סוג",
    col_reference: "אסמכתא",
    col_debit: "חובה",
    col_credit: "זכות",
    col_balance: "יתרה",
    opening_balance: "יתרת פתיחה",
    closing_balance: "יתרת סגירה",
    statement_empty: "אין תנועות בטווח התאריכים הזה.",
    kind: kind_he,
    export_csv: "ייצוא CSV",
    export_pdf: "ייצוא PDF",
};

pub const EN: DocumentsTexts = DocumentsTexts {
    invoices_card_title: "Invoices",
    invoices_card_text: "All of the company's invoices, to download as PDF.",
    account_card_title: "Account",
    account_card_text: "Balance, credit limit, open items and the statement.",
    balance_label: "Balance:",
    from: "From",
    to: "To",
    apply: "Filter",
    clear: "Clear",
    retry: "Try again",
    payment_terms_words: terms_en,
    invoices_title: "Invoices",
    invoices_intro: "The company's invoices, newest first. Each one opens as a PDF.",
    order_number: "Order number",
    order_number_placeholder: "SO-000123",
    col_number: "Invoice",
    col_issued: "Issued",
    col_due: "Due",
    col_order: "Order",
    col_total: "Total",
    col_pdf: "Document",
    download_pdf: "Download PDF",
    load_more: "Load more invoices",
    loading_more: "Loading more invoices…",
    invoices_empty: "No invoices yet. An invoice is issued when an order is packed.",
    invoices_empty_filtered: "No invoices match the filter.",
    go_to_orders: "Go to orders",
    ledger_title: "Account",
    ledger_intro: "The company's account: balance, credit, open items and the statement.",
    balance: "Balance",
    credit_limit: "Credit limit",
    available_credit: "Available credit",
    overdue: "Overdue",
    payment_terms: "Payment terms",
    open_items_title: "Open invoices",
    open_items_empty: "No open invoices.",
    col_open: "Open amount",
    days_overdue: days_overdue_en,
    not_due: "Not due yet",
    statement_title: "Statement",
    col_date: "Date",
    col_kind: "Type",
    col_reference: "Reference",
    col_debit: "Debit",
    col_credit: "Credit",
    col_balance: "Balance",
    opening_balance: "Opening balance",
    closing_balance: "Closing balance",
    statement_empty: "No entries in this date range.",
    kind: kind_en,
    export_csv: "Export CSV",
    export_pdf: "Export PDF",
};

/// `NET 30` -> `Some((false, 30))`, `EOM+30` -> `Some((true, 30))`.
fn parse_terms(code: &str) -> Option<(bool, u32)> {
    let code = code.trim().to_uppercase();
    if let Some(days) = code.strip_prefix("EOM") {
        return days
            .trim_start_matches(['+', ' '])
            .parse()
            .ok()
            .map(|d| (true, d));
    }
    let days = code.strip_prefix("NET")?;
    days.trim().parse().ok().map(|d| (false, d))
}

fn terms_he(code: &str) -> String {
    match parse_terms(code) {
        Some((true, days)) => format!("שוטף + {days}"),
        Some((false, days)) => format!("נטו {days} יום"),
        None => code.to_owned(),
    }
}

fn terms_en(code: &str) -> String {
    match parse_terms(code) {
        Some((true, days)) => format!("End of month + {days} days"),
        Some((false, days)) => format!("Net {days} days"),
        None => code.to_owned(),
    }
}

fn days_overdue_he(days: i64) -> String {
    if days == 1 {
        "יום אחד בפיגור".to_owned()
    } else {
        format!("{days} ימים בפיגור")
    }
}

fn days_overdue_en(days: i64) -> String {
    if days == 1 {
        "1 day overdue".to_owned()
    } else {
        format!("{days} days overdue")
    }
}

fn kind_he(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::Invoice => "חשבונית",
        EntryKind::CreditNote => "זיכוי",
        EntryKind::Payment => "תשלום",
        EntryKind::Other => "אחר",
    }
}

fn kind_en(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::Invoice => "Invoice",
        EntryKind::CreditNote => "Credit note",
        EntryKind::Payment => "Payment",
        EntryKind::Other => "Other",
    }
}
