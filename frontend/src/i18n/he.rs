//! Hebrew texts, the default language.

use super::{
    AppTexts, CatalogTexts, CompaniesTexts, ErrorTexts, HomeTexts, LoginTexts, NotFoundTexts,
    ProductTexts, RoleTexts, StaffAssortmentsTexts, StaffImportTexts, StaffProductsTexts,
    StaffTexts, Texts, UsersTexts,
};

pub const HE: Texts = Texts {
    app: AppTexts {
        product_name: "פורטל סיטונאי",
        language_name: "עברית",
        skip_to_content: "דילוג לתוכן",
        main_navigation: "ניווט ראשי",
        menu: "תפריט",
        home: "דף הבית",
        users: "משתמשים",
        companies: "חברות",
        catalog: "קטלוג",
        products: "מוצרים",
        cart: "סל",
        orders: "הזמנות",
        approvals: "אישורים",
        company_rules: "כללי אישור",
        invoices: "חשבוניות",
        ledger: "כרטסת",
        notifications: "התראות",
        logout: "התנתקות",
        loading: "טוען…",
        account: "המשתמש המחובר",
    },
    roles: RoleTexts {
        buyer: "קניין",
        approver: "מאשר",
        viewer: "צופה",
        company_admin: "מנהל חברה",
        supplier_staff: "צוות הספק",
    },
    errors: ErrorTexts {
        unauthenticated: "תוקף ההתחברות הסתיים. נא להתחבר שוב.",
        forbidden: "אין לך הרשאה לפעולה הזו.",
        not_found: "הפריט לא נמצא.",
        bad_user_input: "חלק מהפרטים אינם תקינים. נא לבדוק ולנסות שוב.",
        out_of_stock: "אין מספיק מלאי.",
        credit_limit: "הפעולה חורגת ממסגרת האשראי.",
        invalid_transition: "לא ניתן לבצע את הפעולה במצב הנוכחי.",
        conflict: "הפריט כבר קיים או שונה בינתיים. נא לרענן ולנסות שוב.",
        rate_limited: "יותר מדי ניסיונות. נא להמתין מספר דקות ולנסות שוב.",
        company_suspended: "החשבון של החברה שלך הושעה על ידי הספק: אי אפשר להזמין או לאשר הזמנות.",
        internal: "אירעה תקלה בשרת. נא לנסות שוב מאוחר יותר.",
        network: "אין חיבור לשרת. נא לבדוק את החיבור ולנסות שוב.",
        invalid_response: "התקבלה מהשרת תשובה לא צפויה.",
        with_server_detail: false,
    },
    login: LoginTexts {
        title: "כניסה",
        subtitle: "הזמנות, חשבוניות ומצב החשבון, במקום אחד.",
        email: "דואר אלקטרוני",
        password: "סיסמה",
        submit: "כניסה",
        submitting: "מתחברים…",
        wrong_credentials: "הדואר האלקטרוני או הסיסמה שגויים",
        rate_limited: login_rate_limited,
    },
    home: HomeTexts {
        greeting,
        buyer_intro: "כאן מרכיבים ושולחים את ההזמנות של החברה. הזמנה שחורגת מכללי האישור של החברה עוברת קודם למאשר.",
        approver_intro: "כאן מאשרים או דוחים הזמנות ממתינות של החברה, בגבולות סמכות האישור שלך, ואפשר גם להזמין.",
        viewer_intro: "כאן צופים בהזמנות, בחשבוניות ובכרטסת של החברה. תפקיד זה אינו מבצע הזמנות.",
        company_admin_intro: "כאן מנהלים את המשתמשים של החברה ואת התפקידים שלהם, את כללי האישור של ההזמנות ואת התקציבים.",
        supplier_staff_intro: "כאן מנהלים את המשרד האחורי: חברות לקוחות, קטלוג, מחירים, מלאי, הזמנות וחשבוניות.",
        users_card_title: "משתמשים",
        users_card_text: "הוספת אנשים, שינוי תפקידים והפסקת גישה.",
        companies_card_title: "חברות",
        companies_card_text: "חברות הלקוחות, מסגרות האשראי, תנאי התשלום והמשתמשים שלהן.",
        catalog_card_title: "קטלוג",
        catalog_card_text: "המוצרים שלך במחירים שלך, עם המלאי הזמין ברגע זה.",
        staff_products_card_title: "מוצרים",
        staff_products_card_text: "יצירה ועריכה של מוצרים, עדכון מלאי וקביעת מחירים לכל מחירון.",
        staff_import_card_title: "קטלוג CSV",
        staff_import_card_text: "בדיקה וייבוא של קובץ קטלוג, או ייצוא של הקטלוג כולו.",
        staff_assortments_card_title: "מבחר ותמחור",
        staff_assortments_card_text: "מה כל חברה רואה, המחירון שלה וההנחה שלה.",
        company_card_title: "החברה שלך",
        role_card_title: "התפקיד שלך",
        cart_card_title: "סל והזמנה מהירה",
        cart_card_text: "הקלדה או הדבקה של מק״טים וכמויות, בדיקה ושליחה של ההזמנה.",
        my_orders_card_title: "ההזמנות שלי",
        my_orders_card_text: "מצב ההזמנות, האישורים והמשלוחים, והזמנה חוזרת בלחיצה.",
        orders_card_title: "הזמנות",
        orders_card_text: "כל ההזמנות של החברה, עם המצב והאישורים של כל אחת.",
        staff_orders_card_text: "תור ההזמנות של כל הלקוחות: אישור, ליקוט, אריזה ומשלוח.",
        approvals_card_title: "אישורים ממתינים",
        approvals_card_text: "הזמנות שממתינות להחלטה שלך.",
        approvals_waiting,
        rules_card_title: "כללי אישור",
        rules_card_text: "ספי אישור, מגבלות לכל משתמש ותקציבים של מרכזי עלות.",
    },
    users: UsersTexts {
        title: "משתמשים",
        intro: "האנשים בחברה שיכולים להתחבר, ומה כל אחד מהם רשאי לעשות.",
        name: "שם",
        email: "דואר אלקטרוני",
        role: "תפקיד",
        status: "מצב",
        actions: "פעולות",
        active: "פעיל",
        inactive: "לא פעיל",
        activate: "הפעלה",
        deactivate: "השבתה",
        confirm_deactivate,
        confirm_yes: "כן, להשבית",
        cancel: "ביטול",
        role_of,
        you: "(את/ה)",
        empty: "עדיין אין משתמשים בחברה. אפשר להוסיף את הראשון בטופס שבדף הזה.",
        saved: "השינויים נשמרו",
        add_title: "הוספת משתמש",
        password: "סיסמה ראשונית",
        password_hint: "לפחות 10 תווים. יש למסור אותה למשתמש באופן אישי.",
        add_submit: "הוספת משתמש",
        adding: "מוסיפים…",
        added,
        email_taken: "כבר קיים משתמש עם הדואר האלקטרוני הזה",
    },
    companies: CompaniesTexts {
        title: "חברות",
        intro: "חברות הלקוחות, תנאי האשראי שלהן ומספר המשתמשים בכל אחת.",
        name: "שם",
        vat_number: "מספר עוסק",
        credit_limit: "מסגרת אשראי",
        payment_terms: "תנאי תשלום",
        users: "משתמשים",
        status: "מצב",
        active: "פעילה",
        empty: "עדיין אין חברות לקוחות.",
        net_days,
        end_of_month_plus,
        company: "חברה",
        choose: "בחרו חברה…",
        option_inactive: |name| format!("{name} (מושעית)"),
        option_with_vat: |name, vat| format!("{name} · ע״מ {vat}"),
        balance_now: "יתרת חוב",
        available_credit: "אשראי פנוי",
        balance_after: "יתרה אחרי התשלום",
        available_after: "אשראי פנוי אחרי התשלום",
    },
    not_found: NotFoundTexts {
        title: "הדף לא נמצא",
        text: "הכתובת שגויה, או שהדף עבר למקום אחר.",
        back_home: "חזרה לדף הבית",
    },
    catalog: CatalogTexts {
        title: "קטלוג",
        intro: "המוצרים של החברה במחירי הנטו האישיים שלכם, עם המלאי הזמין ברגע זה.",
        staff_intro: "כל המוצרים במחירי המחירון הבסיסי, עם המלאי הזמין ברגע זה.",
        search_label: "חיפוש",
        search_placeholder: "מק\"ט או שם מוצר",
        sort_label: "מיון לפי",
        sort_sku: "מק\"ט",
        sort_name: "שם",
        view_label: "תצוגה",
        view_table: "טבלה",
        view_grid: "כרטיסים",
        categories: "קטגוריות",
        all_categories: "כל המוצרים",
        sku: "מק\"ט",
        product: "מוצר",
        unit: "יחידה",
        min_order: "מינימום להזמנה",
        price: "מחיר נטו ליחידה",
        availability: "זמינות",
        quantity: "כמות",
        line_total: "סה\"כ לשורה",
        pack_of,
        min_order_short,
        price_on_request: "מחיר לפי בקשה",
        excl_vat: "לפני מע\"מ",
        vat_note,
        tiers_label: "מחירי כמות",
        in_stock,
        low_stock,
        out_of_stock: "אזל מהמלאי",
        quantity_of,
        fewer: "פחות",
        more: "יותר",
        quantity_rule,
        only_available,
        add_to_cart: "הוספה לסל",
        load_more: "טעינת מוצרים נוספים",
        loading_more: "טוען מוצרים נוספים…",
        showing,
        empty_search,
        empty_category: "אין מוצרים בקטגוריה הזו.",
        empty: "עדיין אין מוצרים בקטלוג שלכם.",
        retry: "ניסיון נוסף",
        live_on: "מלאי חי",
        live_connecting: "מתחבר לעדכוני מלאי…",
        live_reconnecting: "עדכוני המלאי נקטעו, מתחבר מחדש…",
        stock_announcement,
        inactive: "לא פעיל",
        unit_name,
    },
    product: ProductTexts {
        back: "חזרה לקטלוג",
        not_found_title: "המוצר לא נמצא",
        not_found_text: "אין בקטלוג שלכם מוצר עם המק\"ט הזה.",
        sku: "מק\"ט",
        category: "קטגוריה",
        unit: "יחידה",
        pack_size: "גודל מארז",
        min_order_quantity: "כמות מינימלית להזמנה",
        description: "תיאור",
        no_description: "אין תיאור.",
        price_title: "המחיר שלכם",
        from_quantity: "החל מכמות",
        unit_price: "מחיר נטו ליחידה",
        availability: "זמינות",
        order_title: "כמות",
    },
    staff: StaffTexts {
        tabs_label: "ניהול הקטלוג",
        products: "מוצרים",
        import: "ייבוא וייצוא CSV",
        assortments: "מבחר ותמחור",
        confirm_yes: "כן, להמשיך",
        cancel: "ביטול",
        close: "סגירה",
        saving: "שומר…",
    },
    staff_products: StaffProductsTexts {
        title: "מוצרים",
        intro: "יצירה ועריכה של מוצרים, עדכון מלאי וקביעת מחירים לכל מחירון.",
        new_product: "מוצר חדש",
        actions: "פעולות",
        edit: "עריכה",
        stock: "מלאי",
        prices: "מחירים",
        status: "מצב",
        active: "פעיל",
        inactive: "לא פעיל",
        form_new_title: "מוצר חדש",
        form_edit_title,
        sku: "מק\"ט",
        sku_hint: "אותיות לועזיות, ספרות, - _ . / (נשמר באותיות גדולות). מק\"ט קיים מעדכן את המוצר.",
        name_he: "שם בעברית",
        name_en: "שם באנגלית",
        description: "תיאור",
        category: "קטגוריה",
        choose_category: "בחירת קטגוריה",
        unit: "יחידה",
        pack_size: "גודל מארז",
        min_order_quantity: "כמות מינימלית להזמנה",
        image_url: "כתובת תמונה",
        image_url_hint: "לא חובה; מתחילה ב-https:// או ב-/",
        active_label: "פעיל (הלקוחות רואים אותו)",
        save: "שמירת המוצר",
        saved: product_saved,
        stock_title,
        delta: "שינוי בכמות במלאי",
        delta_hint: "מספר חיובי מוסיף, שלילי מפחית.",
        reason: "סיבה",
        reason_receipt: "קבלת סחורה",
        reason_count: "ספירת מלאי",
        reason_damage: "נזק",
        reason_return: "החזרה",
        reason_correction: "תיקון",
        note: "הערה",
        adjust: "עדכון מלאי",
        stock_result,
        invalid_delta: "נא להזין מספר שלם שונה מ-0",
        prices_title,
        price_list: "מחירון",
        base_list: "בסיסי",
        unit_price: "מחיר ליחידה (נטו, ₪)",
        tiers: "מדרגות כמות",
        tier_min_quantity: "החל מכמות",
        tier_unit_price: "מחיר ליחידה (₪)",
        add_tier: "הוספת מדרגה",
        remove_tier: "הסרת המדרגה",
        save_price: "שמירת המחיר",
        price_saved,
        remove_price: "הסרה מהמחירון הזה",
        price_removed,
        base_prefilled: "מולא לפי המחיר והמדרגות הנוכחיים במחירון הבסיסי.",
        list_not_prefilled: "השרת עדיין אינו מחזיר את המחיר הנוכחי במחירון הזה: השמירה מחליפה אותו.",
        invalid_price: "נא להזין מחירים כמו 12.50 וכמויות שלמות גדולות מ-1",
        new_category: "קטגוריה חדשה",
        category_form_title: "קטגוריה חדשה",
        category_name_he: "שם בעברית",
        category_name_en: "שם באנגלית",
        parent_category: "בתוך",
        top_level: "ברמה העליונה",
        save_category: "שמירת הקטגוריה",
        category_saved,
        category_hint: "אפשר לבחור מיד קטגוריה חדשה למוצרים; הלקוחות ועץ הקטגוריות יראו אותה כשיהיה בה מוצר.",
    },
    staff_import: StaffImportTexts {
        title: "קטלוג CSV",
        intro: "ייבוא מוצרים, מחירי בסיס ומלאי מקובץ CSV (כפי ש-Excel שומר אותו), או ייצוא הקטלוג כולו באותו מבנה.",
        columns_hint: "עמודות: sku, name_he, name_en, category, unit (חובה); description, pack_size, min_order_quantity, active, base_price, on_hand (רשות).",
        file_label: "קובץ CSV",
        check: "בדיקה",
        checking: "בודק את הקובץ…",
        apply: "החלה",
        applying: "מחיל את הקובץ…",
        apply_disabled_hint: "ההחלה תתאפשר אחרי בדיקה ללא שגיאות.",
        confirm_apply,
        export: "ייצוא CSV",
        exporting: "מייצא…",
        exported: "הקטלוג הורד כקובץ catalog.csv",
        report_title: "דוח הבדיקה",
        rows: "שורות",
        created: "מוצרים חדשים",
        updated: "מוצרים שעודכנו",
        stock_changes: "שינויי מלאי",
        errors: "שגיאות",
        line: "שורה",
        message: "הבעיה",
        no_errors: "אין שגיאות: אפשר להחיל את הקובץ.",
        has_errors,
        more_errors,
        applied,
        unreadable_file: "הקובץ אינו טקסט UTF-8. יש לשמור אותו כ-\"CSV UTF-8\" ולבחור אותו שוב.",
    },
    staff_assortments: StaffAssortmentsTexts {
        title: "מבחר ותמחור",
        intro: "בחירה של מה שחברת לקוח רואה, ושל המחירון וההנחה שהיא מקבלת.",
        company: "חברה",
        choose_company: "בחירת חברה",
        assortment_title: "מבחר",
        categories_label: "קטגוריות שלמות",
        categories_hint: "קטגוריה כוללת את כל תתי־הקטגוריות שלה.",
        skus_label: "מוצרים בודדים (מק\"טים)",
        skus_hint: "מק\"ט אחד בכל שורה, או מופרדים בפסיקים או ברווחים.",
        save_assortment: "החלפת המבחר",
        confirm_replace,
        assortment_saved,
        pricing_title: "תמחור",
        price_list: "מחירון",
        base_only: "מחירון בסיסי בלבד",
        discount: "הנחה (%)",
        discount_hint: "יורדת מכל מחיר של החברה, למשל 3 או 2.5.",
        pricing_unknown: "השרת עדיין אינו מחזיר את המחירון וההנחה הנוכחיים של החברה: השמירה מחליפה אותם.",
        save_pricing: "שמירת התמחור",
        pricing_saved,
        invalid_discount: "נא להזין הנחה בין 0 ל-100",
        new_price_list: "מחירון חדש",
        create_price_list: "יצירת המחירון",
        price_list_created,
    },
    cart: super::cart::HE,
    orders: super::orders::HE,
    company_rules: super::company_rules::HE,
    security: super::security::HE,
    password: super::password::HE,
    onboarding: super::onboarding::HE,
    audit: super::security::AUDIT_HE,
    documents: super::documents::HE,
    fulfilment: super::fulfilment::HE,
    staff_orders: super::staff_orders::HE,
    staff_entry: super::staff_entry::HE,
    payments: super::payments::HE,
    dashboard: super::dashboard::HE,
    integrations: super::integrations::HE,
    accessibility: super::accessibility::HE,
    connectivity: super::connectivity::HE,
    suggestions: super::suggestions::HE,
};

