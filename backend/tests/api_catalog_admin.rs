//! The supplier's catalog back office: products, prices, assortments and CSV.

mod common;

use common::shop::{category_id, company_id, price_list_id};
use common::{TestApp, assert_no_errors, error_code};
use serde_json::{Value, json};

const UPSERT: &str = "mutation($input: ProductInput!) { upsertProduct(input: $input) { sku name nameHe nameEn packSize minOrderQuantity active } }";
const IMPORT: &str = "mutation($csv: String!, $dryRun: Boolean!) { importCatalogCsv(csv: $csv, dryRun: $dryRun) { rows created updated stockChanges errorCount errors { line message } applied } }";
const EXPORT: &str = "{ exportCatalogCsv }";

#[tokio::test]
async fn staff_create_and_update_a_product_and_bad_products_are_refused() {
    let app = TestApp::spawn().await;
    let staff = app.login("staff@demo.test").await;
    let screws = category_id(&app, &staff, "Screws").await;
    let input = json!({ "sku": "new-1", "nameHe": "בורג חדש", "nameEn": "New screw", "categoryId": screws, "unit": "box", "packSize": 5, "minOrderQuantity": 10 });
    let created = app
        .graphql(Some(&staff), UPSERT, json!({ "input": input }))
        .await;
    assert_no_errors(&created);
    assert_eq!(created["data"]["upsertProduct"]["sku"], "NEW-1");
    let mut renamed = input.clone();
    renamed["nameEn"] = json!("Renamed screw");
    let updated = app
        .graphql(Some(&staff), UPSERT, json!({ "input": renamed }))
        .await;
    assert_eq!(updated["data"]["upsertProduct"]["nameEn"], "Renamed screw");

    let bad_inputs = [
        (json!({ "sku": "bad sku" }), "BAD_USER_INPUT"),
        (json!({ "nameHe": "" }), "BAD_USER_INPUT"),
        (json!({ "packSize": 0 }), "BAD_USER_INPUT"),
        (json!({ "minOrderQuantity": 7 }), "BAD_USER_INPUT"),
        (json!({ "categoryId": "999999" }), "NOT_FOUND"),
        (
            json!({ "imageUrl": "javascript:alert(1)" }),
            "BAD_USER_INPUT",
        ),
    ];
    for (change, code) in bad_inputs {
        let mut bad = input.clone();
        if let (Some(target), Some(fields)) = (bad.as_object_mut(), change.as_object()) {
            for (key, value) in fields {
                target.insert(key.clone(), value.clone());
            }
            target.insert(
                "sku".to_owned(),
                change.get("sku").cloned().unwrap_or(json!("NEW-2")),
            );
        }
        let response = app
            .graphql(Some(&staff), UPSERT, json!({ "input": bad }))
            .await;
        assert_eq!(error_code(&response), Some(code), "{change}: {response}");
    }
    let missing = app
        .graphql(
            Some(&staff),
            "{ product(sku: \"NEW-2\") { sku } }",
            json!({}),
        )
        .await;
    assert!(
        missing["data"]["product"].is_null(),
        "a refused product was written"
    );
}

#[tokio::test]
async fn a_company_price_list_and_discount_decide_the_buyers_price() {
    let app = TestApp::spawn().await;
    let staff = app.login("staff@demo.test").await;
    let buyer = app.login("buyer@demo.test").await;
    let galil = company_id(&app, &staff, "Galil Hardware Ltd").await;
    let galil_list = price_list_id(&app, &staff, "Galil Hardware prices").await;
    let set = app
        .graphql(
            Some(&staff),
            "mutation($list: ID!) { setPrice(input: { priceListId: $list, sku: \"SCR-101\", unitPrice: \"20.00\", tiers: [{ minQuantity: 10, unitPrice: \"18.00\" }] }) }",
            json!({ "list": galil_list }),
        )
        .await;
    assert_no_errors(&set);
    let price = |response: Value| response["data"]["product"].clone();
    let product = price(
        app.graphql(
            Some(&buyer),
            "{ product(sku: \"SCR-101\") { unitPrice priceTiers { minQuantity unitPrice } } }",
            json!({}),
        )
        .await,
    );
    assert_eq!(product["unitPrice"], "20.00");
    assert_eq!(product["priceTiers"][0]["unitPrice"], "18.00");

    let discount = app
        .graphql(
            Some(&staff),
            "mutation($company: ID!, $list: ID) { setCompanyPricing(companyId: $company, priceListId: $list, discountPercent: \"10\") }",
            json!({ "company": galil, "list": galil_list }),
        )
        .await;
    assert_no_errors(&discount);
    let product = price(
        app.graphql(
            Some(&buyer),
            "{ product(sku: \"SCR-101\") { unitPrice } }",
            json!({}),
        )
        .await,
    );
    assert_eq!(product["unitPrice"], "18.00");

    let bad_tiers = app
        .graphql(
            Some(&staff),
            "mutation($list: ID!) { setPrice(input: { priceListId: $list, sku: \"SCR-101\", unitPrice: \"20.00\", tiers: [{ minQuantity: 10, unitPrice: \"25.00\" }] }) }",
            json!({ "list": galil_list }),
        )
        .await;
    assert_eq!(error_code(&bad_tiers), Some("BAD_USER_INPUT"));
    let float_price = app
        .graphql(Some(&staff), "mutation($list: ID!) { setPrice(input: { priceListId: $list, sku: \"SCR-101\", unitPrice: 20.5 }) }", json!({ "list": galil_list }))
        .await;
    assert!(
        float_price["errors"].is_array(),
        "a JSON number must not be accepted as money: {float_price}"
    );
}

