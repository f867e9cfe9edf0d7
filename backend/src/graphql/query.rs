use async_graphql::connection::Connection;
use async_graphql::{Context, ID, Object};
use shared::CompanyId;

use super::context::ContextExt;
use super::pagination::{connection, page_request};
use super::types::{Company, CostCenter, User};
use crate::domain::{Operation, accounts, companies, cost_centers};

#[derive(Default)]
pub struct AccountQuery;

#[Object]
impl AccountQuery {
    /// The signed-in user.
    async fn me(&self, ctx: &Context<'_>) -> async_graphql::Result<User> {
        let actor = ctx.authorize(Operation::OwnAccount)?;
        Ok(accounts::get(ctx.db()?, actor.user_id).await?.into())
    }

    /// Every customer company (supplier staff).
    async fn companies(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<Connection<i64, Company>> {
        ctx.authorize(Operation::ListCompanies)?;
        let request = page_request(first, after)?;
        let page = companies::list(ctx.db()?, request).await?;
        Ok(connection(
            page,
            request,
            |company| company.id.0,
            Company::from,
        ))
    }

    /// One company: any for supplier staff, only their own for customers (null
    /// otherwise, as for an id that does not exist).
    async fn company(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Option<Company>> {
        let actor = ctx.authorize(Operation::ReadCompany)?;
        let Some(company_id) = CompanyId::parse(&id) else {
            return Ok(None);
        };
        match companies::get_visible(ctx.db()?, actor, company_id).await {
            Ok(company) => Ok(Some(company.into())),
            Err(crate::domain::DomainError::NotFound(_)) => Ok(None),
            Err(error) => Err(error.into()),
        }
    }

    /// The users of the caller's company (company admins).
    async fn company_users(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<Connection<i64, User>> {
        let actor = ctx.authorize(Operation::ListCompanyUsers)?;
        let company = actor.customer_company()?;
        let request = page_request(first, after)?;
        let page = accounts::list_company_users(ctx.db()?, company, request).await?;
        Ok(connection(
            page,
            request,
            |account| account.id.0,
            User::from,
        ))
    }

    /// The cost centres of the caller's company.
    async fn cost_centers(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<CostCenter>> {
        let actor = ctx.authorize(Operation::ListCostCenters)?;
        let company = actor.customer_company()?;
        let list = cost_centers::list_for_company(ctx.db()?, company).await?;
        Ok(list.into_iter().map(CostCenter::from).collect())
    }
}
