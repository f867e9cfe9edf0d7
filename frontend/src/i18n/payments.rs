//! Payments received from customers: recording one, and importing the ERP's CSV.
//!
//! The shape and both languages live together here, so the screen of this feature
//! changes one file.

pub struct PaymentsTexts {
    /// The navigation entry.
    pub nav_label: &'static str,
    pub title: &'static str,
    pub intro: &'static str,

    pub record_title: &'static str,
    pub amount: &'static str,
    pub amount_hint: &'static str,
    pub date: &'static str,
    pub reference: &'static str,
    pub reference_hint: &'static str,
    pub note: &'static str,
    pub record: &'static str,
    pub recording: &'static str,
    /// The reference, the amount and the company.
    pub recorded: fn(&str, &str, &str) -> String,
    /// The balance before and after the payment.
    pub balance_change: fn(&str, &str) -> String,
    pub duplicate_reference: fn(&str) -> String,
    pub refused: &'static str,
    pub no_such_company: &'static str,

    pub no_company: &'static str,
    pub no_amount: &'static str,
    pub amount_not_a_number: &'static str,
    pub amount_not_positive: &'static str,
    pub amount_too_precise: &'static str,
    pub amount_too_large: &'static str,
    pub no_date: &'static str,
    pub date_in_future: &'static str,
    pub no_reference: &'static str,
    pub reference_too_long: &'static str,
    pub note_too_long: &'static str,

    pub import_title: &'static str,
    pub import_intro: &'static str,
    pub format_link: &'static str,
    pub file_label: &'static str,
    pub paste_label: &'static str,
    /// "Record 3 payments", after a check that found them ready.
    pub record_rows: fn(u64) -> String,
    /// The same button before such a check.
    pub record_file: &'static str,
    pub apply_hint: &'static str,
    /// How many payments and their total.
    pub confirm_import: fn(u64, &str) -> String,
    pub imported: fn(u64, &str) -> String,
    pub import_ready: fn(u64) -> String,
    pub import_has_errors: fn(u64) -> String,
    pub total: &'static str,

    pub format_title: &'static str,
    pub format_intro: &'static str,
    pub column_company: &'static str,
    pub column_date: &'static str,
    pub column_amount: &'static str,
    pub column_reference: &'static str,
    pub column_note: &'static str,
    pub format_rules: &'static str,
    pub example_title: &'static str,
    pub download_example: &'static str,
}

fn he_payments(count: u64) -> String {
    if count == 1 {
        "תשלום אחד".to_owned()
    } else {
        format!("{count} תשלומים")
    }
}

fn en_payments(count: u64) -> String {
    if count == 1 {
        "1 payment".to_owned()
    } else {
        format!("{count} payments")
    }
}

pub const HE: PaymentsTexts = PaymentsTexts {
    nav_label: "תשלומים",
    title: "תשלומים",
    intro: "רישום תשלומים שהתקבלו מלקוחות: אחד אחד, או כקובץ CSV שיוצא מהנהלת החשבונות. כל תשלום מזכה את כרטסת הלקוח.",

    record_title: "רישום תשלום",
    amount: "סכום (₪)",
    amount_hint: "למשל 1234.50: יותר מ־0, עד 2 ספרות אחרי הנקודה.",
    date: "תאריך קבלת התשלום",
    reference: "אסמכתה",
    reference_hint: "מספר הקבלה או ההעברה. ייחודי לכל לקוח.",
    note: "הערה (לא חובה)",
    record: "רישום התשלום",
    recording: "רושמים…",
    recorded: |reference, amount, company| {
        format!("תשלום {reference} על סך {amount} נרשם עבור {company}.")
    },
    balance_change: |before, after| format!("יתרת החוב: לפני {before}, אחרי {after}."),
    duplicate_reference: |reference| {
        format!(
            "ללקוח הזה כבר רשום תשלום עם האסמכתה {reference}. בדקו שהתשלום לא נרשם פעמיים, או הזינו אסמכתה אחרת."
        )
    },
    refused: "השרת דחה את התשלום. בדקו את הסכום, התאריך והאסמכתה.",
    no_such_company: "החברה לא נמצאה. רעננו את הדף ובחרו אותה שוב.",

    no_company: "בחרו את החברה ששילמה",
    no_amount: "הזינו את הסכום",
    amount_not_a_number: "הזינו סכום כמו 1234.50",
    amount_not_positive: "הסכום חייב להיות גדול מ־0",
    amount_too_precise: "לכל היותר 2 ספרות אחרי הנקודה (אגורות)",
    amount_too_large: "הסכום גדול מהתשלום הגדול ביותר שמתקבל (₪ 100,000,000)",
    no_date: "בחרו את התאריך שבו התקבל התשלום",
    date_in_future: "התאריך לא יכול להיות בעתיד",
    no_reference: "הזינו את מספר הקבלה או ההעברה",
    reference_too_long: "לכל היותר 100 תווים",
    note_too_long: "לכל היותר 300 תווים",

    import_title: "ייבוא תשלומים מקובץ CSV",
    import_intro: "הקובץ שהנהלת החשבונות מייצאת: בדיקה קודם, ורישום רק כשאין בו שגיאות. כל התשלומים נרשמים יחד, או אף אחד.",
    format_link: "מבנה הקובץ",
    file_label: "קובץ CSV",
    paste_label: "או הדביקו את תוכן הקובץ",
    record_rows: |count| format!("רישום {}", he_payments(count)),
    record_file: "רישום התשלומים",
    apply_hint: "הרישום אפשרי אחרי בדיקה שלא מצאה שגיאות.",
    confirm_import: |count, total| format!("לרשום {} בסך {total}?", he_payments(count)),
    imported: |count, total| format!("נרשמו {} בסך {total}.", he_payments(count)),
    import_ready: |count| format!("אין שגיאות: {} מוכנים לרישום.", he_payments(count)),
    import_has_errors: |count| match count {
        1 => "שורה אחת בקובץ שגויה: לא נרשם דבר.".to_owned(),
        _ => format!("{count} שורות בקובץ שגויות: לא נרשם דבר."),
    },
    total: "סה״כ",

    format_title: "מבנה קובץ התשלומים",
    format_intro: "קובץ CSV בקידוד UTF-8. השורה הראשונה היא שורת כותרת עם שמות העמודות (בכל סדר, באותיות גדולות או קטנות); פסיק או נקודה־פסיק בין השדות.",
    column_company: "מספר העוסק של החברה (או המזהה שלה בפורטל).",
    column_date: "תאריך קבלת התשלום: 31/03/2026 או 2026-03-31. לא בעתיד.",
    column_amount: "הסכום: 1234.50, יותר מ־0 ועד 2 ספרות אחרי הנקודה. בקובץ עם נקודה־פסיק מותר פסיק עשרוני: 1234,50.",
    column_reference: "מספר הקבלה בהנהלת החשבונות. ייחודי לכל לקוח: תשלום שכבר נרשם נדחה.",
    column_note: "הערה (לא חובה).",
    format_rules: "עד 10,000 שורות. שורה שגויה אחת עוצרת את כל הקובץ, והבדיקה מציינת את מספר השורה (שורת הכותרת היא שורה 1).",
    example_title: "דוגמה",
    download_example: "הורדת קובץ לדוגמה",
};

