//! A year of order history for both demo companies (`../shared/api.md`, "Demo data"):
//! orders in every status a customer or the supplier meets, their timelines,
//! shipments, invoices (numbered per year without gaps, in date order), one return
//! with its credit note, payments, one overdue invoice (Negev's), and one open
//! cancellation request on top of the supplier's queue.
//!
//! **Deterministic:** the same orders, lines, quantities, amounts and statuses every
//! time (a fixed mixing function, no random generator). Only the dates move: the
//! history is laid out backwards from the moment of seeding, so "last week's order"
//! and "the overdue invoice" stay true on the day the demo starts.
//!
//! **Stock:** delivered history is already out of the warehouse (the seeded on-hand
//! quantities are what is left); orders still open reserve their stock, exactly as
//! placing them would have. Products of the categories the tests and browser tests
//! use are left alone, so their stock is what the catalog seed says.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rust_decimal::Decimal;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter,
};
use shared::{CompanyId, Email, Money, OrderStatus, Role};

use crate::db::money;
use crate::domain::approval::ApprovalReason;
use crate::domain::authz::Actor;
use crate::domain::catalog::offers::{list_prices, price_context};
use crate::domain::catalog::{CatalogViewer, listing};
use crate::domain::invoicing::issue::{self, CreditLine};
use crate::domain::invoicing::{CreditReason, SupplierDetails};
use crate::domain::ledger::payments::{self, PaymentInput};
use crate::domain::pricing::{line_total, unit_price};
use crate::entities::{
    invoice, order, order_approval, order_event, order_line, order_request, product, shipment,
    stock, user,
};

/// SKU prefixes (catalog leaves) the history orders from: none that a test or a
/// browser test counts stock of.
const HISTORY_PREFIXES: [&str; 10] = [
    "ADH", "BRU", "FAU", "FIT", "GLV", "LGT", "MS", "NUT", "PPE", "SWT",
];

const CARRIERS: [(&str, &str); 3] = [
    (
        "Israel Post",
        "https://israelpost.co.il/itemtrace?itemcode=",
    ),
    ("UPS", "https://www.ups.com/track?tracknum="),
    ("Cheetah Express", "https://www.cheetah.co.il/track/"),
];

