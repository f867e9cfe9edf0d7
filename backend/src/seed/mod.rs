//! The demo data of `../shared/api.md`, deterministic: the same database every time
//! (the order history's dates are laid out back from the day of seeding).

mod catalog;
mod history;

use chrono::{TimeZone, Utc};
use rust_decimal::Decimal;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, DatabaseConnection, EntityTrait, PaginatorTrait,
    TransactionTrait,
};
use shared::{Money, Role};

use crate::db::money;
use crate::domain::auth::password;
use crate::entities::{company, cost_center, user};

/// The password of every demo user.
pub const DEMO_PASSWORD: &str = "demo-password";

pub struct DemoCompany {
    pub name: &'static str,
    pub vat_number: &'static str,
    pub payment_terms: &'static str,
    pub payment_days: i32,
    pub credit_limit: i64,
    pub auto_approval_limit: Option<i64>,
    pub dual_approval_limit: Option<i64>,
    pub cost_centers: &'static [(&'static str, i64)],
}

pub struct DemoUser {
    pub email: &'static str,
    pub name: &'static str,
    pub role: Role,
    /// Index into [`DEMO_COMPANIES`]; `None` for supplier staff.
    pub company: Option<usize>,
    pub order_limit: Option<i64>,
    pub approval_limit: Option<i64>,
}

pub const GALIL: usize = 0;
pub const NEGEV: usize = 1;

pub const DEMO_COMPANIES: [DemoCompany; 2] = [
    DemoCompany {
        name: "Galil Hardware Ltd",
        vat_number: "514000017",
        payment_terms: "EOM",
        payment_days: 30,
        credit_limit: 500_000,
        auto_approval_limit: Some(5_000),
        dual_approval_limit: Some(20_000),
        cost_centers: &[("Haifa branch", 40_000), ("Karmiel project", 25_000)],
    },
    DemoCompany {
        name: "Negev Builders Ltd",
        vat_number: "515000025",
        payment_terms: "NET",
        payment_days: 30,
        credit_limit: 80_000,
        auto_approval_limit: Some(10_000),
        dual_approval_limit: None,
        cost_centers: &[("Beer Sheva site", 30_000)],
    },
];

pub const DEMO_USERS: [DemoUser; 8] = [
    DemoUser {
        email: "staff@demo.test",
        name: "Tamar Shapiro",
        role: Role::SupplierStaff,
        company: None,
        order_limit: None,
        approval_limit: None,
    },
    DemoUser {
        email: "buyer@demo.test",
        name: "Noa Levi",
        role: Role::Buyer,
        company: Some(GALIL),
        order_limit: Some(8_000),
        approval_limit: None,
    },
    DemoUser {
        email: "approver@demo.test",
        name: "Avi Cohen",
        role: Role::Approver,
        company: Some(GALIL),
        order_limit: None,
        approval_limit: Some(50_000),
    },
    // The second approver, so orders above the dual-approval threshold can complete.
    DemoUser {
        email: "finance@demo.test",
        name: "Dana Katz",
        role: Role::Approver,
        company: Some(GALIL),
        order_limit: None,
        approval_limit: Some(100_000),
    },
    DemoUser {
        email: "viewer@demo.test",
        name: "Rina Mizrahi",
        role: Role::Viewer,
        company: Some(GALIL),
        order_limit: None,
        approval_limit: None,
    },
    DemoUser {
        email: "admin@demo.test",
        name: "Yossi Peretz",
        role: Role::CompanyAdmin,
        company: Some(GALIL),
        order_limit: None,
        approval_limit: None,
    },
    DemoUser {
        email: "buyer@other.test",
        name: "Omer Biton",
        role: Role::Buyer,
        company: Some(NEGEV),
        order_limit: None,
        approval_limit: None,
    },
    DemoUser {
        email: "approver@other.test",
        name: "Michal Dahan",
        role: Role::Approver,
        company: Some(NEGEV),
        order_limit: None,
        approval_limit: Some(30_000),
    },
];

/// Seeds the demo data when the database has no users yet. Returns whether it did.
pub async fn seed_demo_if_empty(db: &DatabaseConnection) -> anyhow::Result<bool> {
    if user::Entity::find().count(db).await? > 0 {
        return Ok(false);
    }
    seed_demo(db).await?;
    Ok(true)
}

fn shekels(amount: i64) -> i64 {
    money::to_db(Money::new(Decimal::from(amount))).unwrap_or_default()
}

