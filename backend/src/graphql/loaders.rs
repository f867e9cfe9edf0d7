//! DataLoaders: fields that need a related row (a user's company, a company's user
//! count) are batched into one query per request instead of one per row.

use std::collections::HashMap;

use async_graphql::dataloader::{DataLoader, Loader};
use sea_orm::DatabaseConnection;
use shared::{CompanyId, UserId};

use crate::domain::accounts::{self, Account};
use crate::domain::companies::{self, Company};
use crate::domain::invoicing::{self, CreditNote, Invoice};
use crate::domain::orders::{self, Order, OrderScope};

pub struct CompanyLoader {
    db: DatabaseConnection,
}

impl Loader<CompanyId> for CompanyLoader {
    type Value = Company;
    type Error = async_graphql::Error;

    async fn load(&self, keys: &[CompanyId]) -> Result<HashMap<CompanyId, Company>, Self::Error> {
        Ok(companies::by_ids(&self.db, keys).await?)
    }
}

pub struct UserCountLoader {
    db: DatabaseConnection,
}

impl Loader<CompanyId> for UserCountLoader {
    type Value = i64;
    type Error = async_graphql::Error;

    async fn load(&self, keys: &[CompanyId]) -> Result<HashMap<CompanyId, i64>, Self::Error> {
        Ok(companies::user_counts(&self.db, keys).await?)
    }
}

pub struct UserLoader {
    db: DatabaseConnection,
}

impl Loader<UserId> for UserLoader {
    type Value = Account;
    type Error = async_graphql::Error;

    async fn load(&self, keys: &[UserId]) -> Result<HashMap<UserId, Account>, Self::Error> {
        Ok(accounts::by_ids(&self.db, keys).await?)
    }
}

/// Orders by id, with everything they show. **Unscoped:** only for orders whose
/// visibility the caller has already checked (the order of a visible invoice).
pub struct OrderLoader {
    db: DatabaseConnection,
}

impl Loader<i64> for OrderLoader {
    type Value = Order;
    type Error = async_graphql::Error;

    async fn load(&self, keys: &[i64]) -> Result<HashMap<i64, Order>, Self::Error> {
        Ok(orders::read::by_ids(&self.db, keys)
            .await?
            .into_iter()
            .map(|order| (order.id, order))
            .collect())
    }
}

/// The invoice of each order. **Unscoped** like [`OrderLoader`]: for visible orders.
pub struct InvoiceByOrderLoader {
    db: DatabaseConnection,
}

impl Loader<i64> for InvoiceByOrderLoader {
    type Value = Invoice;
    type Error = async_graphql::Error;

    async fn load(&self, keys: &[i64]) -> Result<HashMap<i64, Invoice>, Self::Error> {
        Ok(invoicing::read::invoices_of_orders(&self.db, OrderScope::Supplier, keys).await?)
    }
}

/// The credit notes of each order. **Unscoped** like [`OrderLoader`]: for visible orders.
pub struct CreditNotesByOrderLoader {
    db: DatabaseConnection,
}

impl Loader<i64> for CreditNotesByOrderLoader {
    type Value = Vec<CreditNote>;
    type Error = async_graphql::Error;

    async fn load(&self, keys: &[i64]) -> Result<HashMap<i64, Vec<CreditNote>>, Self::Error> {
        Ok(invoicing::read::credit_notes_of_orders(&self.db, OrderScope::Supplier, keys).await?)
    }
}

/// The loaders of one request (they cache, so they never outlive it).
pub struct Loaders {
    pub company: DataLoader<CompanyLoader>,
    pub user_count: DataLoader<UserCountLoader>,
    pub user: DataLoader<UserLoader>,
    pub order: DataLoader<OrderLoader>,
    pub invoice_by_order: DataLoader<InvoiceByOrderLoader>,
    pub credit_notes_by_order: DataLoader<CreditNotesByOrderLoader>,
}

impl Loaders {
    pub fn new(db: &DatabaseConnection) -> Loaders {
        Loaders {
            company: DataLoader::new(CompanyLoader { db: db.clone() }, tokio::spawn),
            user_count: DataLoader::new(UserCountLoader { db: db.clone() }, tokio::spawn),
            user: DataLoader::new(UserLoader { db: db.clone() }, tokio::spawn),
            order: DataLoader::new(OrderLoader { db: db.clone() }, tokio::spawn),
            invoice_by_order: DataLoader::new(
                InvoiceByOrderLoader { db: db.clone() },
                tokio::spawn,
            ),
            credit_notes_by_order: DataLoader::new(
                CreditNotesByOrderLoader { db: db.clone() },
                tokio::spawn,
            ),
        }
    }
}