fn login_rate_limited(seconds: u64) -> String {
    let wait = match seconds {
        0..=1 => "שנייה".to_owned(),
        2..=59 => format!("{seconds} שניות"),
        60..=119 => "דקה".to_owned(),
        _ => format!("{} דקות", seconds.div_ceil(60)),
    };
    format!("יותר מדי ניסיונות כניסה. אפשר לנסות שוב בעוד {wait}.")
}

fn greeting(name: &str) -> String {
    format!("שלום, {name}")
}

fn approvals_waiting(count: usize) -> String {
    match count {
        0 => "אין הזמנות שממתינות להחלטה שלך.".to_owned(),
        1 => "הזמנה אחת ממתינה להחלטה שלך.".to_owned(),
        _ => format!("{count} הזמנות ממתינות להחלטה שלך."),
    }
}

fn confirm_deactivate(name: &str) -> String {
    format!("להשבית את {name}? לא תהיה לו עוד אפשרות להתחבר.")
}

fn role_of(name: &str) -> String {
    format!("התפקיד של {name}")
}

fn added(email: &str) -> String {
    format!("המשתמש {email} נוסף")
}

fn net_days(days: u32) -> String {
    format!("נטו {days} יום")
}

fn end_of_month_plus(days: u32) -> String {
    format!("שוטף + {days}")
}

