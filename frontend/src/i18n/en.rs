//! English texts.

use super::{
    AppTexts, CatalogTexts, CompaniesTexts, ErrorTexts, HomeTexts, LoginTexts, NotFoundTexts,
    ProductTexts, RoleTexts, StaffAssortmentsTexts, StaffImportTexts, StaffProductsTexts,
    StaffTexts, Texts, UsersTexts,
};

pub const EN: Texts = Texts {
    app: AppTexts {
        product_name: "Wholesale Portal",
        language_name: "English",
        skip_to_content: "Skip to content",
        main_navigation: "Main navigation",
        menu: "Menu",
        home: "Home",
        users: "Users",
        companies: "Companies",
        catalog: "Catalog",
        products: "Products",
        cart: "Cart",
        orders: "Orders",
        approvals: "Approvals",
        company_rules: "Approval rules",
        invoices: "Invoices",
        ledger: "Account",
        notifications: "Notifications",
        logout: "Log out",
        loading: "Loading…",
        account: "Signed in user",
    },
    roles: RoleTexts {
        buyer: "Buyer",
        approver: "Approver",
        viewer: "Viewer",
        company_admin: "Company admin",
        supplier_staff: "Supplier staff",
    },
    errors: ErrorTexts {
        unauthenticated: "Your session has ended. Please sign in again.",
        forbidden: "You are not allowed to do this.",
        not_found: "This item was not found.",
        bad_user_input: "Some of the details are not valid. Please check them and try again.",
        out_of_stock: "There is not enough stock.",
        credit_limit: "This would exceed the credit limit.",
        invalid_transition: "This action is not possible in the current state.",
        conflict: "This already exists or was changed meanwhile. Please refresh and try again.",
        rate_limited: "Too many attempts. Please wait a few minutes and try again.",
        company_suspended: "Your company's account is suspended by the supplier: orders cannot be placed or approved.",
        internal: "Something went wrong on the server. Please try again later.",
        network: "The server cannot be reached. Check your connection and try again.",
        invalid_response: "The server sent an unexpected answer.",
        with_server_detail: true,
    },
    login: LoginTexts {
        title: "Sign in",
        subtitle: "Orders, invoices and your account, in one place.",
        email: "E-mail",
        password: "Password",
        submit: "Sign in",
        submitting: "Signing in…",
        wrong_credentials: "E-mail or password is incorrect",
        rate_limited: login_rate_limited,
    },
    home: HomeTexts {
        greeting,
        buyer_intro: "You assemble and submit your company's orders. An order above your company's approval rules goes to an approver first.",
        approver_intro: "You approve or reject your company's pending orders within your approval limit, and you can order too.",
        viewer_intro: "You read your company's orders, invoices and account statement. This role does not place orders.",
        company_admin_intro: "You manage your company's users and their roles, the approval rules of its orders and its budgets.",
        supplier_staff_intro: "You run the back office: customer companies, catalog, prices, stock, orders and invoices.",
        users_card_title: "Users",
        users_card_text: "Add people, change their roles and turn off access.",
        companies_card_title: "Companies",
        companies_card_text: "Customer companies with their credit limits, payment terms and users.",
        catalog_card_title: "Catalog",
        catalog_card_text: "Your products at your prices, with the stock available right now.",
        staff_products_card_title: "Products",
        staff_products_card_text: "Create and edit products, adjust stock and set prices per price list.",
        staff_import_card_title: "Catalog CSV",
        staff_import_card_text: "Check and import a catalog file, or export the whole catalog.",
        staff_assortments_card_title: "Assortments and pricing",
        staff_assortments_card_text: "What each company sees, its price list and its discount.",
        company_card_title: "Your company",
        role_card_title: "Your role",
        cart_card_title: "Cart and quick order",
        cart_card_text: "Type or paste SKUs and quantities, check the order and submit it.",
        my_orders_card_title: "My orders",
        my_orders_card_text: "Where each order stands, its approvals and delivery, and ordering again.",
        orders_card_title: "Orders",
        orders_card_text: "Every order of your company, with its status and approvals.",
        staff_orders_card_text: "The order queue of every customer: confirm, pick, pack and ship.",
        approvals_card_title: "Approvals waiting",
        approvals_card_text: "Orders that wait for your decision.",
        approvals_waiting,
        rules_card_title: "Approval rules",
        rules_card_text: "Approval thresholds, limits per user and cost-centre budgets.",
    },
    users: UsersTexts {
        title: "Users",
        intro: "The people of your company who can sign in, and what each may do.",
        name: "Name",
        email: "E-mail",
        role: "Role",
        status: "Status",
        actions: "Actions",
        active: "Active",
        inactive: "Inactive",
        activate: "Activate",
        deactivate: "Deactivate",
        confirm_deactivate,
        confirm_yes: "Yes, deactivate",
        cancel: "Cancel",
        role_of,
        you: "(you)",
        empty: "Your company has no users yet. Add the first one with the form on this page.",
        saved: "Changes saved",
        add_title: "Add a user",
        password: "Initial password",
        password_hint: "At least 10 characters. Share it with the user in person.",
        add_submit: "Add user",
        adding: "Adding…",
        added,
        email_taken: "A user with this e-mail already exists",
    },
    companies: CompaniesTexts {
        title: "Companies",
        intro: "The customer companies, their credit terms and how many users each has.",
        name: "Name",
        vat_number: "VAT number",
        credit_limit: "Credit limit",
        payment_terms: "Payment terms",
        users: "Users",
        status: "Status",
        active: "Active",
        empty: "There are no customer companies yet.",
        net_days,
        end_of_month_plus,
        company: "Company",
        choose: "Choose a company…",
        option_inactive: |name| format!("{name} (suspended)"),
        option_with_vat: |name, vat| format!("{name} · VAT {vat}"),
        balance_now: "Balance owed",
        available_credit: "Available credit",
        balance_after: "Balance after the payment",
        available_after: "Available credit after it",
    },
    not_found: NotFoundTexts {
        title: "Page not found",
        text: "The address is wrong, or the page has moved.",
        back_home: "Back to the home page",
    },
    catalog: CatalogTexts {
        title: "Catalog",
        intro: "Your company's products at your personal net prices, with the stock available right now.",
        staff_intro: "Every product at base list prices, with the stock available right now.",
        search_label: "Search",
        search_placeholder: "SKU or product name",
        sort_label: "Sort by",
        sort_sku: "SKU",
        sort_name: "Name",
        view_label: "View",
        view_table: "Table",
        view_grid: "Grid",
        categories: "Categories",
        all_categories: "All products",
        sku: "SKU",
        product: "Product",
        unit: "Unit",
        min_order: "Min. order",
        price: "Net unit price",
        availability: "Availability",
        quantity: "Quantity",
        line_total: "Line total",
        pack_of,
        min_order_short,
        price_on_request: "Price on request",
        excl_vat: "excl. VAT",
        vat_note,
        tiers_label: "Quantity prices",
        in_stock,
        low_stock,
        out_of_stock: "Out of stock",
        quantity_of,
        fewer: "Fewer",
        more: "More",
        quantity_rule,
        only_available,
        add_to_cart: "Add to cart",
        load_more: "Load more",
        loading_more: "Loading more…",
        showing,
        empty_search,
        empty_category: "No products in this category.",
        empty: "Your catalog has no products yet.",
        retry: "Try again",
        live_on: "Live stock",
        live_connecting: "Connecting to live stock…",
        live_reconnecting: "Live stock interrupted, reconnecting…",
        stock_announcement,
        inactive: "Inactive",
        unit_name,
    },
    product: ProductTexts {
        back: "Back to the catalog",
        not_found_title: "Product not found",
        not_found_text: "There is no product with this SKU in your catalog.",
        sku: "SKU",
        category: "Category",
        unit: "Unit",
        pack_size: "Pack size",
        min_order_quantity: "Minimum order quantity",
        description: "Description",
        no_description: "No description.",
        price_title: "Your price",
        from_quantity: "From quantity",
        unit_price: "Net unit price",
        availability: "Availability",
        order_title: "Quantity",
    },
    staff: StaffTexts {
        tabs_label: "Catalog back office",
        products: "Products",
        import: "CSV import and export",
        assortments: "Assortments and pricing",
        confirm_yes: "Yes, continue",
        cancel: "Cancel",
        close: "Close",
        saving: "Saving…",
    },
    staff_products: StaffProductsTexts {
        title: "Products",
        intro: "Create and edit products, adjust stock and set prices per price list.",
        new_product: "New product",
        actions: "Actions",
        edit: "Edit",
        stock: "Stock",
        prices: "Prices",
        status: "Status",
        active: "Active",
        inactive: "Inactive",
        form_new_title: "New product",
        form_edit_title,
        sku: "SKU",
        sku_hint: "Letters, digits, - _ . / (saved in capitals). An existing SKU updates that product.",
        name_he: "Name in Hebrew",
        name_en: "Name in English",
        description: "Description",
        category: "Category",
        choose_category: "Choose a category",
        unit: "Unit",
        pack_size: "Pack size",
        min_order_quantity: "Minimum order quantity",
        image_url: "Image URL",
        image_url_hint: "Optional; starts with https:// or /",
        active_label: "Active (customers can see it)",
        save: "Save product",
        saved: product_saved,
        stock_title,
        delta: "Change on hand by",
        delta_hint: "Positive adds, negative removes.",
        reason: "Reason",
        reason_receipt: "Goods received",
        reason_count: "Stock count",
        reason_damage: "Damaged",
        reason_return: "Returned",
        reason_correction: "Correction",
        note: "Note",
        adjust: "Adjust stock",
        stock_result,
        invalid_delta: "Enter a whole number other than 0",
        prices_title,
        price_list: "Price list",
        base_list: "base",
        unit_price: "Unit price (net, ₪)",
        tiers: "Quantity tiers",
        tier_min_quantity: "From quantity",
        tier_unit_price: "Unit price (₪)",
        add_tier: "Add a tier",
        remove_tier: "Remove tier",
        save_price: "Save price",
        price_saved,
        remove_price: "Remove from this list",
        price_removed,
        base_prefilled: "Filled in with the product's current base price and tiers.",
        list_not_prefilled: "The server does not report this list's current price yet: saving replaces it.",
        invalid_price: "Enter prices such as 12.50 and whole quantities above 1",
        new_category: "New category",
        category_form_title: "New category",
        category_name_he: "Name in Hebrew",
        category_name_en: "Name in English",
        parent_category: "Inside",
        top_level: "Top level",
        save_category: "Save category",
        category_saved,
        category_hint: "A new category can be chosen for products at once; customers and the category tree see it once it holds a product.",
    },
    staff_import: StaffImportTexts {
        title: "Catalog CSV",
        intro: "Import products, base prices and stock from a CSV file (as Excel saves it), or export the whole catalog in the same format.",
        columns_hint: "Columns: sku, name_he, name_en, category, unit (required); description, pack_size, min_order_quantity, active, base_price, on_hand (optional).",
        file_label: "CSV file",
        check: "Check",
        checking: "Checking the file…",
        apply: "Apply",
        applying: "Applying the file…",
        apply_disabled_hint: "Apply becomes available after a check without errors.",
        confirm_apply,
        export: "Export CSV",
        exporting: "Exporting…",
        exported: "The catalog was downloaded as catalog.csv",
        report_title: "Check report",
        rows: "Rows",
        created: "New products",
        updated: "Updated products",
        stock_changes: "Stock changes",
        errors: "Errors",
        line: "Line",
        message: "Problem",
        no_errors: "No errors: the file can be applied.",
        has_errors,
        more_errors,
        applied,
        unreadable_file: "The file is not UTF-8 text. Save it as \"CSV UTF-8\" and pick it again.",
    },
    staff_assortments: StaffAssortmentsTexts {
        title: "Assortments and pricing",
        intro: "Choose what a customer company sees, and the price list and discount it gets.",
        company: "Company",
        choose_company: "Choose a company",
        assortment_title: "Assortment",
        categories_label: "Whole categories",
        categories_hint: "A category brings all its subcategories.",
        skus_label: "Single products (SKUs)",
        skus_hint: "One SKU per line, or separated by commas or spaces.",
        save_assortment: "Replace assortment",
        confirm_replace,
        assortment_saved,
        pricing_title: "Pricing",
        price_list: "Price list",
        base_only: "Base list only",
        discount: "Discount (%)",
        discount_hint: "Taken off every price of the company, e.g. 3 or 2.5.",
        pricing_unknown: "The server does not report the company's current list and discount yet: saving replaces them.",
        save_pricing: "Save pricing",
        pricing_saved,
        invalid_discount: "Enter a discount between 0 and 100",
        new_price_list: "New price list",
        create_price_list: "Create list",
        price_list_created,
    },
    cart: super::cart::EN,
    orders: super::orders::EN,
    company_rules: super::company_rules::EN,
    security: super::security::EN,
    password: super::password::EN,
    onboarding: super::onboarding::EN,
    audit: super::security::AUDIT_EN,
    documents: super::documents::EN,
    fulfilment: super::fulfilment::EN,
    staff_orders: super::staff_orders::EN,
    staff_entry: super::staff_entry::EN,
    payments: super::payments::EN,
    dashboard: super::dashboard::EN,
    integrations: super::integrations::EN,
    accessibility: super::accessibility::EN,
    connectivity: super::connectivity::EN,
    suggestions: super::suggestions::EN,
};

