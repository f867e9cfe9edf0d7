//! Gapless document numbers: one counter row per series and year, incremented inside
//! the transaction that issues the document.
//!
//! A number is taken by `UPDATE document_counters SET last_number = last_number + 1
//! ... RETURNING last_number` in the issuing transaction. On PostgreSQL the row lock
//! makes concurrent issuers wait for each other's commit; on SQLite every writer holds
//! the database's write lock (`BEGIN IMMEDIATE`). A transaction that rolls back gives
//! its number back with it, so the numbers of committed documents are 1..N without a
//! gap or a duplicate. The unique index on (year, sequence) of each document table is
//! the last line of defence.

use sea_orm::sea_query::{Alias, Expr, ExprTrait, OnConflict, Query};
use sea_orm::{ConnectionTrait, DatabaseTransaction};

use crate::domain::DomainError;

/// A numbered series of documents.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Series {
    Invoice,
    CreditNote,
}

impl Series {
    pub fn as_str(self) -> &'static str {
        match self {
            Series::Invoice => "INVOICE",
            Series::CreditNote => "CREDIT_NOTE",
        }
    }

    fn prefix(self) -> &'static str {
        match self {
            Series::Invoice => "INV",
            Series::CreditNote => "CN",
        }
    }

    /// `INV-2026-000042`.
    pub fn format(self, year: i32, sequence: i64) -> String {
        format!("{}-{year}-{sequence:06}", self.prefix())
    }
}

/// Takes the next number of `series` in `year` inside `txn`.
pub async fn next(
    txn: &DatabaseTransaction,
    series: Series,
    year: i32,
) -> Result<i64, DomainError> {
    let table = Alias::new("document_counters");
    let series_column = Alias::new("series");
    let year_column = Alias::new("year");
    let last = Alias::new("last_number");
    // The year's row, created by its first document.
    txn.execute(
        Query::insert()
            .into_table(table.clone())
            .columns([series_column.clone(), year_column.clone(), last.clone()])
            .values([series.as_str().into(), year.into(), 0i64.into()])
            .map_err(DomainError::internal)?
            .on_conflict(
                OnConflict::columns([series_column.clone(), year_column.clone()])
                    .do_nothing()
                    .to_owned(),
            ),
    )
    .await?;
    let row = txn
        .query_one(
            Query::update()
                .table(table)
                .value(last.clone(), Expr::col(last.clone()).add(1))
                .and_where(Expr::col(series_column).eq(series.as_str()))
                .and_where(Expr::col(year_column).eq(year))
                .returning_col(last.clone()),
        )
        .await?
        .ok_or_else(|| {
            DomainError::internal(anyhow::anyhow!(
                "the {} counter of {year} is missing",
                series.as_str()
            ))
        })?;
    Ok(row.try_get::<i64>("", "last_number")?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_name_their_series_and_year() {
        assert_eq!(Series::Invoice.format(2026, 42), "INV-2026-000042");
        assert_eq!(Series::CreditNote.format(2027, 1), "CN-2027-000001");
    }
}
