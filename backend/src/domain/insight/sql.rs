//! The few SQL pieces the measures need that SQLite and PostgreSQL spell differently,
//! added to the shared statement builder (`db::sql::Sql`).
//!
//! Timestamps are stored as RFC 3339 text in UTC on SQLite (sqlx's encoding) and as
//! `timestamptz` on PostgreSQL; days are UTC days on both, like document dates.

use sea_orm::{ConnectionTrait, DbBackend, QueryResult};

use crate::domain::DomainError;

use super::Scope;

pub use crate::db::sql::Sql;

/// The measures' own pieces of SQL.
impl Sql {
    /// The orders that count as sales of the scope: those that reached the supplier
    /// (`submitted_at`) inside the period and were not cancelled afterwards, of the
    /// scope's company if it names one. `orders` is aliased `o`.
    pub fn sold_orders(&mut self, scope: &Scope) -> &mut Sql {
        self.push("o.submitted_at >= ")
            .bind(scope.period.start())
            .push(" AND o.submitted_at < ")
            .bind(scope.period.end())
            .push(" AND o.status <> 'CANCELLED'")
            .company(scope)
    }

    /// ` AND o.company_id = ?` when the scope names a company, nothing otherwise.
    pub fn company(&mut self, scope: &Scope) -> &mut Sql {
        if let Some(company) = scope.company {
            self.push(" AND o.company_id = ").bind(company.0);
        }
        self
    }

    /// The UTC day (`YYYY-MM-DD`) of a timestamp column.
    pub fn day_of(&mut self, column: &str) -> &mut Sql {
        let expression = match self.backend() {
            DbBackend::Postgres => format!("to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD')"),
            _ => format!("substr({column}, 1, 10)"),
        };
        self.push(&expression)
    }

    /// The seconds from timestamp column `earlier` to `later`. SQLite's `julianday` is
    /// a float of days, off by a fraction of a millisecond: rounded to whole seconds.
    pub fn seconds_between(&mut self, earlier: &str, later: &str) -> &mut Sql {
        let expression = match self.backend() {
            DbBackend::Postgres => format!("EXTRACT(EPOCH FROM ({later} - {earlier}))"),
            _ => format!("ROUND((julianday({later}) - julianday({earlier})) * 86400.0)"),
        };
        self.push(&expression)
    }

    /// The one row of an aggregate query.
    pub async fn one(self, db: &impl ConnectionTrait) -> Result<QueryResult, DomainError> {
        self.all(db).await?.into_iter().next().ok_or_else(|| {
            DomainError::internal(anyhow::anyhow!("an aggregate query returned no row"))
        })
    }
}

/// Reads column `name` of a result row (aggregates are cast to `BIGINT` or `DOUBLE
/// PRECISION` in SQL, so both databases answer the same Rust type).
pub fn get<T: sea_orm::TryGetable>(row: &QueryResult, name: &str) -> Result<T, DomainError> {
    row.try_get::<T>("", name).map_err(DomainError::internal)
}
