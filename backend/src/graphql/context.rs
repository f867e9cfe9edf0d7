//! What a resolver reads from the request context.

use std::net::IpAddr;
use std::sync::Arc;

use async_graphql::Context;
use sea_orm::DatabaseConnection;

use crate::domain::DomainError;
use crate::domain::auth::throttle::{LoginThrottle, ResetThrottle};
use crate::domain::auth::token::TokenKeys;
use crate::domain::authz::{self, Actor, Authentication, Operation};
use crate::domain::catalog::listing_cache::ListingCache;
use crate::domain::catalog::price_cache::PriceCache;
use crate::domain::invoicing::SupplierDetails;
use crate::events::EventBus;
use crate::http::client_ip::ClientIp;

pub trait ContextExt {
    fn db(&self) -> Result<&DatabaseConnection, DomainError>;
    fn token_keys(&self) -> Result<&TokenKeys, DomainError>;
    /// The live-update bus (announce in the transaction, deliver after commit).
    fn events(&self) -> Result<&EventBus, DomainError>;
    /// The supplier's details printed on documents.
    fn supplier(&self) -> Result<&SupplierDetails, DomainError>;
    /// The catalog's price cache of this instance.
    fn price_cache(&self) -> Result<&PriceCache, DomainError>;
    /// The catalog's listing cache of this instance.
    fn listing_cache(&self) -> Result<&ListingCache, DomainError>;
    /// The one authorization check of an operation: returns the caller if its role
    /// may perform `operation`.
    fn authorize(&self, operation: Operation) -> Result<&Actor, DomainError>;
    /// The login throttles of this instance.
    fn login_throttle(&self) -> Result<&LoginThrottle, DomainError>;
    /// The password-reset throttles of this instance.
    fn reset_throttle(&self) -> Result<&ResetThrottle, DomainError>;
    /// The client's IP address (`http/client_ip.rs`), when known.
    fn client_ip(&self) -> Option<IpAddr>;
    /// The request's `User-Agent`, kept with a new session.
    fn user_agent(&self) -> Option<String>;
}

impl ContextExt for Context<'_> {
    fn db(&self) -> Result<&DatabaseConnection, DomainError> {
        self.data::<DatabaseConnection>()
            .map_err(|_| DomainError::internal(anyhow::anyhow!("no database in the context")))
    }

    fn token_keys(&self) -> Result<&TokenKeys, DomainError> {
        self.data::<TokenKeys>()
            .map_err(|_| DomainError::internal(anyhow::anyhow!("no token keys in the context")))
    }

    fn events(&self) -> Result<&EventBus, DomainError> {
        self.data::<EventBus>()
            .map_err(|_| DomainError::internal(anyhow::anyhow!("no event bus in the context")))
    }

    fn price_cache(&self) -> Result<&PriceCache, DomainError> {
        self.data::<Arc<PriceCache>>()
            .map(|cache| cache.as_ref())
            .map_err(|_| DomainError::internal(anyhow::anyhow!("no price cache in the context")))
    }

    fn listing_cache(&self) -> Result<&ListingCache, DomainError> {
        self.data::<Arc<ListingCache>>()
            .map(|cache| cache.as_ref())
            .map_err(|_| DomainError::internal(anyhow::anyhow!("no listing cache in the context")))
    }

    fn supplier(&self) -> Result<&SupplierDetails, DomainError> {
        self.data::<SupplierDetails>().map_err(|_| {
            DomainError::internal(anyhow::anyhow!("no supplier details in the context"))
        })
    }

    fn authorize(&self, operation: Operation) -> Result<&Actor, DomainError> {
        const ANONYMOUS: Authentication = Authentication::Anonymous;
        let authentication = self.data_opt::<Authentication>().unwrap_or(&ANONYMOUS);
        authz::authorize(authentication, operation)
    }

    fn login_throttle(&self) -> Result<&LoginThrottle, DomainError> {
        self.data::<Arc<LoginThrottle>>()
            .map(Arc::as_ref)
            .map_err(|_| DomainError::internal(anyhow::anyhow!("no login throttle in the context")))
    }

    fn reset_throttle(&self) -> Result<&ResetThrottle, DomainError> {
        self.data::<Arc<ResetThrottle>>()
            .map(Arc::as_ref)
            .map_err(|_| DomainError::internal(anyhow::anyhow!("no reset throttle in the context")))
    }

    fn user_agent(&self) -> Option<String> {
        self.data_opt::<crate::http::session::UserAgent>()
            .and_then(|agent| agent.0.clone())
    }

    fn client_ip(&self) -> Option<IpAddr> {
        self.data_opt::<ClientIp>().and_then(|ClientIp(ip)| *ip)
    }
}
