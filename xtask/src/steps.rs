//! The steps of `run` and `test`.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, bail};

use crate::size_budget;
use crate::tools::{self, repo_root, run};

/// Everything the frontend build needs, installed when missing.
fn ensure_frontend_toolchain() -> anyhow::Result<()> {
    tools::ensure_wasm_target()?;
    let wasm_bindgen_version = tools::locked_wasm_bindgen_version()?;
    tools::check_trunk_toml_pins(&wasm_bindgen_version)?;
    tools::ensure_wasm_bindgen(&wasm_bindgen_version)?;
    tools::ensure_trunk()?;
    tools::ensure_npm()?;
    tools::ensure_npm_packages(&repo_root().join("frontend"))
}

/// Builds the WASM frontend in release mode into `dist/`: the customer bundle
/// (`index.html`) and the staff bundle (`staff.html`, see `frontend/src/lib.rs`). Trunk
/// builds one page per run and replaces its output folder, so the staff bundle is built
/// into a folder inside it and its files are moved up (all names but the page are content-hashed).
pub fn build_frontend() -> anyhow::Result<()> {
    ensure_frontend_toolchain()?;
    let root = repo_root();
    check_bundle_pages_agree(&root)?;
    // Trunk runs cargo offline: fetch first so a fresh machine has the crates.
    run(&root, "cargo", &["fetch", "--locked"], &[])?;
    let tool_path = format!(
        "{}:{}:{}",
        root.join("frontend/node_modules/.bin").display(),
        tools::cargo_bin_dir().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let trunk = tools::trunk_binary();
    let trunk = trunk.to_str().context("the path of trunk is not UTF-8")?;
    let environment = [
        ("PATH", tool_path.as_str()),
        ("TRUNK_OFFLINE", "true"),
        ("NO_COLOR", "true"),
    ];
    run(&root, trunk, &["build", "--release"], &environment)?;
    run(
        &root,
        trunk,
        &[
            "build",
            "--release",
            "--dist",
            "dist/.staff",
            "frontend/staff.html",
        ],
        &environment,
    )?;
    let dist = root.join("dist");
    let staff_dist = dist.join(".staff");
    for entry in std::fs::read_dir(&staff_dist).context("reading the staff bundle")? {
        let entry = entry?;
        if entry.file_type()?.is_file() {
            // Trunk names its output page index.html whatever the source page was called.
            let name = if entry.file_name() == "index.html" {
                "staff.html".into()
            } else {
                entry.file_name()
            };
            std::fs::copy(entry.path(), dist.join(&name))
                .with_context(|| format!("copying {} into dist/", entry.path().display()))?;
        }
    }
    std::fs::remove_dir_all(&staff_dist)?;
    size_budget::report_and_check(&dist, &root.join("frontend/size-budget.json"))
}

/// `staff.html` is `index.html` with another `data-bin`: one page, two bundles. A change
/// to one (a new stylesheet) must reach the other, or staff pages would lose it.
fn check_bundle_pages_agree(root: &Path) -> anyhow::Result<()> {
    let read = |name: &str| {
        std::fs::read_to_string(root.join("frontend").join(name))
            .with_context(|| format!("reading frontend/{name}"))
    };
    let customer = read("index.html")?;
    let staff = read("staff.html")?.replace(r#"data-bin="staff""#, r#"data-bin="frontend""#);
    if customer != staff {
        bail!(
            "frontend/staff.html must equal frontend/index.html but for data-bin=\"staff\": copy the change over"
        );
    }
    Ok(())
}

pub fn run_portal() -> anyhow::Result<()> {
    let root = repo_root();
    run(
        &root,
        "cargo",
        &["build", "--release", "--locked", "-p", "backend"],
        &[],
    )?;
    let binary = tools::target_dir().join("release").join("portal");
    println!(
        "\nThe portal is starting on http://{}:{} (Ctrl-C stops it).",
        std::env::var("BIND").unwrap_or_else(|_| "127.0.0.1".to_owned()),
        std::env::var("PORT").unwrap_or_else(|_| "8080".to_owned())
    );
    println!(
        "Demo users: staff@demo.test, buyer@demo.test, approver@demo.test, viewer@demo.test, admin@demo.test, buyer@other.test; password: demo-password\n"
    );
    let mut command = Command::new(&binary);
    command.args(["serve", "--demo"]).current_dir(&root);
    if std::env::var_os("STATIC_DIR").is_none() {
        command.env("STATIC_DIR", root.join("dist"));
    }
    // Ctrl-C reaches the server too (same process group); it shuts down gracefully.
    let status = command
        .status()
        .with_context(|| format!("cannot start {}", binary.display()))?;
    if !status.success() && status.code().is_some() {
        bail!("the portal stopped with {status}");
    }
    Ok(())
}

pub fn serve_demo() -> anyhow::Result<()> {
    build_frontend()?;
    run_portal()
}

/// One step of the test command, timed.
struct Steps {
    done: Vec<(String, f64)>,
}

impl Steps {
    fn step(
        &mut self,
        name: &str,
        action: impl FnOnce() -> anyhow::Result<()>,
    ) -> anyhow::Result<()> {
        println!("\n==> {name}");
        let started = Instant::now();
        action().with_context(|| format!("step failed: {name}"))?;
        self.done
            .push((name.to_owned(), started.elapsed().as_secs_f64()));
        Ok(())
    }
}

const RUST_PACKAGES: [&str; 8] = [
    "-p",
    "backend",
    "-p",
    "shared",
    "-p",
    "migrations",
    "-p",
    "xtask",
];

pub fn test(arguments: &[String]) -> anyhow::Result<()> {
    let with_e2e = !arguments.iter().any(|argument| argument == "--no-e2e");
    let root = repo_root();
    let started = Instant::now();
    let mut steps = Steps { done: Vec::new() };
    let postgres_url = std::env::var("TEST_DATABASE_URL")
        .ok()
        .filter(|url| !url.is_empty());

    steps.step("format (cargo fmt --check)", || {
        run(&root, "cargo", &["fmt", "--all", "--", "--check"], &[])
    })?;
    steps.step("lints, server crates (clippy -D warnings)", || {
        let mut args = vec!["clippy", "--locked", "--all-targets"];
        args.extend(RUST_PACKAGES);
        args.extend(["--", "-D", "warnings"]);
        run(&root, "cargo", &args, &[])
    })?;
    steps.step(
        "lints, frontend and shared on wasm32 (clippy -D warnings)",
        || {
            tools::ensure_wasm_target()?;
            run(
                &root,
                "cargo",
                &[
                    "clippy",
                    "--locked",
                    "--target",
                    "wasm32-unknown-unknown",
                    "-p",
                    "frontend",
                    "-p",
                    "shared",
                    "--",
                    "-D",
                    "warnings",
                ],
                &[],
            )
        },
    )?;
    steps.step("shared has no server dependency", check_shared_dependencies)?;
    steps.step("Rust tests on SQLite", || {
        tools::ensure_pdftotext()?;
        let mut args = vec!["test", "--locked"];
        args.extend(RUST_PACKAGES);
        run_without_postgres(&root, &args)
    })?;
    match &postgres_url {
        Some(url) => steps.step("Rust tests on PostgreSQL", || {
            let mut args = vec!["test", "--locked"];
            args.extend(RUST_PACKAGES);
            run(
                &root,
                "cargo",
                &args,
                &[("TEST_DATABASE_URL", url.as_str())],
            )
        })?,
        None => println!(
            "\n(TEST_DATABASE_URL is not set: the PostgreSQL run is skipped; .ci/run sets it)"
        ),
    }
    if with_e2e {
        steps.step("frontend release build (trunk)", build_frontend)?;
        steps.step(
            "browser tests (Playwright, Chromium, desktop + mobile)",
            browser_tests,
        )?;
    }

    println!(
        "\nxtask test: every step passed in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    for (name, seconds) in &steps.done {
        println!("  {seconds:>7.1} s  {name}");
    }
    println!("steps: {} passed, 0 failed", steps.done.len());
    Ok(())
}

fn run_without_postgres(root: &Path, args: &[&str]) -> anyhow::Result<()> {
    println!("$ cargo {}", args.join(" "));
    let status = Command::new("cargo")
        .args(args)
        .current_dir(root)
        .env_remove("TEST_DATABASE_URL")
        .status()
        .context("cannot run cargo")?;
    if !status.success() {
        bail!("cargo {} failed", args.join(" "));
    }
    Ok(())
}

/// Architecture invariant: `shared` builds for the browser and pulls in no server crate.
fn check_shared_dependencies() -> anyhow::Result<()> {
    let tree = tools::output_of(
        "cargo",
        &[
            "tree", "--locked", "-p", "shared", "--edges", "normal", "--prefix", "none",
        ],
    )
    .context("cargo tree -p shared failed")?;
    for forbidden in ["sea-orm", "sqlx", "axum", "async-graphql", "tokio "] {
        if tree.lines().any(|line| line.starts_with(forbidden)) {
            bail!("the shared crate depends on {forbidden}; it must stay free of server crates");
        }
    }
    println!(
        "shared depends on: {}",
        tree.lines()
            .map(|line| line.split_whitespace().next().unwrap_or_default())
            .collect::<Vec<_>>()
            .join(", ")
    );
    Ok(())
}

fn browser_tests() -> anyhow::Result<()> {
    let root = repo_root();
    tools::ensure_chromium()?;
    tools::ensure_npm()?;
    let e2e = root.join("e2e");
    tools::ensure_npm_packages(&e2e)?;
    run(&root, "cargo", &["build", "--locked", "-p", "backend"], &[])?;
    let portal = tools::target_dir().join("debug").join("portal");
    let portal = portal
        .to_str()
        .context("the target path is not UTF-8")?
        .to_owned();
    run(
        &e2e,
        "npx",
        &["playwright", "test"],
        &[("PORTAL_BIN", portal.as_str())],
    )
}

/// A test of the test command run at length, optimised: `bench fuzz [--cases N]`
/// (`backend/tests/api_fuzz.rs`, 5,000 cases per target) and `bench crash [--runs N]`
/// (`backend/tests/crash.rs`, 20 kill-and-restart rounds). `BENCH_DATABASE_URL` runs
/// it on PostgreSQL.
fn long_test(benchmark: &str, arguments: &[&str]) -> anyhow::Result<()> {
    let (test, variable, flag, default) = match benchmark {
        "fuzz" => ("api_fuzz", "FUZZ_CASES", "--cases", "5000"),
        _ => ("crash", "CRASH_RUNS", "--runs", "20"),
    };
    let count = match arguments {
        [] => default,
        [given, count] if *given == flag && count.parse::<u32>().is_ok() => count,
        _ => anyhow::bail!("usage: cargo xtask bench {benchmark} [{flag} N]"),
    };
    let args = [
        "test",
        "--locked",
        "--release",
        "-p",
        "backend",
        "--test",
        test,
        "--",
        "--nocapture",
    ];
    let database = std::env::var("BENCH_DATABASE_URL").ok();
    let mut env = vec![(variable, count)];
    if let Some(url) = database.as_deref() {
        env.push(("TEST_DATABASE_URL", url));
    }
    run(&repo_root(), "cargo", &args, &env)
}

/// A benchmark (release build, real server, loopback clients): `catalog` (the default)
/// or `orders`. Not a test: it prints a table and writes
/// `target/bench/<benchmark>-<database>.json`.
pub fn bench(arguments: &[String]) -> anyhow::Result<()> {
    let root = repo_root();
    let mut passed: Vec<&str> = Vec::new();
    let mut postgres = false;
    let mut benchmark = "catalog";
    for argument in arguments {
        match argument.as_str() {
            "--postgres" => postgres = true,
            "catalog" | "orders" | "fuzz" | "crash" => benchmark = argument,
            _ => passed.push(argument),
        }
    }
    if matches!(benchmark, "fuzz" | "crash") {
        return long_test(benchmark, &passed);
    }
    let mut args = vec![
        "bench", "--locked", "-p", "backend", "--bench", benchmark, "--",
    ];
    args.extend(passed);
    let url = std::env::var("BENCH_DATABASE_URL")
        .or_else(|_| std::env::var("TEST_DATABASE_URL"))
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_owned());
    if postgres {
        run(
            &root,
            "cargo",
            &args,
            &[("BENCH_DATABASE_URL", url.as_str())],
        )
    } else {
        run(&root, "cargo", &args, &[])
    }
}
