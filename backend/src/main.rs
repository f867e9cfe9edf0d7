//! `portal`: the server binary.

use anyhow::Context;
use backend::app::App;
use backend::config::Config;
use backend::{db, graphql, telemetry};
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "portal", about = "The wholesale ordering portal server")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Migrates the database and serves the API and the web app.
    Serve {
        /// Demo mode: seeds the demo data into an empty database and accepts a
        /// generated JWT secret (kept in ./data/jwt-secret).
        #[arg(long, env = "PORTAL_DEMO")]
        demo: bool,
    },
    /// Migrates the database and exits.
    Migrate,
    /// Prints the GraphQL schema (SDL).
    Schema,
    /// Checks the stored data's invariants (stock and reservations, orders, document
    /// numbering, the ledger); exits with 1 when one is broken.
    Check,
    /// Recounts the suggestion tables ("frequently bought together", "time to
    /// reorder") from the whole order history, in one transaction.
    RebuildSuggestions,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Command::Serve { demo } => serve(demo).await,
        Command::Migrate => {
            telemetry::init_tracing();
            let url = database_url();
            let connection = db::connect(&url).await?;
            db::migrate(&connection).await?;
            tracing::info!(database = %db::redact_url(&url), "database migrated");
            Ok(())
        }
        Command::Schema => {
            print!("{}", graphql::sdl());
            Ok(())
        }
        Command::Check => check().await,
        Command::RebuildSuggestions => {
            telemetry::init_tracing();
            let connection = db::connect(&database_url()).await?;
            db::migrate(&connection).await?;
            let counts = backend::domain::suggestions::counts::rebuild(&connection)
                .await
                .map_err(|error| anyhow::anyhow!("the rebuild failed: {error:?}"))?;
            println!(
                "suggestion counts rebuilt: {} products, {} pairs, {} company purchases",
                counts.product_orders.len(),
                counts.pairs.len(),
                counts.purchases.len()
            );
            Ok(())
        }
    }
}

fn database_url() -> String {
    std::env::var("DATABASE_URL")
        .unwrap_or_else(|_| backend::config::DEFAULT_DATABASE_URL.to_owned())
}

async fn check() -> anyhow::Result<()> {
    let connection = db::connect(&database_url()).await?;
    let findings = backend::domain::consistency::check(&connection)
        .await
        .map_err(|error| anyhow::anyhow!("the check could not run: {error:?}"))?;
    if findings.is_empty() {
        println!("consistent: every invariant holds");
        return Ok(());
    }
    for finding in &findings {
        println!(
            "BROKEN: {} ({} rows, e.g. {:?})",
            finding.invariant, finding.count, finding.examples
        );
    }
    std::process::exit(1);
}

async fn serve(demo: bool) -> anyhow::Result<()> {
    telemetry::init_tracing();
    let config = Config::from_env(demo)?;
    let app = App::build(&config).await?;
    let listener = tokio::net::TcpListener::bind(config.listen_address)
        .await
        .with_context(|| format!("cannot listen on {}", config.listen_address))?;
    tracing::info!(
        database = %db::redact_url(&config.database_url),
        demo,
        "portal listening on http://{}",
        config.listen_address
    );
    app.serve(listener, shutdown_signal()).await
}

async fn shutdown_signal() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut terminate =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(signal) => signal,
                Err(_) => {
                    let _ = interrupt.await;
                    return;
                }
            };
        tokio::select! {
            _ = interrupt => {}
            _ = terminate.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = interrupt.await;
    }
    tracing::info!("shutting down");
}
