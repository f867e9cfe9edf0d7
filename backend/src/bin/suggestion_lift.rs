//! `cargo run -p backend --bin suggestion_lift`: seeds the demo into a fresh SQLite
//! database (or reads `DATABASE_URL` when given) and prints how suggestions would have
//! done on its history (`domain::suggestions::replay`).

use backend::db;
use backend::domain::suggestions::replay;

fn percent(part: usize, whole: usize) -> String {
    if whole == 0 {
        return "-".to_owned();
    }
    format!("{:.1}%", 100.0 * part as f64 / whole as f64)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    // A database of our own (removed at the end) unless one is named.
    let named = std::env::var("DATABASE_URL").ok();
    let scratch = named
        .is_none()
        .then(|| std::env::temp_dir().join(format!("suggestion-lift-{}.db", std::process::id())));
    let url = match &scratch {
        Some(path) => format!("sqlite://{}?mode=rwc", path.display()),
        None => named.unwrap_or_default(),
    };
    let connection = db::connect(&url).await?;
    db::migrate(&connection).await?;
    backend::seed::seed_demo_if_empty(&connection).await?;
    let orders = replay::history(&connection)
        .await
        .map_err(|error| anyhow::anyhow!("{error:?}"))?;
    let catalogs = replay::catalogs(&connection)
        .await
        .map_err(|error| anyhow::anyhow!("{error:?}"))?;
    let lift = replay::measure(&orders, &catalogs);
    println!("counted orders replayed: {}", orders.len());
    println!(
        "bought together (first line as the cart, top {}): {} orders, {} other lines",
        replay::TOP,
        lift.orders_measured,
        lift.lines_to_find
    );
    println!(
        "  hit rate, suggestions:      {} ({} lines)",
        percent(lift.found_by_suggestions, lift.lines_to_find),
        lift.found_by_suggestions
    );
    println!(
        "  hit rate, 5 most popular:   {} ({} lines)",
        percent(lift.found_by_popular, lift.lines_to_find),
        lift.found_by_popular
    );
    println!(
        "time to reorder: {} re-purchases (a product the company bought on an earlier day)",
        lift.repurchases
    );
    println!(
        "  listed as due before:       {} of all, {} of the {} with a rhythm",
        percent(lift.repurchases_listed, lift.repurchases),
        percent(lift.repurchases_listed, lift.repurchases_with_rhythm),
        lift.repurchases_with_rhythm
    );
    println!(
        "  precision: {} of the {} reminders listed when an order was placed were in it",
        percent(lift.listed_and_bought, lift.listed_on_order_days),
        lift.listed_on_order_days
    );
    connection.close().await?;
    if let Some(path) = scratch {
        for suffix in ["", "-wal", "-shm"] {
            let mut file = path.clone().into_os_string();
            file.push(suffix);
            std::fs::remove_file(file).ok();
        }
    }
    Ok(())
}