/// A value that reads left to right (SKU, number) kept whole inside a Hebrew sentence:
/// wrapped in the Unicode first-strong isolate, as `<bdi>` does in markup.
fn ltr(value: impl std::fmt::Display) -> String {
    format!("\u{2068}{value}\u{2069}")
}

fn pack_of(size: u32) -> String {
    format!("מארז של {}", ltr(size))
}

fn min_order_short(quantity: u32) -> String {
    format!("מינימום {}", ltr(quantity))
}

fn vat_note(percent: u32) -> String {
    format!(
        "המחירים הם מחירי נטו, לפני מע\"מ ({}), שמתווסף להזמנה.",
        ltr(format!("{percent}%"))
    )
}

fn in_stock(available: i64) -> String {
    format!("במלאי ({})", ltr(available))
}

fn low_stock(available: i64) -> String {
    format!("מלאי נמוך ({})", ltr(available))
}

fn quantity_of(name: &str) -> String {
    format!("כמות של {name}")
}

fn quantity_rule(pack_size: u32, minimum: u32) -> String {
    if pack_size > 1 {
        format!("מארזים שלמים של {}, לפחות {}", ltr(pack_size), ltr(minimum))
    } else {
        format!("לפחות {}", ltr(minimum))
    }
}

fn only_available(available: i64) -> String {
    format!("זמינים רק {}", ltr(available))
}