/// The same mixer as the catalog seed: a deterministic spread of numbers.
fn mix(mut value: u64) -> u64 {
    value = value.wrapping_add(0x9E37_79B9_7F4A_7C15);
    value = (value ^ (value >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    value = (value ^ (value >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    value ^ (value >> 31)
}

/// Who is who in the history.
pub struct People {
    pub galil: i64,
    pub negev: i64,
    pub galil_buyer: i64,
    pub galil_approver: i64,
    pub negev_buyer: i64,
    pub staff: i64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Plan {
    PendingApproval,
    Rejected,
    Submitted,
    Confirmed,
    /// Confirmed, with the customer's cancellation request waiting on top of the queue.
    ConfirmedWithRequest,
    Picking,
    Invoiced,
    Shipped,
    Delivered,
    Cancelled,
    Returned,
}

impl Plan {
    fn status(self) -> OrderStatus {
        match self {
            Plan::PendingApproval => OrderStatus::PendingApproval,
            Plan::Rejected => OrderStatus::Rejected,
            Plan::Submitted => OrderStatus::Submitted,
            Plan::Confirmed | Plan::ConfirmedWithRequest => OrderStatus::Confirmed,
            Plan::Picking => OrderStatus::Picking,
            Plan::Invoiced => OrderStatus::Invoiced,
            Plan::Shipped => OrderStatus::Shipped,
            Plan::Delivered => OrderStatus::Delivered,
            Plan::Cancelled => OrderStatus::Cancelled,
            Plan::Returned => OrderStatus::Returned,
        }
    }

    fn invoiced(self) -> bool {
        matches!(
            self,
            Plan::Invoiced | Plan::Shipped | Plan::Delivered | Plan::Returned
        )
    }

    fn shipped(self) -> bool {
        matches!(self, Plan::Shipped | Plan::Delivered | Plan::Returned)
    }

    /// Reserves stock now (placed, not shipped, not cancelled).
    fn reserves(self) -> bool {
        matches!(
            self,
            Plan::PendingApproval
                | Plan::Submitted
                | Plan::Confirmed
                | Plan::ConfirmedWithRequest
                | Plan::Picking
                | Plan::Invoiced
        )
    }

    /// Waits for, or was refused, an approval: above Galil's 5,000 threshold.
    fn large(self) -> bool {
        matches!(self, Plan::PendingApproval | Plan::Rejected)
    }
}

struct Spec {
    company: i64,
    buyer: i64,
    created_at: DateTime<Utc>,
    plan: Plan,
    /// Above the company's approval threshold: went through (or waits for) its approver.
    large: bool,
    seed: u64,
    /// Position in the year of regular orders (0 = the latest); `None` for the
    /// recent orders still on their way.
    index: Option<u64>,
}

/// A product the history may order, with the company's price.
#[derive(Clone)]
struct Candidate {
    product: product::Model,
    list: crate::domain::pricing::ListPrice,
}

async fn candidates(
    txn: &DatabaseTransaction,
    company: i64,
) -> anyhow::Result<(Vec<Candidate>, crate::domain::pricing::DiscountPercent)> {
    let viewer = CatalogViewer::Customer(CompanyId(company));
    let visible = listing::visible_ids(txn, viewer, None)
        .await
        .map_err(|error| anyhow::anyhow!("{error:?}"))?;
    let ids: Vec<i64> = visible
        .into_iter()
        .filter(|(_, sku)| {
            HISTORY_PREFIXES
                .iter()
                .any(|prefix| sku.split('-').next() == Some(*prefix))
        })
        .map(|(id, _)| id)
        .collect();
    let stock: HashMap<i64, i64> = stock::Entity::find()
        .filter(stock::Column::ProductId.is_in(ids.clone()))
        .all(txn)
        .await?
        .into_iter()
        .map(|row| (row.product_id, row.on_hand))
        .collect();
    let context = price_context(txn, viewer)
        .await
        .map_err(|error| anyhow::anyhow!("{error:?}"))?;
    let prices = list_prices(txn, &context, &ids)
        .await
        .map_err(|error| anyhow::anyhow!("{error:?}"))?;
    let mut products = product::Entity::find()
        .filter(product::Column::Id.is_in(ids))
        .all(txn)
        .await?;
    products.sort_by(|a, b| a.sku.cmp(&b.sku));
    let list = products
        .into_iter()
        .filter(|row| stock.get(&row.id).copied().unwrap_or(0) >= 100)
        .filter_map(|row| {
            prices
                .get(&row.id)
                .cloned()
                .map(|list| Candidate { product: row, list })
        })
        .collect();
    Ok((list, context.discount))
}

/// The orders of one company: about five a month for a year, then the recent ones
/// still on their way.
fn plan_company(company: i64, buyer: i64, is_galil: bool, now: DateTime<Utc>) -> Vec<Spec> {
    let mut specs = Vec::new();
    let salt = if is_galil { 1_000 } else { 2_000 };
    for index in 0..60u64 {
        let seed = mix(salt + index);
        // Spread from 8 to about 360 days ago, a few hours into a working day.
        let days = 8 + index as i64 * 6 + (seed % 4) as i64;
        let hours = 2 + (seed >> 8) % 6;
        let created_at = now - Duration::days(days) - Duration::hours(hours as i64);
        let plan = if is_galil && index == 11 {
            Plan::Returned
        } else if is_galil && index == 16 {
            Plan::Rejected
        } else if index % 13 == 5 {
            Plan::Cancelled
        } else {
            Plan::Delivered
        };
        specs.push(Spec {
            company,
            buyer,
            created_at,
            plan,
            large: plan.large(),
            seed,
            index: Some(index),
        });
    }
    let recent: &[(i64, Plan)] = if is_galil {
        &[
            (5, Plan::Shipped),
            (4, Plan::Shipped),
            (3, Plan::Invoiced),
            (3, Plan::ConfirmedWithRequest),
            (2, Plan::Picking),
            (2, Plan::Confirmed),
            (1, Plan::Submitted),
            (1, Plan::PendingApproval),
        ]
    } else {
        &[
            (5, Plan::Shipped),
            (3, Plan::Invoiced),
            (2, Plan::Picking),
            (1, Plan::Confirmed),
            (1, Plan::Submitted),
        ]
    };
    for (index, (days, plan)) in recent.iter().enumerate() {
        let seed = mix(salt + 500 + index as u64);
        let created_at = now - Duration::days(*days) - Duration::hours(1 + (seed % 5) as i64);
        specs.push(Spec {
            company,
            buyer,
            created_at,
            plan: *plan,
            large: plan.large(),
            seed,
            index: None,
        });
    }
    specs
}

struct Line {
    product: product::Model,
    quantity: i32,
    unit: Money,
    total: Money,
}

/// What a company habitually buys, so the history has the patterns suggestions
/// look for: bundles of products ordered together (an anchor and two companions),
/// and staples reordered on a rhythm (every `period`-th regular order, about six days
/// apart, so a staple's last order falls where it is due soon or just overdue).
struct Habits {
    bundles: Vec<[usize; 3]>,
    /// (candidate, period, offset): in the regular orders whose index is `offset`
    /// modulo `period`.
    staples: Vec<(usize, u64, u64)>,
}

/// (period, offset) of the staples: about every 12, 18, 24 and 30 days, their last
/// orders 8, 14, 26 and 32 days before the seed (due in ~4 days, ~4 days, overdue ~2,
/// overdue ~2).
const STAPLE_RHYTHMS: [(u64, u64); 4] = [(2, 0), (3, 1), (4, 3), (5, 4)];

fn habits_of(candidates: &[Candidate], salt: u64) -> Habits {
    let count = candidates.len();
    let mut taken: Vec<usize> = Vec::new();
    let mut pick = |attempt: u64| -> Option<usize> {
        (0..count as u64 * 4).find_map(|step| {
            let index = mix(salt ^ (attempt * 7919 + step)) as usize % count.max(1);
            (!taken.contains(&index)).then(|| {
                taken.push(index);
                index
            })
        })
    };
    if count < 20 {
        return Habits {
            bundles: Vec::new(),
            staples: Vec::new(),
        };
    }
    let staples = STAPLE_RHYTHMS
        .iter()
        .enumerate()
        .filter_map(|(number, (period, offset))| {
            pick(100 + number as u64).map(|index| (index, *period, *offset))
        })
        .collect();
    let bundles = (0..4u64)
        .filter_map(|number| {
            Some([
                pick(200 + number * 3)?,
                pick(201 + number * 3)?,
                pick(202 + number * 3)?,
            ])
        })
        .collect();
    Habits { bundles, staples }
}

/// The candidates an order holds: one bundle (its anchor always, each companion most
/// of the time), more products at random up to 1-4 lines (large orders: at least 4),
/// and the staples due in this order.
fn picks_for(spec: &Spec, candidates: &[Candidate], habits: &Habits) -> Vec<usize> {
    let mut picks: Vec<usize> = Vec::new();
    if let Some(bundle) = habits
        .bundles
        .get((spec.seed % habits.bundles.len().max(1) as u64) as usize)
    {
        picks.push(bundle[0]);
        if (spec.seed >> 3) % 10 < 8 {
            picks.push(bundle[1]);
        }
        if (spec.seed >> 7) % 10 < 6 {
            picks.push(bundle[2]);
        }
    }
    let count = if spec.large {
        4
    } else {
        1 + (spec.seed >> 12) % 4
    };
    let staple = |index: usize| habits.staples.iter().any(|(staple, ..)| *staple == index);
    for position in 0..count {
        if picks.len() as u64 >= count {
            break;
        }
        let pick = mix(spec.seed.wrapping_add(position)) as usize % candidates.len();
        if !picks.contains(&pick) && !staple(pick) {
            picks.push(pick);
        }
    }
    if let Some(index) = spec.index {
        for (staple, period, offset) in &habits.staples {
            if index % period == *offset && !picks.contains(staple) {
                picks.push(*staple);
            }
        }
    }
    picks
}

/// Lines of about 150-900 ILS each (Galil's large orders: above 5,000 in all).
fn lines_for(
    spec: &Spec,
    candidates: &[Candidate],
    habits: &Habits,
    discount: crate::domain::pricing::DiscountPercent,
) -> Vec<Line> {
    if candidates.is_empty() {
        return Vec::new();
    }
    let mut lines: Vec<Line> = Vec::new();
    for (position, pick) in picks_for(spec, candidates, habits).into_iter().enumerate() {
        let position = position as u64;
        let candidate = &candidates[pick];
        let target = if spec.large {
            Decimal::from(1_600 + (spec.seed >> 20) % 400)
        } else {
            Decimal::from(150 + (mix(spec.seed ^ position) % 750))
        };
        let pack = i64::from(candidate.product.pack_size.max(1));
        let minimum = i64::from(candidate.product.min_order_quantity.max(1));
        let price = candidate.list.unit_price.amount().max(Decimal::new(1, 2));
        let wanted = (target / price)
            .round()
            .to_string()
            .parse::<i64>()
            .unwrap_or(1);
        let packs = (wanted.max(minimum) + pack - 1) / pack;
        let quantity = (packs.clamp(1, 40) * pack).max(minimum);
        let Ok(quantity) = i32::try_from(quantity) else {
            continue;
        };
        let unit = unit_price(&candidate.list, discount, quantity as u32);
        lines.push(Line {
            product: candidate.product.clone(),
            quantity,
            unit,
            total: line_total(unit, quantity as u32),
        });
    }
    lines.sort_by_key(|line| line.product.id);
    lines
}

fn event(
    order_id: i64,
    at: DateTime<Utc>,
    kind: &str,
    status: OrderStatus,
    actor: i64,
    comment: &str,
) -> order_event::ActiveModel {
    order_event::ActiveModel {
        order_id: Set(order_id),
        at: Set(at),
        kind: Set(kind.to_owned()),
        status: Set(status.as_str().to_owned()),
        actor_id: Set(Some(actor)),
        comment: Set(comment.to_owned()),
        ..Default::default()
    }
}

/// What the history wrote.
#[derive(Debug, Default)]
pub struct SeededHistory {
    pub orders: usize,
    pub invoices: usize,
    pub payments: usize,
}

/// Writes the history inside the demo seed's transaction.
pub async fn seed_history(
    txn: &DatabaseTransaction,
    people: &People,
    now: DateTime<Utc>,
) -> anyhow::Result<SeededHistory> {
    let supplier = SupplierDetails::default();
    let (galil_products, galil_discount) = candidates(txn, people.galil).await?;
    let (negev_products, negev_discount) = candidates(txn, people.negev).await?;
    let galil_habits = habits_of(&galil_products, 1_000);
    let negev_habits = habits_of(&negev_products, 2_000);
    let mut specs = plan_company(people.galil, people.galil_buyer, true, now);
    specs.extend(plan_company(people.negev, people.negev_buyer, false, now));
    // Some of Galil's delivered orders were large and went through its approver.
    for spec in specs.iter_mut() {
        if spec.company == people.galil && spec.plan == Plan::Delivered && spec.seed % 7 == 3 {
            spec.large = true;
        }
    }
    // Invoices are numbered in the order they were issued: process by date.
    specs.sort_by_key(|spec| spec.created_at);

    let staff = people.staff;
    let mut seeded = SeededHistory::default();
    let mut reservations: HashMap<i64, i64> = HashMap::new();
    let mut returned_invoice: Option<(invoice::Model, String, DateTime<Utc>)> = None;
    let auto_limit = Money::new(Decimal::from(5_000));
    for (sequence, spec) in specs.iter().enumerate() {
        let (products, habits, discount) = if spec.company == people.galil {
            (&galil_products, &galil_habits, galil_discount)
        } else {
            (&negev_products, &negev_habits, negev_discount)
        };
        let lines = lines_for(spec, products, habits, discount);
        if lines.is_empty() {
            continue;
        }
        let subtotal: Money = lines.iter().map(|line| line.total).sum();
        // Galil's rules: above 5,000 before VAT needs its approver.
        let needs_approval = spec.company == people.galil && subtotal > auto_limit;
        let vat = subtotal.vat();
        let total = subtotal + vat;
        let status = spec.plan.status();
        let reasons = if needs_approval {
            vec![ApprovalReason::AboveAutoApproval { limit: auto_limit }]
        } else {
            Vec::new()
        };
        let created = spec.created_at;
        let approved_at = created + Duration::minutes(40);
        let submitted_at = match spec.plan {
            Plan::PendingApproval | Plan::Rejected => None,
            _ if needs_approval => Some(approved_at),
            _ => Some(created),
        };
        let stored = |amount: Money| money::to_db(amount).unwrap_or_default();
        let row = order::ActiveModel {
            number: Set(String::new()),
            company_id: Set(spec.company),
            placed_by: Set(spec.buyer),
            status: Set(status.as_str().to_owned()),
            channel: Set(match sequence % 9 {
                4 => "PHONE",
                7 => "EMAIL",
                _ => "PORTAL",
            }
            .to_owned()),
            cost_center_id: Set(None),
            note: Set(String::new()),
            subtotal: Set(stored(subtotal)),
            vat: Set(stored(vat)),
            total: Set(stored(total)),
            approvals_required: Set(i32::from(needs_approval)),
            approval_reasons: Set(serde_json::to_string(&reasons)?),
            idempotency_key: Set(None),
            version: Set(0),
            created_at: Set(created),
            updated_at: Set(created),
            submitted_at: Set(submitted_at),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        let number = format!("SO-{:06}", row.id);
        order::Entity::update_many()
            .col_expr(order::Column::Number, Expr::value(number.clone()))
            .filter(order::Column::Id.eq(row.id))
            .exec(txn)
            .await?;
        // Phone and e-mail orders were entered by staff.
        if row.channel != "PORTAL" {
            order::Entity::update_many()
                .col_expr(order::Column::PlacedBy, Expr::value(staff))
                .filter(order::Column::Id.eq(row.id))
                .exec(txn)
                .await?;
        }
        let placed_by = if row.channel == "PORTAL" {
            spec.buyer
        } else {
            staff
        };
        order_line::Entity::insert_many(lines.iter().map(|line| order_line::ActiveModel {
            order_id: Set(row.id),
            product_id: Set(line.product.id),
            sku: Set(line.product.sku.clone()),
            name_he: Set(line.product.name_he.clone()),
            name_en: Set(line.product.name_en.clone()),
            quantity: Set(line.quantity),
            unit_price: Set(money::to_db_rounded(line.unit)),
            line_total: Set(stored(line.total)),
            ..Default::default()
        }))
        .exec(txn)
        .await?;

        // The timeline, step by step, as the workflow would have written it.
        let first_status = if needs_approval && row.channel == "PORTAL" {
            OrderStatus::PendingApproval
        } else {
            OrderStatus::Submitted
        };
        let mut events = vec![event(
            row.id,
            created,
            "PLACED",
            first_status,
            placed_by,
            "",
        )];
        if first_status == OrderStatus::PendingApproval {
            match spec.plan {
                Plan::PendingApproval => {}
                Plan::Rejected => events.push(event(
                    row.id,
                    approved_at,
                    "REJECTED",
                    OrderStatus::Rejected,
                    people.galil_approver,
                    "Over this month's budget; order again in the next month",
                )),
                _ => {
                    events.push(event(
                        row.id,
                        approved_at,
                        "APPROVED",
                        OrderStatus::Submitted,
                        people.galil_approver,
                        "",
                    ));
                    order_approval::ActiveModel {
                        order_id: Set(row.id),
                        approver_id: Set(people.galil_approver),
                        at: Set(approved_at),
                    }
                    .insert(txn)
                    .await?;
                }
            }
        }
        let steps: &[(i64, OrderStatus)] = &[
            (2 * 60, OrderStatus::Confirmed),
            (20 * 60, OrderStatus::Picking),
            (28 * 60, OrderStatus::Packed),
            (28 * 60, OrderStatus::Invoiced),
            (50 * 60, OrderStatus::Shipped),
            (96 * 60, OrderStatus::Delivered),
        ];
        let reached: usize = match spec.plan {
            Plan::PendingApproval | Plan::Rejected | Plan::Submitted => 0,
            Plan::Confirmed | Plan::ConfirmedWithRequest => 1,
            Plan::Cancelled => 1,
            Plan::Picking => 2,
            Plan::Invoiced => 4,
            Plan::Shipped => 5,
            Plan::Delivered | Plan::Returned => 6,
        };
        let carrier = CARRIERS[(spec.seed % 3) as usize];
        let tracking = format!("RR{:09}IL", spec.seed % 1_000_000_000);
        for (minutes, step) in &steps[..reached] {
            let at = created + Duration::minutes(*minutes);
            let comment = match step {
                OrderStatus::Shipped => format!("{} · {tracking}", carrier.0),
                OrderStatus::Delivered => "Signed by the warehouse manager".to_owned(),
                _ => String::new(),
            };
            // The invoice's event names it: written with the invoice below.
            if *step == OrderStatus::Invoiced {
                continue;
            }
            events.push(event(row.id, at, step.as_str(), *step, staff, &comment));
        }
        if spec.plan.invoiced() {
            let issued_at = created + Duration::minutes(28 * 60);
            let issued = issue::invoice_order(txn, &supplier, &row, Some(staff), issued_at)
                .await
                .map_err(|error| anyhow::anyhow!("{error:?}"))?;
            events.push(event(
                row.id,
                issued_at,
                "INVOICED",
                OrderStatus::Invoiced,
                staff,
                &format!("Invoice {}", issued.number),
            ));
            seeded.invoices += 1;
            if spec.plan == Plan::Returned {
                returned_invoice = Some((
                    issued,
                    lines[0].product.sku.clone(),
                    created + Duration::days(12),
                ));
            }
        }
        if spec.plan.shipped() {
            shipment::ActiveModel {
                order_id: Set(row.id),
                carrier: Set(carrier.0.to_owned()),
                tracking_number: Set(tracking.clone()),
                tracking_url: Set(Some(format!("{}{tracking}", carrier.1))),
                shipped_at: Set(created + Duration::minutes(50 * 60)),
                shipped_by: Set(staff),
                delivered_at: Set(matches!(spec.plan, Plan::Delivered | Plan::Returned)
                    .then(|| created + Duration::minutes(96 * 60))),
                delivered_by: Set(
                    matches!(spec.plan, Plan::Delivered | Plan::Returned).then_some(staff)
                ),
                delivery_note: Set(String::new()),
            }
            .insert(txn)
            .await?;
        }
        match spec.plan {
            Plan::Cancelled => events.push(event(
                row.id,
                created + Duration::minutes(5 * 60),
                "CANCELLED",
                OrderStatus::Cancelled,
                staff,
                "The customer asked to cancel by phone",
            )),
            Plan::ConfirmedWithRequest => {
                let at = created + Duration::minutes(4 * 60);
                events.push(event(
                    row.id,
                    at,
                    "CANCELLATION_REQUESTED",
                    OrderStatus::Confirmed,
                    spec.buyer,
                    "Ordered twice by mistake: please cancel this one",
                ));
                order_request::ActiveModel {
                    order_id: Set(row.id),
                    kind: Set("CANCEL".to_owned()),
                    status: Set("OPEN".to_owned()),
                    message: Set("Ordered twice by mistake: please cancel this one".to_owned()),
                    reason: Set(None),
                    lines: Set("[]".to_owned()),
                    requested_by: Set(spec.buyer),
                    requested_at: Set(at),
                    decided_by: Set(None),
                    decided_at: Set(None),
                    decision_comment: Set(String::new()),
                    ..Default::default()
                }
                .insert(txn)
                .await?;
            }
            _ => {}
        }
        let last_at = events
            .iter()
            .filter_map(|event| match &event.at {
                sea_orm::ActiveValue::Set(at) => Some(*at),
                _ => None,
            })
            .max()
            .unwrap_or(created);
        let version = i32::try_from(events.len()).unwrap_or(0);
        order_event::Entity::insert_many(events).exec(txn).await?;
        order::Entity::update_many()
            .col_expr(order::Column::Version, Expr::value(version))
            .col_expr(order::Column::UpdatedAt, Expr::value(last_at))
            .filter(order::Column::Id.eq(row.id))
            .exec(txn)
            .await?;
        if spec.plan.reserves() {
            for line in &lines {
                *reservations.entry(line.product.id).or_insert(0) += i64::from(line.quantity);
            }
        }
        seeded.orders += 1;
    }

    // The one return: half of a delivered order's first line came back damaged.
    if let Some((invoice_row, sku, at)) = returned_invoice {
        let billed = crate::entities::invoice_line::Entity::find()
            .filter(crate::entities::invoice_line::Column::InvoiceId.eq(invoice_row.id))
            .all(txn)
            .await?;
        let quantity = billed
            .iter()
            .find(|line| line.sku == sku)
            .map_or(1, |line| (line.quantity / 2).max(1));
        let (note, _) = issue::credit_note(
            txn,
            &invoice_row,
            Some(&[CreditLine { sku, quantity }]),
            CreditReason::Damaged,
            "Crushed in transit; returned with the driver",
            Some(staff),
            at,
        )
        .await
        .map_err(|error| anyhow::anyhow!("{error:?}"))?;
        order_event::ActiveModel {
            order_id: Set(invoice_row.order_id),
            at: Set(at),
            kind: Set("RETURNED".to_owned()),
            status: Set(OrderStatus::Returned.as_str().to_owned()),
            actor_id: Set(Some(staff)),
            comment: Set(format!("Credit note {} (DAMAGED)", note.number)),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }

    // Open orders hold their stock, as placing them did.
    let mut reserved: Vec<(i64, i64)> = reservations.into_iter().collect();
    reserved.sort_unstable();
    let levels: HashMap<i64, stock::Model> = stock::Entity::find()
        .filter(stock::Column::ProductId.is_in(reserved.iter().map(|(id, _)| *id)))
        .all(txn)
        .await?
        .into_iter()
        .map(|row| (row.product_id, row))
        .collect();
    for (product_id, quantity) in reserved {
        let Some(level) = levels.get(&product_id) else {
            continue;
        };
        let reserved = level.reserved + quantity;
        stock::Entity::update_many()
            .col_expr(stock::Column::Reserved, Expr::value(reserved))
            .col_expr(
                stock::Column::OnHand,
                Expr::value(level.on_hand.max(reserved)),
            )
            .filter(stock::Column::ProductId.eq(product_id))
            .exec(txn)
            .await?;
    }

    seeded.payments = seed_payments(txn, people, now).await?;
    Ok(seeded)
}

/// Payments: Galil pays each month's invoices (less its credit note) on the due
/// date; Negev pays each invoice a few days before its due date, except its most
/// recently due one: the demo's overdue invoice.
async fn seed_payments(
    txn: &DatabaseTransaction,
    people: &People,
    now: DateTime<Utc>,
) -> anyhow::Result<usize> {
    let today = now.date_naive();
    let staff_row = user::Entity::find_by_id(people.staff)
        .one(txn)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no staff user"))?;
    let actor = Actor {
        user_id: shared::UserId(staff_row.id),
        email: Email::parse(&staff_row.email).map_err(|error| anyhow::anyhow!("{error}"))?,
        role: Role::SupplierStaff,
        company_id: None,
        language: shared::Language::He,
        session_id: None,
        api_key: None,
    };
    let credited: HashMap<i64, i64> = crate::entities::credit_note::Entity::find()
        .all(txn)
        .await?
        .into_iter()
        .fold(HashMap::new(), |mut sums, note| {
            *sums.entry(note.invoice_id).or_insert(0) += note.total;
            sums
        });
    let mut count = 0;
    for company in [people.galil, people.negev] {
        let mut due: Vec<invoice::Model> = invoice::Entity::find()
            .filter(invoice::Column::CompanyId.eq(company))
            .filter(invoice::Column::DueDate.lt(today))
            .all(txn)
            .await?;
        due.sort_by_key(|row| (row.due_date, row.id));
        let mut payments: Vec<(NaiveDate, i64, String)> = Vec::new();
        if company == people.galil {
            let mut by_month: Vec<(NaiveDate, i64)> = Vec::new();
            for row in &due {
                let amount = row.total - credited.get(&row.id).copied().unwrap_or(0);
                match by_month.last_mut() {
                    Some((date, sum)) if *date == row.due_date => *sum += amount,
                    _ => by_month.push((row.due_date, amount)),
                }
            }
            for (due_date, amount) in by_month {
                let paid_on = (due_date - Duration::days(1)).min(today);
                // One transfer per month of invoices (they share the due date).
                let reference = format!("GALIL-{}", due_date.format("%Y%m%d"));
                payments.push((paid_on, amount, reference));
            }
        } else {
            // The most recently due invoice stays unpaid: overdue.
            due.pop();
            for row in &due {
                let amount = row.total - credited.get(&row.id).copied().unwrap_or(0);
                let paid_on = (row.due_date - Duration::days(3))
                    .max(row.issue_date)
                    .min(today);
                payments.push((paid_on, amount, format!("TRF-{}", row.number)));
            }
        }
        for (received_on, amount, reference) in payments {
            if amount <= 0 {
                continue;
            }
            payments::record(
                txn,
                &actor,
                PaymentInput {
                    company_id: CompanyId(company),
                    amount: money::from_db(amount).amount(),
                    received_on,
                    reference,
                    note: "Bank transfer".to_owned(),
                },
                now,
            )
            .await
            .map_err(|error| anyhow::anyhow!("{error:?}"))?;
            count += 1;
        }
    }
    Ok(count)
}
