//! English texts.

use super::{
    AppTexts, CompaniesTexts, ErrorTexts, HomeTexts, LoginTexts, NotFoundTexts, RoleTexts, Texts,
    UsersTexts,
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
        internal: "Something went wrong on the server. Please try again later.",
        network: "The server cannot be reached. Check your connection and try again.",
        invalid_response: "The server sent an unexpected answer.",
    },
    login: LoginTexts {
        title: "Sign in",
        subtitle: "Orders, invoices and your account, in one place.",
        email: "E-mail",
        password: "Password",
        submit: "Sign in",
        submitting: "Signing in…",
        wrong_credentials: "E-mail or password is incorrect",
    },
    home: HomeTexts {
        greeting,
        buyer_intro: "You assemble and submit your company's orders. An order above your company's approval rules goes to an approver first.",
        approver_intro: "You approve or reject your company's pending orders within your approval limit, and you can order too.",
        viewer_intro: "You read your company's orders, invoices and account statement. This role does not place orders.",
        company_admin_intro: "You manage your company's users and their roles.",
        supplier_staff_intro: "You run the back office: customer companies, catalog, prices, stock, orders and invoices.",
        users_card_title: "Users",
        users_card_text: "Add people, change their roles and turn off access.",
        companies_card_title: "Companies",
        companies_card_text: "Customer companies with their credit limits, payment terms and users.",
        company_card_title: "Your company",
        role_card_title: "Your role",
        coming_soon: "More of the portal opens here soon.",
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
        empty: "Your company has no users yet.",
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
        inactive: "Inactive",
        empty: "There are no customer companies yet.",
        net_days,
        end_of_month_plus,
    },
    not_found: NotFoundTexts {
        title: "Page not found",
        text: "The address is wrong, or the page has moved.",
        back_home: "Back to the home page",
    },
};

fn greeting(name: &str) -> String {
    format!("Hello, {name}")
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
