//! Migrations written as SQL, one list of statements per database.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

/// Runs `postgres` on PostgreSQL and `sqlite` on SQLite, in order.
pub async fn run_per_backend<S: AsRef<str>>(
    manager: &SchemaManager<'_>,
    postgres: &[S],
    sqlite: &[S],
) -> Result<(), DbErr> {
    let statements = match manager.get_database_backend() {
        DatabaseBackend::Postgres => postgres,
        _ => sqlite,
    };
    for statement in statements {
        manager
            .get_connection()
            .execute_unprepared(statement.as_ref())
            .await?;
    }
    Ok(())
}