pub const EN: PaymentsTexts = PaymentsTexts {
    nav_label: "Payments",
    title: "Payments",
    intro: "Record the payments customers sent: one at a time, or as the CSV file your accounting system exports. Each payment credits the customer's ledger.",

    record_title: "Record a payment",
    amount: "Amount (₪)",
    amount_hint: "For example 1234.50: more than 0, at most 2 decimals.",
    date: "Date received",
    reference: "Reference",
    reference_hint: "The receipt or transfer number. Unique for each customer.",
    note: "Note (optional)",
    record: "Record payment",
    recording: "Recording…",
    recorded: |reference, amount, company| {
        format!("Payment {reference} of {amount} recorded for {company}.")
    },
    balance_change: |before, after| format!("Balance owed: {before} before, {after} after."),
    duplicate_reference: |reference| {
        format!(
            "This customer already has a payment with reference {reference}. Check that it is not being recorded twice, or enter another reference."
        )
    },
    refused: "The server refused the payment. Check the amount, the date and the reference.",
    no_such_company: "The company was not found. Reload the page and choose it again.",

    no_company: "Choose the company that paid",
    no_amount: "Enter the amount",
    amount_not_a_number: "Enter an amount like 1234.50",
    amount_not_positive: "The amount must be more than 0",
    amount_too_precise: "At most 2 decimals (agorot)",
    amount_too_large: "Above the largest payment accepted (₪ 100,000,000)",
    no_date: "Choose the date the payment came in",
    date_in_future: "The date cannot be in the future",
    no_reference: "Enter the receipt or transfer number",
    reference_too_long: "At most 100 characters",
    note_too_long: "At most 300 characters",

    import_title: "Import payments from CSV",
    import_intro: "The file your accounting system exports: checked first, recorded only when it has no errors. All its payments are recorded together, or none.",
    format_link: "The file's format",
    file_label: "CSV file",
    paste_label: "Or paste the file's content",
    record_rows: |count| format!("Record {}", en_payments(count)),
    record_file: "Record the payments",
    apply_hint: "Recording is possible after a check that found no errors.",
    confirm_import: |count, total| format!("Record {} totalling {total}?", en_payments(count)),
    imported: |count, total| format!("{} recorded, totalling {total}.", en_payments(count)),
    import_ready: |count| format!("No errors: {} ready to record.", en_payments(count)),
    import_has_errors: |count| match count {
        1 => "1 line of the file is wrong: nothing was recorded.".to_owned(),
        _ => format!("{count} lines of the file are wrong: nothing was recorded."),
    },
    total: "Total",

    format_title: "The payments file",
    format_intro: "A CSV file in UTF-8. The first line is a header with the column names (in any order, any case); a comma or a semicolon between fields.",
    column_company: "The company's VAT number (or its id in the portal).",
    column_date: "The day the money came in: 31/03/2026 or 2026-03-31. Not in the future.",
    column_amount: "The amount: 1234.50, more than 0, at most 2 decimals. In a file with semicolons a decimal comma is accepted: 1234,50.",
    column_reference: "The receipt number in your accounting system. Unique for each customer: a payment recorded before is refused.",
    column_note: "A note (optional).",
    format_rules: "At most 10,000 rows. One wrong row stops the whole file, and the check names its line (the header is line 1).",
    example_title: "Example",
    download_example: "Download an example file",
};