/// Writes the demo data in one transaction.
pub async fn seed_demo(db: &DatabaseConnection) -> anyhow::Result<()> {
    // Demo rows share a fixed creation time so that two seeds are identical.
    let created_at = Utc
        .with_ymd_and_hms(2025, 11, 1, 8, 0, 0)
        .single()
        .unwrap_or_else(Utc::now);
    // One argon2id hash per user, each with its own salt.
    let mut password_hashes = Vec::with_capacity(DEMO_USERS.len());
    for _ in DEMO_USERS.iter() {
        password_hashes.push(
            password::hash(DEMO_PASSWORD.to_owned())
                .await
                .map_err(|error| anyhow::anyhow!("{error:?}"))?,
        );
    }

    let transaction = db.begin().await?;
    let mut company_ids = Vec::with_capacity(DEMO_COMPANIES.len());
    for demo in DEMO_COMPANIES.iter() {
        let row = company::ActiveModel {
            name: Set(demo.name.to_owned()),
            vat_number: Set(Some(demo.vat_number.to_owned())),
            currency: Set("ILS".to_owned()),
            payment_terms: Set(demo.payment_terms.to_owned()),
            payment_days: Set(demo.payment_days),
            credit_limit: Set(shekels(demo.credit_limit)),
            auto_approval_limit: Set(demo.auto_approval_limit.map(shekels)),
            dual_approval_limit: Set(demo.dual_approval_limit.map(shekels)),
            active: Set(true),
            created_at: Set(created_at),
            ..Default::default()
        }
        .insert(&transaction)
        .await?;
        for (name, budget) in demo.cost_centers {
            cost_center::ActiveModel {
                company_id: Set(row.id),
                name: Set((*name).to_owned()),
                monthly_budget: Set(Some(shekels(*budget))),
                ..Default::default()
            }
            .insert(&transaction)
            .await?;
        }
        company_ids.push(row.id);
    }
    let mut user_ids = Vec::with_capacity(DEMO_USERS.len());
    for (demo, password_hash) in DEMO_USERS.iter().zip(password_hashes) {
        let row = user::ActiveModel {
            email: Set(demo.email.to_owned()),
            name: Set(demo.name.to_owned()),
            password_hash: Set(password_hash),
            role: Set(demo.role.as_str().to_owned()),
            company_id: Set(demo.company.map(|index| company_ids[index])),
            active: Set(true),
            order_limit: Set(demo.order_limit.map(shekels)),
            approval_limit: Set(demo.approval_limit.map(shekels)),
            language: Set(if demo.company == Some(NEGEV) {
                "en"
            } else {
                "he"
            }
            .to_owned()),
            created_at: Set(created_at),
            ..Default::default()
        }
        .insert(&transaction)
        .await?;
        user_ids.push(row.id);
    }
    let catalog = catalog::seed_catalog(
        &transaction,
        [company_ids[GALIL], company_ids[NEGEV]],
        created_at,
    )
    .await?;
    let user_id = |email: &str| {
        DEMO_USERS
            .iter()
            .position(|user| user.email == email)
            .and_then(|index| user_ids.get(index).copied())
            .ok_or_else(|| anyhow::anyhow!("no demo user {email}"))
    };
    let people = history::People {
        galil: company_ids[GALIL],
        negev: company_ids[NEGEV],
        galil_buyer: user_id("buyer@demo.test")?,
        galil_approver: user_id("approver@demo.test")?,
        negev_buyer: user_id("buyer@other.test")?,
        staff: user_id("staff@demo.test")?,
    };
    let history = history::seed_history(&transaction, &people, Utc::now()).await?;
    seed_invitation(
        &transaction,
        company_ids[GALIL],
        user_id("admin@demo.test")?,
    )
    .await?;
    transaction.commit().await?;
    // The history was written directly, not placed: count it for suggestions.
    crate::domain::suggestions::counts::rebuild(db)
        .await
        .map_err(|error| anyhow::anyhow!("counting the history for suggestions: {error:?}"))?;
    tracing::info!(
        companies = DEMO_COMPANIES.len(),
        users = DEMO_USERS.len(),
        products = catalog.product_count,
        orders = history.orders,
        invoices = history.invoices,
        payments = history.payments,
        "demo data seeded"
    );
    Ok(())
}

/// One pending invitation of Galil's admin, so its users page shows one. Its link was
/// never mailed: the token is random and only its hash is kept.
async fn seed_invitation(
    db: &impl sea_orm::ConnectionTrait,
    company: i64,
    admin: i64,
) -> anyhow::Result<()> {
    let now = Utc::now();
    crate::entities::invitation::ActiveModel {
        company_id: Set(company),
        email: Set("new.colleague@demo.test".to_owned()),
        name: Set("Noa Peretz".to_owned()),
        role: Set(shared::Role::Buyer.as_str().to_owned()),
        token_hash: Set(crate::domain::auth::session::token_hash(
            &crate::domain::auth::session::random_token(),
        )),
        invited_by: Set(admin),
        created_at: Set(now),
        expires_at: Set(
            now + chrono::Duration::days(crate::domain::companies::invitations::INVITATION_DAYS)
        ),
        accepted_at: Set(None),
        accepted_user_id: Set(None),
        revoked_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}