fn login_rate_limited(seconds: u64) -> String {
    let wait = match seconds {
        0..=1 => "1 second".to_owned(),
        2..=59 => format!("{seconds} seconds"),
        60..=119 => "1 minute".to_owned(),
        _ => format!("{} minutes", seconds.div_ceil(60)),
    };
    format!("Too many sign-in attempts. Please try again in {wait}.")
}

fn greeting(name: &str) -> String {
    format!("Hello, {name}")
}

fn approvals_waiting(count: usize) -> String {
    match count {
        0 => "No orders wait for your decision.".to_owned(),
        1 => "1 order waits for your decision.".to_owned(),
        _ => format!("{count} orders wait for your decision."),
    }
}

fn confirm_deactivate(name: &str) -> String {
    format!("Deactivate {name}? They will no longer be able to sign in.")
}

fn role_of(name: &str) -> String {
    format!("Role of {name}")
}

fn added(email: &str) -> String {
    format!("User {email} added")
}

fn net_days(days: u32) -> String {
    format!("Net {days} days")
}

fn end_of_month_plus(days: u32) -> String {
    format!("End of month + {days}")
}

fn pack_of(size: u32) -> String {
    format!("pack of {size}")
}

fn min_order_short(quantity: u32) -> String {
    format!("min. {quantity}")
}

