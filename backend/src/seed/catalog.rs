//! The demo catalog: 510 products in 23 categories (6 top-level, 17 leaves), a base price
//! list with quantity tiers, a personal list per company, different assortments, and
//! stock that includes low (1-5) and zero quantities. Generated deterministically.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, EntityTrait};
use shared::Money;

use crate::db::money;
use crate::domain::catalog::search_text;
use crate::entities::{
    assortment_category, assortment_product, category, company, price_list, price_list_item,
    price_tier, product, stock,
};

struct Leaf {
    code: &'static str,
    he: &'static str,
    en: &'static str,
    unit: &'static str,
    pack_size: i32,
    min_order_quantity: i32,
    /// Product families: Hebrew name, English name, base price of the smallest variant.
    families: [(&'static str, &'static str, i64); 3],
    /// Variants: Hebrew, English.
    variants: [(&'static str, &'static str); 10],
}

struct Top {
    he: &'static str,
    en: &'static str,
    leaves: &'static [Leaf],
}

const SIZES_MM: [(&str, &str); 10] = [
    ("6 מ\"מ", "6 mm"),
    ("8 מ\"מ", "8 mm"),
    ("10 מ\"מ", "10 mm"),
    ("12 מ\"מ", "12 mm"),
    ("16 מ\"מ", "16 mm"),
    ("20 מ\"מ", "20 mm"),
    ("25 מ\"מ", "25 mm"),
    ("32 מ\"מ", "32 mm"),
    ("40 מ\"מ", "40 mm"),
    ("50 מ\"מ", "50 mm"),
];
const SCREW_SIZES: [(&str, &str); 10] = [
    ("3.5x25", "3.5x25"),
    ("3.5x35", "3.5x35"),
    ("4x30", "4x30"),
    ("4x40", "4x40"),
    ("4x50", "4x50"),
    ("5x50", "5x50"),
    ("5x60", "5x60"),
    ("5x80", "5x80"),
    ("6x80", "6x80"),
    ("6x100", "6x100"),
];
const MODELS: [(&str, &str); 10] = [
    ("דגם 100", "Model 100"),
    ("דגם 200", "Model 200"),
    ("דגם 300", "Model 300"),
    ("דגם 400", "Model 400"),
    ("דגם 500", "Model 500"),
    ("מקצועי", "Pro"),
    ("מקצועי פלוס", "Pro Plus"),
    ("תעשייתי", "Industrial"),
    ("קומפקטי", "Compact"),
    ("חסכוני", "Economy"),
];
const COLORS: [(&str, &str); 10] = [
    ("לבן", "white"),
    ("שחור", "black"),
    ("אפור", "grey"),
    ("אדום", "red"),
    ("כחול", "blue"),
    ("ירוק", "green"),
    ("צהוב", "yellow"),
    ("חום", "brown"),
    ("בז'", "beige"),
    ("שקוף", "clear"),
];
const VOLUMES: [(&str, &str); 10] = [
    ("0.75 ליטר לבן", "0.75 L white"),
    ("2.5 ליטר לבן", "2.5 L white"),
    ("5 ליטר לבן", "5 L white"),
    ("18 ליטר לבן", "18 L white"),
    ("0.75 ליטר אפור", "0.75 L grey"),
    ("2.5 ליטר אפור", "2.5 L grey"),
    ("5 ליטר אפור", "5 L grey"),
    ("18 ליטר אפור", "18 L grey"),
    ("2.5 ליטר שמנת", "2.5 L cream"),
    ("18 ליטר שמנת", "18 L cream"),
];
const GLOVE_SIZES: [(&str, &str); 10] = [
    ("מידה 7", "size 7"),
    ("מידה 8", "size 8"),
    ("מידה 9", "size 9"),
    ("מידה 10", "size 10"),
    ("מידה 11", "size 11"),
    ("מידה 7 חורף", "size 7 winter"),
    ("מידה 8 חורף", "size 8 winter"),
    ("מידה 9 חורף", "size 9 winter"),
    ("מידה 10 חורף", "size 10 winter"),
    ("מידה 11 חורף", "size 11 winter"),
];
const LENGTHS: [(&str, &str); 10] = [
    ("5 מטר", "5 m"),
    ("10 מטר", "10 m"),
    ("15 מטר", "15 m"),
    ("20 מטר", "20 m"),
    ("25 מטר", "25 m"),
    ("30 מטר", "30 m"),
    ("50 מטר", "50 m"),
    ("75 מטר", "75 m"),
    ("100 מטר", "100 m"),
    ("200 מטר", "200 m"),
];