#[tokio::test]
async fn an_assortment_change_decides_what_the_company_sees() {
    let app = TestApp::spawn().await;
    let staff = app.login("staff@demo.test").await;
    let buyer = app.login("buyer@other.test").await;
    let companies = app
        .graphql(
            Some(&staff),
            "{ companies { edges { node { id name } } } }",
            json!({}),
        )
        .await;
    let negev = companies["data"]["companies"]["edges"][1]["node"]["id"].clone();
    let paint = category_id(&app, &staff, "Paint").await;
    let set = app
        .graphql(
            Some(&staff),
            "mutation($company: ID!, $categories: [ID!]!) { setAssortment(companyId: $company, categoryIds: $categories, skus: [\"HT-101\"]) { categoryIds skus } }",
            json!({ "company": negev, "categories": [paint] }),
        )
        .await;
    assert_no_errors(&set);
    let visible = app.graphql(Some(&buyer), "{ a: product(sku: \"PNT-101\") { sku } b: product(sku: \"HT-101\") { sku } c: product(sku: \"SCR-101\") { sku } }", json!({})).await;
    assert_eq!(visible["data"]["a"]["sku"], "PNT-101");
    assert_eq!(visible["data"]["b"]["sku"], "HT-101");
    assert!(visible["data"]["c"].is_null());
    let unknown = app
        .graphql(Some(&staff), "mutation($company: ID!) { setAssortment(companyId: $company, categoryIds: [], skus: [\"NOPE-9\"]) { skus } }", json!({ "company": negev }))
        .await;
    assert_eq!(error_code(&unknown), Some("BAD_USER_INPUT"));
    let still = app
        .graphql(
            Some(&buyer),
            "{ product(sku: \"PNT-101\") { sku } }",
            json!({}),
        )
        .await;
    assert_eq!(
        still["data"]["product"]["sku"], "PNT-101",
        "a refused assortment change wrote something"
    );
}

fn header() -> &'static str {
    "sku,name_he,name_en,category,unit,pack_size,min_order_quantity,base_price,on_hand"
}

#[tokio::test]
async fn a_csv_with_bad_rows_is_refused_with_a_report_per_row_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let staff = app.login("staff@demo.test").await;
    let before = app.graphql(Some(&staff), EXPORT, json!({})).await;
    let csv = format!(
        "{}\nCSV-1,מוצר א,Product A,Screws,box,1,1,12.50,10\nbad sku,מוצר ב,Product B,Screws,box,1,1,1,1\nCSV-3,מוצר ג,Product C,No such category,box,1,1,1,1\nCSV-4,מוצר ד,Product D,Screws,box,1,1,-3,1\nCSV-1,כפול,Duplicate,Screws,box,1,1,1,1\nCSV-6,מוצר ו,Product F,Screws,box,1,1,abc,1\n",
        header()
    );
    for dry_run in [true, false] {
        let response = app
            .graphql(
                Some(&staff),
                IMPORT,
                json!({ "csv": csv, "dryRun": dry_run }),
            )
            .await;
        assert_no_errors(&response);
        let report = &response["data"]["importCatalogCsv"];
        assert_eq!(report["applied"], false);
        assert_eq!(report["errorCount"], 5, "{report}");
        let lines: Vec<i64> = report["errors"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|e| e["line"].as_i64())
            .collect();
        assert_eq!(lines, vec![3, 4, 5, 6, 7]);
        assert!(
            report["errors"][1]["message"]
                .as_str()
                .is_some_and(|m| m.contains("No such category"))
        );
    }
    let after = app.graphql(Some(&staff), EXPORT, json!({})).await;
    assert_eq!(before, after, "a refused import changed the catalog");
    let malformed = app
        .graphql(
            Some(&staff),
            IMPORT,
            json!({ "csv": "this is not, a catalog\n1,2", "dryRun": true }),
        )
        .await;
    assert_eq!(malformed["data"]["importCatalogCsv"]["errorCount"], 1);
}