fn vat_note(percent: u32) -> String {
    format!("Prices are net, excluding VAT ({percent}%), which is added to the order.")
}

fn in_stock(available: i64) -> String {
    format!("In stock ({available})")
}

fn low_stock(available: i64) -> String {
    format!("Low stock ({available})")
}

fn quantity_of(name: &str) -> String {
    format!("Quantity of {name}")
}

fn quantity_rule(pack_size: u32, minimum: u32) -> String {
    if pack_size > 1 {
        format!("Whole packs of {pack_size}, at least {minimum}")
    } else {
        format!("At least {minimum}")
    }
}

fn only_available(available: i64) -> String {
    format!("Only {available} available")
}

fn showing(count: usize) -> String {
    if count == 1 {
        "1 product shown".to_owned()
    } else {
        format!("{count} products shown")
    }
}

fn empty_search(search: &str) -> String {
    format!("No products match \u{201c}{search}\u{201d}.")
}

fn stock_announcement(sku: &str, availability: &str) -> String {
    format!("{sku}: {availability}")
}

fn unit_name(code: &str) -> String {
    match code {
        "unit" => "unit",
        "box" => "box",
        "m" => "metre",
        "kg" => "kg",
        "tube" => "tube",
        "can" => "can",
        "roll" => "roll",
        "pair" => "pair",
        other => other,
    }
    .to_owned()
}