fn showing(count: usize) -> String {
    if count == 1 {
        "מוצג מוצר אחד".to_owned()
    } else {
        format!("מוצגים {} מוצרים", ltr(count))
    }
}

fn empty_search(search: &str) -> String {
    format!("אין מוצרים שמתאימים ל\"{}\".", ltr(search))
}

fn stock_announcement(sku: &str, availability: &str) -> String {
    format!("{}: {availability}", ltr(sku))
}

fn unit_name(code: &str) -> String {
    match code {
        "unit" => "יחידה",
        "box" => "קופסה",
        "m" => "מטר",
        "kg" => "ק\"ג",
        "tube" => "שפופרת",
        "can" => "פח",
        "roll" => "גליל",
        "pair" => "זוג",
        other => other,
    }
    .to_owned()
}

fn form_edit_title(sku: &str) -> String {
    format!("עריכת {}", ltr(sku))
}

fn product_saved(sku: &str) -> String {
    format!("המוצר {} נשמר", ltr(sku))
}

fn stock_title(sku: &str) -> String {
    format!("המלאי של {}", ltr(sku))
}

fn stock_result(on_hand: i64, reserved: i64, available: i64) -> String {
    format!(
        "המלאי עודכן: {} במלאי, {} שמורים, {} זמינים",
        ltr(on_hand),
        ltr(reserved),
        ltr(available)
    )
}