const TOOLS: &[Leaf] = &[
    Leaf {
        code: "HT",
        he: "כלי עבודה ידניים",
        en: "Hand tools",
        unit: "unit",
        pack_size: 1,
        min_order_quantity: 1,
        families: [
            ("פטיש", "Hammer", 3900),
            ("מברג", "Screwdriver", 1450),
            ("מפתח ברגים", "Spanner", 2200),
        ],
        variants: MODELS,
    },
    Leaf {
        code: "PT",
        he: "כלים חשמליים",
        en: "Power tools",
        unit: "unit",
        pack_size: 1,
        min_order_quantity: 1,
        families: [
            ("מקדחה", "Drill", 34900),
            ("משחזת זווית", "Angle grinder", 29900),
            ("מסור עגול", "Circular saw", 54900),
        ],
        variants: MODELS,
    },
    Leaf {
        code: "MS",
        he: "מדידה",
        en: "Measuring",
        unit: "unit",
        pack_size: 1,
        min_order_quantity: 1,
        families: [
            ("סרט מדידה", "Tape measure", 2900),
            ("פלס", "Spirit level", 4500),
            ("מד לייזר", "Laser meter", 18900),
        ],
        variants: MODELS,
    },
];
const FASTENERS: &[Leaf] = &[
    Leaf {
        code: "SCR",
        he: "ברגים",
        en: "Screws",
        unit: "box",
        pack_size: 1,
        min_order_quantity: 1,
        families: [
            ("בורג עץ", "Wood screw", 1900),
            ("בורג גבס", "Drywall screw", 1600),
            ("בורג מתכת", "Metal screw", 2400),
        ],
        variants: SCREW_SIZES,
    },
    Leaf {
        code: "NUT",
        he: "אומים ודיסקיות",
        en: "Nuts and washers",
        unit: "box",
        pack_size: 1,
        min_order_quantity: 1,
        families: [
            ("אום משושה", "Hex nut", 1200),
            ("דיסקית שטוחה", "Flat washer", 900),
            ("אום נעילה", "Lock nut", 1500),
        ],
        variants: SIZES_MM,
    },
    Leaf {
        code: "ANC",
        he: "עוגנים",
        en: "Anchors",
        unit: "box",
        pack_size: 1,
        min_order_quantity: 2,
        families: [
            ("דיבל פלסטיק", "Plastic anchor", 1100),
            ("עוגן פליז", "Brass anchor", 3200),
            ("בורג עוגן", "Anchor bolt", 4200),
        ],
        variants: SIZES_MM,
    },
];
const PLUMBING: &[Leaf] = &[
    Leaf {
        code: "PIP",
        he: "צנרת",
        en: "Pipes",
        unit: "m",
        pack_size: 4,
        min_order_quantity: 4,
        families: [
            ("צינור PVC", "PVC pipe", 800),
            ("צינור PEX", "PEX pipe", 650),
            ("צינור נחושת", "Copper pipe", 3400),
        ],
        variants: SIZES_MM,
    },
    Leaf {
        code: "FAU",
        he: "ברזים",
        en: "Faucets",
        unit: "unit",
        pack_size: 1,
        min_order_quantity: 1,
        families: [
            ("ברז כיור", "Basin faucet", 18900),
            ("ברז מטבח", "Kitchen faucet", 32900),
            ("ברז גן", "Garden tap", 4900),
        ],
        variants: MODELS,
    },
    Leaf {
        code: "FIT",
        he: "אביזרי חיבור",
        en: "Fittings",
        unit: "unit",
        pack_size: 10,
        min_order_quantity: 10,
        families: [
            ("זווית 90", "90° elbow", 350),
            ("מופה", "Coupling", 280),
            ("מסעף T", "T junction", 420),
        ],
        variants: SIZES_MM,
    },
];
const ELECTRICAL: &[Leaf] = &[
    Leaf {
        code: "CBL",
        he: "כבלים",
        en: "Cables",
        unit: "roll",
        pack_size: 1,
        min_order_quantity: 1,
        families: [
            ("כבל חשמל 1.5", "Power cable 1.5 mm²", 4900),
            ("כבל חשמל 2.5", "Power cable 2.5 mm²", 7900),
            ("כבל רשת", "Network cable", 5900),
        ],
        variants: LENGTHS,
    },
    Leaf {
        code: "LGT",
        he: "תאורה",
        en: "Lighting",
        unit: "unit",
        pack_size: 1,
        min_order_quantity: 1,
        families: [
            ("נורת לד", "LED bulb", 1200),
            ("גוף תאורה", "Ceiling light", 14900),
            ("פנס עבודה", "Work light", 9900),
        ],
        variants: MODELS,
    },
    Leaf {
        code: "SWT",
        he: "מפסקים ושקעים",
        en: "Switches and sockets",
        unit: "unit",
        pack_size: 1,
        min_order_quantity: 1,
        families: [
            ("מפסק", "Switch", 1900),
            ("שקע", "Socket", 2200),
            ("מפסק מחליף", "Two-way switch", 2600),
        ],
        variants: COLORS,
    },
];
const PAINT: &[Leaf] = &[
    Leaf {
        code: "PNT",
        he: "צבעים",
        en: "Paints",
        unit: "can",
        pack_size: 1,
        min_order_quantity: 1,
        families: [
            ("צבע אקרילי", "Acrylic paint", 4900),
            ("צבע שמן", "Oil paint", 6900),
            ("פריימר", "Primer", 3900),
        ],
        variants: VOLUMES,
    },
    Leaf {
        code: "BRU",
        he: "מברשות ורולרים",
        en: "Brushes and rollers",
        unit: "unit",
        pack_size: 1,
        min_order_quantity: 1,
        families: [
            ("מברשת", "Brush", 900),
            ("רולר", "Roller", 1900),
            ("מגש צבע", "Paint tray", 1400),
        ],
        variants: SIZES_MM,
    },
    Leaf {
        code: "ADH",
        he: "דבקים ואטמים",
        en: "Adhesives and sealants",
        unit: "tube",
        pack_size: 1,
        min_order_quantity: 1,
        families: [
            ("סיליקון", "Silicone", 1900),
            ("דבק מגע", "Contact glue", 2900),
            ("קצף פוליאוריטן", "PU foam", 3400),
        ],
        variants: COLORS,
    },
];
const SAFETY: &[Leaf] = &[
    Leaf {
        code: "GLV",
        he: "כפפות",
        en: "Gloves",
        unit: "pair",
        pack_size: 12,
        min_order_quantity: 12,
        families: [
            ("כפפות עבודה", "Work gloves", 900),
            ("כפפות ניטריל", "Nitrile gloves", 700),
            ("כפפות עור", "Leather gloves", 2400),
        ],
        variants: GLOVE_SIZES,
    },
    Leaf {
        code: "PPE",
        he: "ציוד מגן",
        en: "Protective gear",
        unit: "unit",
        pack_size: 1,
        min_order_quantity: 1,
        families: [
            ("משקפי מגן", "Safety glasses", 1900),
            ("קסדה", "Helmet", 4900),
            ("אטמי אוזניים", "Ear protection", 2900),
        ],
        variants: COLORS,
    },
];

