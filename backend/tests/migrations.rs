//! The raw-SQL migrations (search index, price and catalog versions) roll back and
//! apply again on both databases, and the version counters' triggers work afterwards.

mod common;

use common::TestApp;
use migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, Statement};

async fn version(app: &TestApp, table: &str) -> Option<i64> {
    let query = format!("SELECT version FROM {table} WHERE id = 1");
    let row = app
        .db
        .query_one_raw(Statement::from_string(app.db.get_database_backend(), query))
        .await
        .ok()??;
    row.try_get_by_index::<i64>(0).ok()
}

async fn sql(app: &TestApp, statement: &str) {
    app.db
        .execute_unprepared(statement)
        .await
        .unwrap_or_else(|error| panic!("{statement}: {error}"));
}

#[tokio::test]
async fn the_raw_sql_migrations_roll_back_and_apply_again() {
    let app = TestApp::spawn().await;
    assert!(version(&app, "catalog_versions").await.is_some());
    Migrator::down(&app.db, Some(3))
        .await
        .unwrap_or_else(|error| panic!("down: {error}"));
    assert_eq!(
        version(&app, "catalog_versions").await,
        None,
        "table dropped"
    );
    assert_eq!(version(&app, "price_versions").await, None, "table dropped");
    // With the triggers gone, writes to the watched tables still work.
    sql(
        &app,
        "UPDATE products SET name_en = name_en WHERE sku = 'SCR-101'",
    )
    .await;
    Migrator::up(&app.db, None)
        .await
        .unwrap_or_else(|error| panic!("up: {error}"));

    // One update of one row raises each counter by one (row triggers on SQLite,
    // statement triggers on PostgreSQL).
    let catalog = version(&app, "catalog_versions").await;
    sql(
        &app,
        "UPDATE products SET name_en = name_en WHERE sku = 'SCR-101'",
    )
    .await;
    assert_eq!(
        version(&app, "catalog_versions").await,
        catalog.map(|v| v + 1)
    );
    let prices = version(&app, "price_versions").await;
    sql(
        &app,
        "UPDATE price_lists SET name = name WHERE id = (SELECT MIN(id) FROM price_lists)",
    )
    .await;
    assert_eq!(version(&app, "price_versions").await, prices.map(|v| v + 1));
    sql(
        &app,
        "UPDATE companies SET discount_basis_points = discount_basis_points \
         WHERE id = (SELECT MIN(id) FROM companies)",
    )
    .await;
    assert_eq!(version(&app, "price_versions").await, prices.map(|v| v + 2));
}