fn prices_title(sku: &str) -> String {
    format!("המחירים של {}", ltr(sku))
}

fn price_saved(list: &str) -> String {
    format!("המחיר נשמר במחירון \"{list}\"")
}

fn price_removed(list: &str) -> String {
    format!("המוצר הוסר מהמחירון \"{list}\"")
}

fn confirm_apply(rows: u64) -> String {
    format!(
        "להחיל {} שורות על הקטלוג? מוצרים, מחירי בסיס ומלאי ישתנו מיד.",
        ltr(rows)
    )
}

fn has_errors(count: u64) -> String {
    if count == 1 {
        "בשורה אחת יש שגיאה. יש לתקן אותה ולבדוק את הקובץ שוב.".to_owned()
    } else {
        format!(
            "ב-{} שורות יש שגיאות. יש לתקן אותן ולבדוק את הקובץ שוב.",
            ltr(count)
        )
    }
}

fn more_errors(shown: usize, total: u64) -> String {
    format!(
        "מוצגות {} השגיאות הראשונות מתוך {}.",
        ltr(shown),
        ltr(total)
    )
}

fn applied(created: u64, updated: u64) -> String {
    format!(
        "הקובץ הוחל: {} מוצרים חדשים ו-{} מוצרים שעודכנו.",
        ltr(created),
        ltr(updated)
    )
}

fn confirm_replace(company: &str) -> String {
    format!("להחליף את כל מה שהחברה {company} רואה במבחר הזה?")
}

fn assortment_saved(company: &str) -> String {
    format!("המבחר של {company} הוחלף")
}

fn pricing_saved(company: &str) -> String {
    format!("התמחור של {company} נשמר")
}

fn category_saved(name: &str) -> String {
    format!("הקטגוריה \"{name}\" נשמרה")
}

fn price_list_created(name: &str) -> String {
    format!("המחירון \"{name}\" נוצר")
}