#[tokio::test]
async fn a_good_csv_from_excel_applies_completely() {
    let app = TestApp::spawn().await;
    let staff = app.login("staff@demo.test").await;
    // As Excel saves it with a Hebrew locale: a byte-order mark, `;` and decimal commas.
    let csv = "\u{feff}sku;name_he;name_en;category;unit;pack_size;min_order_quantity;base_price;on_hand\r\n\
               XL-1;\"מקדחה, חדשה\";New drill;Power tools;unit;1;1;349,90;7\r\n\
               SCR-101;בורג עץ 3.5x25;Wood screw 3.5x25;Screws;box;1;1;19,00;250\r\n";
    let dry = app
        .graphql(Some(&staff), IMPORT, json!({ "csv": csv, "dryRun": true }))
        .await;
    let report = &dry["data"]["importCatalogCsv"];
    assert_eq!(
        (
            report["errorCount"].as_i64(),
            report["created"].as_i64(),
            report["updated"].as_i64()
        ),
        (Some(0), Some(1), Some(1)),
        "{report}"
    );
    assert_eq!(report["applied"], false);
    let not_yet = app
        .graphql(
            Some(&staff),
            "{ product(sku: \"XL-1\") { sku } }",
            json!({}),
        )
        .await;
    assert!(not_yet["data"]["product"].is_null(), "a dry run wrote");

    let applied = app
        .graphql(Some(&staff), IMPORT, json!({ "csv": csv, "dryRun": false }))
        .await;
    assert_eq!(applied["data"]["importCatalogCsv"]["applied"], true);
    let product = app.graphql(Some(&staff), "{ product(sku: \"XL-1\") { nameHe unitPrice available } s: product(sku: \"SCR-101\") { available unitPrice } }", json!({})).await;
    assert_eq!(product["data"]["product"]["nameHe"], "מקדחה, חדשה");
    assert_eq!(product["data"]["product"]["unitPrice"], "349.90");
    assert_eq!(product["data"]["product"]["available"], 7);
    assert_eq!(product["data"]["s"]["available"], 250);
    assert_eq!(product["data"]["s"]["unitPrice"], "19.00");
}

#[tokio::test]
async fn an_exported_catalog_imports_back_without_changing_anything() {
    let app = TestApp::spawn().await;
    let staff = app.login("staff@demo.test").await;
    let exported = app.graphql(Some(&staff), EXPORT, json!({})).await;
    let csv = exported["data"]["exportCatalogCsv"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(
        csv.starts_with('\u{feff}'),
        "the export starts with a byte-order mark for Excel"
    );
    assert!(csv.lines().count() > 500);
    let applied = app
        .graphql(Some(&staff), IMPORT, json!({ "csv": csv, "dryRun": false }))
        .await;
    let report = &applied["data"]["importCatalogCsv"];
    assert_eq!(report["errorCount"], 0, "{report}");
    assert_eq!(report["applied"], true);
    assert_eq!(report["created"], 0);
    assert_eq!(report["stockChanges"], 0);
    let again = app.graphql(Some(&staff), EXPORT, json!({})).await;
    assert_eq!(exported, again);
}

/// Search goes through a trigram index (FTS5 on SQLite, pg_trgm on PostgreSQL): the
/// index must follow every insert, rename and delete of a product, and odd words (quotes,
/// FTS syntax) are plain text to it.
#[tokio::test]
async fn search_follows_new_and_renamed_products_and_takes_odd_words_literally() {
    let app = TestApp::spawn().await;
    let staff = app.login("staff@demo.test").await;
    let screws = category_id(&app, &staff, "Screws").await;
    let search = |text: &'static str| {
        let app = &app;
        let staff = staff.clone();
        async move {
            let found = app
                .graphql(
                    Some(&staff),
                    "query($search: String) { products(first: 50, search: $search) { nodes { sku } } }",
                    json!({ "search": text }),
                )
                .await;
            assert_no_errors(&found);
            found["data"]["products"]["nodes"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|node| node["sku"].as_str().map(str::to_owned))
                .collect::<Vec<String>>()
        }
    };
    assert!(search("zanzibar").await.is_empty());

    let input = json!({ "sku": "idx-1", "nameHe": "בורג זנזיבר", "nameEn": "Zanzibar screw", "categoryId": screws, "unit": "box", "packSize": 1, "minOrderQuantity": 1 });
    let created = app
        .graphql(Some(&staff), UPSERT, json!({ "input": input }))
        .await;
    assert_no_errors(&created);
    assert_eq!(search("zanzibar").await, ["IDX-1"]);
    assert_eq!(search("זנזיבר").await, ["IDX-1"]);
    assert_eq!(
        search("anzib scr").await,
        ["IDX-1"],
        "substrings of each word"
    );

    let mut renamed = input.clone();
    renamed["nameEn"] = json!("Mombasa screw");
    renamed["nameHe"] = json!("בורג מומבסה");
    let updated = app
        .graphql(Some(&staff), UPSERT, json!({ "input": renamed }))
        .await;
    assert_no_errors(&updated);
    assert!(search("zanzibar").await.is_empty(), "the old name is gone");
    assert_eq!(search("mombasa").await, ["IDX-1"]);

    for odd in [
        "\"mombasa",
        "mom\"basa",
        "mombasa OR x",
        "NEAR(mombasa)",
        "mom*",
        "'; --",
    ] {
        let found = search(odd).await;
        assert!(found.is_empty(), "{odd}: {found:?}");
    }
}
