//! DataLoaders: fields that need a related row (a user's company, a company's user
//! count) are batched into one query per request instead of one per row.

use std::collections::HashMap;

use async_graphql::dataloader::{DataLoader, Loader};
use sea_orm::DatabaseConnection;
use shared::{CompanyId, UserId};

use crate::domain::accounts::{self, Account};
use crate::domain::companies::{self, Company};

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

/// The loaders of one request (they cache, so they never outlive it).
pub struct Loaders {
    pub company: DataLoader<CompanyLoader>,
    pub user_count: DataLoader<UserCountLoader>,
    pub user: DataLoader<UserLoader>,
}

impl Loaders {
    pub fn new(db: &DatabaseConnection) -> Loaders {
        Loaders {
            company: DataLoader::new(CompanyLoader { db: db.clone() }, tokio::spawn),
            user_count: DataLoader::new(UserCountLoader { db: db.clone() }, tokio::spawn),
            user: DataLoader::new(UserLoader { db: db.clone() }, tokio::spawn),
        }
    }
}