const TREE: [Top; 6] = [
    Top {
        he: "כלי עבודה",
        en: "Tools",
        leaves: TOOLS,
    },
    Top {
        he: "חומרי חיבור",
        en: "Fasteners",
        leaves: FASTENERS,
    },
    Top {
        he: "אינסטלציה",
        en: "Plumbing",
        leaves: PLUMBING,
    },
    Top {
        he: "חשמל",
        en: "Electrical",
        leaves: ELECTRICAL,
    },
    Top {
        he: "צבע",
        en: "Paint",
        leaves: PAINT,
    },
    Top {
        he: "בטיחות",
        en: "Safety",
        leaves: SAFETY,
    },
];

/// Which top-level categories each demo company sees (indexes into `TREE`).
const GALIL_TOPS: [usize; 4] = [0, 1, 2, 4];
const NEGEV_TOPS: [usize; 4] = [1, 2, 3, 5];

/// A fixed pseudo-random number per input (splitmix64), so the seed never changes.
fn mix(mut value: u64) -> u64 {
    value = value.wrapping_add(0x9E37_79B9_7F4A_7C15);
    value = (value ^ (value >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    value = (value ^ (value >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    value ^ (value >> 31)
}

/// Agorot (1/100 ILS) to the stored ten-thousandths.
fn agorot(amount: i64) -> i64 {
    money::to_db(Money::new(Decimal::new(amount, 2))).unwrap_or_default()
}

pub struct SeededCatalog {
    pub product_count: usize,
}

pub async fn seed_catalog(
    txn: &impl ConnectionTrait,
    company_ids: [i64; 2],
    created_at: DateTime<Utc>,
) -> anyhow::Result<SeededCatalog> {
    let base = price_list::ActiveModel {
        name: Set("Base list".to_owned()),
        is_base: Set(true),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    let galil_list = price_list::ActiveModel {
        name: Set("Galil Hardware prices".to_owned()),
        is_base: Set(false),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    let negev_list = price_list::ActiveModel {
        name: Set("Negev Builders prices".to_owned()),
        is_base: Set(false),
        ..Default::default()
    }
    .insert(txn)
    .await?;

    let mut product_count = 0;
    let mut top_ids = Vec::new();
    let mut electrical_products = Vec::new();
    let mut tools_products = Vec::new();
    for (top_position, top) in TREE.iter().enumerate() {
        let top_row = category::ActiveModel {
            parent_id: Set(None),
            name_he: Set(top.he.to_owned()),
            name_en: Set(top.en.to_owned()),
            position: Set(top_position as i32),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        top_ids.push(top_row.id);
        for (leaf_position, leaf) in top.leaves.iter().enumerate() {
            let leaf_row = category::ActiveModel {
                parent_id: Set(Some(top_row.id)),
                name_he: Set(leaf.he.to_owned()),
                name_en: Set(leaf.en.to_owned()),
                position: Set(leaf_position as i32),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            for (family_index, (family_he, family_en, family_price)) in
                leaf.families.iter().enumerate()
            {
                for (variant_index, (variant_he, variant_en)) in leaf.variants.iter().enumerate() {
                    product_count += 1;
                    let number = product_count as u64;
                    let sku = format!("{}-{}{:02}", leaf.code, family_index + 1, variant_index + 1);
                    let name_he = format!("{family_he} {variant_he}");
                    let name_en = format!("{family_en} {variant_en}");
                    let row = product::ActiveModel {
                        sku: Set(sku.clone()),
                        name_he: Set(name_he.clone()),
                        name_en: Set(name_en.clone()),
                        description: Set(format!("{name_en}. {} / {}.", leaf.en, top.en)),
                        category_id: Set(leaf_row.id),
                        unit: Set(leaf.unit.to_owned()),
                        pack_size: Set(leaf.pack_size),
                        min_order_quantity: Set(leaf.min_order_quantity),
                        image_url: Set(None),
                        active: Set(true),
                        search_text: Set(search_text(&sku, &name_he, &name_en)),
                        created_at: Set(created_at),
                        ..Default::default()
                    }
                    .insert(txn)
                    .await?;
                    // Larger variants cost more: +12% per step, rounded to 10 agorot.
                    let price = (family_price * (100 + 12 * variant_index as i64) / 100) / 10 * 10;
                    price_list_item::ActiveModel {
                        price_list_id: Set(base.id),
                        product_id: Set(row.id),
                        unit_price: Set(agorot(price)),
                    }
                    .insert(txn)
                    .await?;
                    let random = mix(number);
                    if random.is_multiple_of(4) {
                        for (min_quantity, percent) in [(10, 95), (100, 88)] {
                            price_tier::ActiveModel {
                                price_list_id: Set(base.id),
                                product_id: Set(row.id),
                                min_quantity: Set(min_quantity),
                                unit_price: Set(agorot(price * percent / 100)),
                            }
                            .insert(txn)
                            .await?;
                        }
                    }
                    // Each company's list prices some products differently.
                    if number.is_multiple_of(5) {
                        price_list_item::ActiveModel {
                            price_list_id: Set(galil_list.id),
                            product_id: Set(row.id),
                            unit_price: Set(agorot(price * 92 / 100)),
                        }
                        .insert(txn)
                        .await?;
                    }
                    if number % 5 == 2 {
                        price_list_item::ActiveModel {
                            price_list_id: Set(negev_list.id),
                            product_id: Set(row.id),
                            unit_price: Set(agorot(price * 94 / 100)),
                        }
                        .insert(txn)
                        .await?;
                        if number.is_multiple_of(3) {
                            price_tier::ActiveModel {
                                price_list_id: Set(negev_list.id),
                                product_id: Set(row.id),
                                min_quantity: Set(50),
                                unit_price: Set(agorot(price * 85 / 100)),
                            }
                            .insert(txn)
                            .await?;
                        }
                    }
                    // One in ten is out of stock, one in ten has 1-5 left.
                    let on_hand = match (random >> 8) % 10 {
                        0 => 0,
                        1 => 1 + ((random >> 16) % 5) as i64,
                        _ => 20 + ((random >> 16) % 500) as i64,
                    };
                    stock::ActiveModel {
                        product_id: Set(row.id),
                        on_hand: Set(on_hand),
                        reserved: Set(0),
                        updated_at: Set(created_at),
                    }
                    .insert(txn)
                    .await?;
                    match top_position {
                        3 => electrical_products.push(row.id),
                        0 => tools_products.push(row.id),
                        _ => {}
                    }
                }
            }
        }
    }

    let [galil, negev] = company_ids;
    for (company_id, tops, list, discount, extra) in [
        (
            galil,
            GALIL_TOPS,
            galil_list.id,
            0,
            electrical_products.iter().take(5),
        ),
        (
            negev,
            NEGEV_TOPS,
            negev_list.id,
            300,
            tools_products.iter().take(5),
        ),
    ] {
        for top in tops {
            assortment_category::ActiveModel {
                company_id: Set(company_id),
                category_id: Set(top_ids[top]),
            }
            .insert(txn)
            .await?;
        }
        for product_id in extra {
            assortment_product::ActiveModel {
                company_id: Set(company_id),
                product_id: Set(*product_id),
            }
            .insert(txn)
            .await?;
        }
        company::Entity::update(company::ActiveModel {
            id: Set(company_id),
            price_list_id: Set(Some(list)),
            discount_basis_points: Set(discount),
            ..Default::default()
        })
        .exec(txn)
        .await?;
    }
    Ok(SeededCatalog { product_count })
}