fn form_edit_title(sku: &str) -> String {
    format!("Edit {sku}")
}

fn product_saved(sku: &str) -> String {
    format!("Product {sku} saved")
}

fn stock_title(sku: &str) -> String {
    format!("Stock of {sku}")
}

fn stock_result(on_hand: i64, reserved: i64, available: i64) -> String {
    format!("Stock updated: {on_hand} on hand, {reserved} reserved, {available} available")
}

fn prices_title(sku: &str) -> String {
    format!("Prices of {sku}")
}

fn price_saved(list: &str) -> String {
    format!("Price saved in \u{201c}{list}\u{201d}")
}

fn price_removed(list: &str) -> String {
    format!("Removed from \u{201c}{list}\u{201d}")
}

fn confirm_apply(rows: u64) -> String {
    format!("Apply {rows} rows to the catalog? Products, base prices and stock change at once.")
}

fn has_errors(count: u64) -> String {
    if count == 1 {
        "1 row has an error. Fix it and check the file again.".to_owned()
    } else {
        format!("{count} rows have errors. Fix them and check the file again.")
    }
}

fn more_errors(shown: usize, total: u64) -> String {
    format!("Showing the first {shown} of {total} errors.")
}

fn applied(created: u64, updated: u64) -> String {
    format!("The file was applied: {created} new and {updated} updated products.")
}

fn confirm_replace(company: &str) -> String {
    format!("Replace everything {company} sees with this assortment?")
}

fn assortment_saved(company: &str) -> String {
    format!("The assortment of {company} was replaced")
}

fn pricing_saved(company: &str) -> String {
    format!("The pricing of {company} was saved")
}

fn category_saved(name: &str) -> String {
    format!("Category \u{201c}{name}\u{201d} saved")
}

fn price_list_created(name: &str) -> String {
    format!("Price list \u{201c}{name}\u{201d} created")
}
