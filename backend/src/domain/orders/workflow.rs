//! The order state machine of rule 7, as one pure function: which move is legal from
//! which status, who may make it, and what it does. [`super::fulfil`] applies the
//! answer to the database in one transaction.
//!
//! ```text
//! SUBMITTED -> CONFIRMED -> PICKING -> PACKED -> INVOICED -> SHIPPED -> DELIVERED
//!     \___________\___________\__________\_________\-> CANCELLED    \________\-> RETURNED
//! ```
//!
//! `PENDING_APPROVAL` and `REJECTED` belong to the approval chain (`decide.rs`): no
//! fulfilment move starts there.
//!
//! Decisions written down here:
//! - **Packing issues the invoice in the same step.** `PACK` moves `PICKING` to
//!   `PACKED` and at once to `INVOICED`, with an event for each, in one transaction:
//!   the invoice is part of the flow (rule 8), and an order never waits in `PACKED`
//!   for someone to remember the invoice. `INVOICE` exists for an order that is
//!   `PACKED` without an invoice (none are, unless data was imported that way).
//! - **Stock is consumed when the goods leave the warehouse, at `SHIPPED`.** Until then
//!   it stays reserved (on hand, not available), so a cancellation up to and including
//!   `INVOICED` only releases the reservation and nothing has to be counted back in.
//! - **Customers request; the supplier decides.** Buyers, approvers and company admins
//!   ask for a cancellation or a change (before shipping) or a return (after it); the
//!   request goes on top of the supplier's queue, and staff accept it with the real
//!   move. A customer may confirm the delivery of its own order, as staff may.
//! - A cancellation after invoicing, and a return, issue a credit note.
//! - Every status change settles the open customer requests it makes impossible
//!   (`fulfil::request_outcome`): granted when the order was cancelled or returned as
//!   asked, declined when it moved past them.

use shared::{OrderStatus, Role};

/// A step someone asks the workflow to take.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    Confirm,
    StartPicking,
    /// Packed, and the invoice issued: lands in `INVOICED`.
    Pack,
    /// Issues the invoice of a `PACKED` order.
    Invoice,
    Ship,
    Deliver,
    Cancel,
    Return,
    RequestCancellation,
    RequestChange,
    RequestReturn,
}

impl Action {
    pub const ALL: [Action; 11] = [
        Action::Confirm,
        Action::StartPicking,
        Action::Pack,
        Action::Invoice,
        Action::Ship,
        Action::Deliver,
        Action::Cancel,
        Action::Return,
        Action::RequestCancellation,
        Action::RequestChange,
        Action::RequestReturn,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Action::Confirm => "CONFIRM",
            Action::StartPicking => "START_PICKING",
            Action::Pack => "PACK",
            Action::Invoice => "INVOICE",
            Action::Ship => "SHIP",
            Action::Deliver => "DELIVER",
            Action::Cancel => "CANCEL",
            Action::Return => "RETURN",
            Action::RequestCancellation => "REQUEST_CANCELLATION",
            Action::RequestChange => "REQUEST_CHANGE",
            Action::RequestReturn => "REQUEST_RETURN",
        }
    }

    /// The move in words, for messages: "An order that is SHIPPED cannot be confirmed".
    fn verb(self) -> &'static str {
        match self {
            Action::Confirm => "confirmed",
            Action::StartPicking => "picked",
            Action::Pack => "packed",
            Action::Invoice => "invoiced",
            Action::Ship => "shipped",
            Action::Deliver => "marked delivered",
            Action::Cancel => "cancelled",
            Action::Return => "returned",
            Action::RequestCancellation => "asked to be cancelled",
            Action::RequestChange => "asked to be changed",
            Action::RequestReturn => "asked to be returned",
        }
    }

    /// A customer's request rather than a step of the supplier.
    pub fn is_request(self) -> bool {
        matches!(
            self,
            Action::RequestCancellation | Action::RequestChange | Action::RequestReturn
        )
    }

    /// Who may take this step at all (in some status).
    pub fn allowed_roles(self) -> &'static [Role] {
        use Role::*;
        match self {
            Action::Confirm
            | Action::StartPicking
            | Action::Pack
            | Action::Invoice
            | Action::Ship
            | Action::Cancel
            | Action::Return => &[SupplierStaff],
            Action::Deliver => &[SupplierStaff, Buyer, Approver, CompanyAdmin],
            Action::RequestCancellation | Action::RequestChange | Action::RequestReturn => {
                &[Buyer, Approver, CompanyAdmin]
            }
        }
    }

    /// The statuses this step starts from.
    pub fn from_statuses(self) -> &'static [OrderStatus] {
        use OrderStatus::*;
        match self {
            Action::Confirm => &[Submitted],
            Action::StartPicking => &[Confirmed],
            Action::Pack => &[Picking],
            Action::Invoice => &[Packed],
            Action::Ship => &[Invoiced],
            Action::Deliver => &[Shipped],
            Action::Cancel | Action::RequestCancellation => {
                &[Submitted, Confirmed, Picking, Packed, Invoiced]
            }
            Action::RequestChange => &[Submitted, Confirmed, Picking],
            Action::Return | Action::RequestReturn => &[Shipped, Delivered],
        }
    }
}

/// What a customer asks the supplier for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RequestKind {
    Cancel,
    Change,
    Return,
}

impl RequestKind {
    pub const ALL: [RequestKind; 3] = [
        RequestKind::Cancel,
        RequestKind::Change,
        RequestKind::Return,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RequestKind::Cancel => "CANCEL",
            RequestKind::Change => "CHANGE",
            RequestKind::Return => "RETURN",
        }
    }

    pub fn parse(name: &str) -> Option<RequestKind> {
        RequestKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == name)
    }
}

/// What a legal move does, besides changing the status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Effect {
    /// Reserved stock goes back to available (reserved down).
    ReleaseReservation,
    /// The goods leave the warehouse: on hand and reserved both down.
    ConsumeStock,
    /// The invoice is issued, numbered, and debited to the company's ledger.
    IssueInvoice,
    /// A credit note for the whole invoice, credited to the ledger.
    CreditWholeInvoice,
    /// The returned lines come back on hand and a credit note covers them.
    RestockAndCreditReturn,
    /// Carrier and tracking are recorded.
    RecordShipment,
    /// The delivery time (and who confirmed it) is recorded.
    RecordDelivery,
    /// A customer request goes on top of the supplier's queue, staff are alerted.
    OpenRequest(RequestKind),
    /// The buyer hears of the new status (in-app and e-mail).
    NotifyBuyer,
}

/// The answer for a legal move.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transition {
    pub from: OrderStatus,
    /// The statuses the order passes through, each with an event of its own; the last
    /// one is where it lands. Empty for a request: the status does not change.
    pub steps: Vec<OrderStatus>,
    pub effects: Vec<Effect>,
}

impl Transition {
    /// The status after the move.
    pub fn to(&self) -> OrderStatus {
        self.steps.last().copied().unwrap_or(self.from)
    }

    pub fn has(&self, effect: Effect) -> bool {
        self.effects.contains(&effect)
    }
}

/// Why a move is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The caller's role never takes this step.
    RoleNotAllowed,
    /// The step does not start from the order's status (`INVALID_TRANSITION`).
    IllegalFrom { message: String },
}

fn describe(statuses: &[OrderStatus]) -> String {
    let names: Vec<&str> = statuses.iter().map(|status| status.as_str()).collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// The one decision of the workflow: may `role` take `action` on an order that is
/// `status`, where does the order land, and what happens on the way.
pub fn decide(status: OrderStatus, action: Action, role: Role) -> Result<Transition, Refusal> {
    use OrderStatus::*;
    if !action.allowed_roles().contains(&role) {
        return Err(Refusal::RoleNotAllowed);
    }
    if !action.from_statuses().contains(&status) {
        return Err(Refusal::IllegalFrom {
            message: format!(
                "An order that is {} cannot be {}; only an order that is {} can",
                status.as_str(),
                action.verb(),
                describe(action.from_statuses())
            ),
        });
    }
    let (steps, effects): (Vec<OrderStatus>, Vec<Effect>) = match action {
        Action::Confirm => (vec![Confirmed], vec![Effect::NotifyBuyer]),
        Action::StartPicking => (vec![Picking], vec![]),
        Action::Pack => (
            vec![Packed, Invoiced],
            vec![Effect::IssueInvoice, Effect::NotifyBuyer],
        ),
        Action::Invoice => (
            vec![Invoiced],
            vec![Effect::IssueInvoice, Effect::NotifyBuyer],
        ),
        Action::Ship => (
            vec![Shipped],
            vec![
                Effect::ConsumeStock,
                Effect::RecordShipment,
                Effect::NotifyBuyer,
            ],
        ),
        Action::Deliver => (
            vec![Delivered],
            vec![Effect::RecordDelivery, Effect::NotifyBuyer],
        ),
        Action::Cancel => {
            let mut effects = vec![Effect::ReleaseReservation];
            if status == Invoiced {
                effects.push(Effect::CreditWholeInvoice);
            }
            effects.push(Effect::NotifyBuyer);
            (vec![Cancelled], effects)
        }
        Action::Return => (
            vec![Returned],
            vec![Effect::RestockAndCreditReturn, Effect::NotifyBuyer],
        ),
        Action::RequestCancellation => (vec![], vec![Effect::OpenRequest(RequestKind::Cancel)]),
        Action::RequestChange => (vec![], vec![Effect::OpenRequest(RequestKind::Change)]),
        Action::RequestReturn => (vec![], vec![Effect::OpenRequest(RequestKind::Return)]),
    };
    Ok(Transition {
        from: status,
        steps,
        effects,
    })
}

/// The moves the role may make from `status` now (for the UI's buttons).
pub fn available_actions(status: OrderStatus, role: Role, has_open_request: bool) -> Vec<Action> {
    Action::ALL
        .into_iter()
        .filter(|action| decide(status, *action, role).is_ok())
        // One open request at a time: a second one is refused until the supplier answers.
        .filter(|action| !(has_open_request && action.is_request()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use OrderStatus::*;
    use Role::*;

    const CUSTOMERS_WHO_ACT: [Role; 3] = [Buyer, Approver, CompanyAdmin];

    /// The whole table, written independently of `decide`: every legal
    /// (status, action) with the roles that may take it and where it lands.
    fn legal() -> Vec<(OrderStatus, Action, Vec<Role>, OrderStatus)> {
        let staff = vec![SupplierStaff];
        let customers = CUSTOMERS_WHO_ACT.to_vec();
        let mut table = vec![
            (Submitted, Action::Confirm, staff.clone(), Confirmed),
            (Confirmed, Action::StartPicking, staff.clone(), Picking),
            (Picking, Action::Pack, staff.clone(), Invoiced),
            (Packed, Action::Invoice, staff.clone(), Invoiced),
            (Invoiced, Action::Ship, staff.clone(), Shipped),
            (
                Shipped,
                Action::Deliver,
                vec![SupplierStaff, Buyer, Approver, CompanyAdmin],
                Delivered,
            ),
        ];
        for status in [Submitted, Confirmed, Picking, Packed, Invoiced] {
            table.push((status, Action::Cancel, staff.clone(), Cancelled));
            table.push((
                status,
                Action::RequestCancellation,
                customers.clone(),
                status,
            ));
        }
        for status in [Submitted, Confirmed, Picking] {
            table.push((status, Action::RequestChange, customers.clone(), status));
        }
        for status in [Shipped, Delivered] {
            table.push((status, Action::Return, staff.clone(), Returned));
            table.push((status, Action::RequestReturn, customers.clone(), status));
        }
        table
    }

    #[test]
    fn every_status_action_and_role_gets_exactly_the_answer_of_the_table() {
        let table = legal();
        let mut checked = 0;
        for status in OrderStatus::ALL {
            for action in Action::ALL {
                for role in Role::ALL {
                    checked += 1;
                    let expected = table
                        .iter()
                        .find(|(from, step, _, _)| *from == status && *step == action);
                    let answer = decide(status, action, role);
                    match expected {
                        Some((_, _, roles, to)) if roles.contains(&role) => {
                            let transition = answer.unwrap_or_else(|refusal| {
                                panic!("{status:?} {action:?} by {role:?}: refused {refusal:?}")
                            });
                            assert_eq!(transition.to(), *to, "{status:?} {action:?}");
                            assert_eq!(transition.from, status);
                        }
                        _ => {
                            let refusal = answer.err().unwrap_or_else(|| {
                                panic!("{status:?} {action:?} by {role:?} was allowed")
                            });
                            if action.allowed_roles().contains(&role) {
                                assert!(
                                    matches!(refusal, Refusal::IllegalFrom { .. }),
                                    "{status:?} {action:?} by {role:?}: {refusal:?}"
                                );
                            } else {
                                assert_eq!(refusal, Refusal::RoleNotAllowed);
                            }
                        }
                    }
                }
            }
        }
        assert_eq!(checked, 11 * 11 * 5);
    }

    #[test]
    fn no_move_starts_from_a_final_status_or_inside_the_approval_chain() {
        for status in [PendingApproval, Rejected, Cancelled, Returned] {
            for role in Role::ALL {
                assert!(
                    available_actions(status, role, false).is_empty(),
                    "{status:?}"
                );
            }
        }
        // A delivered order can still come back, and only that.
        assert_eq!(
            available_actions(Delivered, SupplierStaff, false),
            vec![Action::Return]
        );
    }

    #[test]
    fn an_open_request_hides_the_requests_but_not_the_supplier_steps() {
        let customer = available_actions(Submitted, Buyer, false);
        assert!(customer.contains(&Action::RequestCancellation));
        assert!(customer.contains(&Action::RequestChange));
        let waiting = available_actions(Submitted, Buyer, true);
        assert!(
            waiting.iter().all(|action| !action.is_request()),
            "{waiting:?}"
        );
        assert_eq!(
            available_actions(Submitted, SupplierStaff, true),
            available_actions(Submitted, SupplierStaff, false)
        );
    }

    #[test]
    fn viewers_only_read() {
        for status in OrderStatus::ALL {
            assert!(available_actions(status, Viewer, false).is_empty());
        }
    }

    #[test]
    fn packing_passes_through_packed_and_issues_the_invoice() {
        let transition = decide(Picking, Action::Pack, SupplierStaff).unwrap_or_else(|_| panic!());
        assert_eq!(transition.steps, vec![Packed, Invoiced]);
        assert!(transition.has(Effect::IssueInvoice));
        assert!(!transition.has(Effect::ConsumeStock));
    }

    #[test]
    fn stock_is_released_on_cancel_and_consumed_only_at_shipping() {
        for status in [Submitted, Confirmed, Picking, Packed, Invoiced] {
            let cancel = decide(status, Action::Cancel, SupplierStaff).unwrap_or_else(|_| panic!());
            assert!(cancel.has(Effect::ReleaseReservation), "{status:?}");
            assert_eq!(
                cancel.has(Effect::CreditWholeInvoice),
                status == Invoiced,
                "only an invoiced order needs a credit note"
            );
        }
        let consuming: Vec<(OrderStatus, Action)> = OrderStatus::ALL
            .into_iter()
            .flat_map(|status| Action::ALL.into_iter().map(move |action| (status, action)))
            .filter(|(status, action)| {
                decide(*status, *action, SupplierStaff)
                    .is_ok_and(|transition| transition.has(Effect::ConsumeStock))
            })
            .collect();
        assert_eq!(consuming, vec![(Invoiced, Action::Ship)]);
    }

    #[test]
    fn a_return_restocks_and_credits() {
        for status in [Shipped, Delivered] {
            let transition =
                decide(status, Action::Return, SupplierStaff).unwrap_or_else(|_| panic!());
            assert!(transition.has(Effect::RestockAndCreditReturn));
        }
    }

    #[test]
    fn requests_change_nothing_but_open_a_request() {
        let transition =
            decide(Confirmed, Action::RequestCancellation, Buyer).unwrap_or_else(|_| panic!());
        assert_eq!(transition.to(), Confirmed);
        assert!(transition.steps.is_empty());
        assert_eq!(
            transition.effects,
            vec![Effect::OpenRequest(RequestKind::Cancel)]
        );
    }

    #[test]
    fn an_illegal_move_says_which_statuses_allow_it() {
        let refusal = decide(Shipped, Action::Confirm, SupplierStaff);
        assert_eq!(
            refusal,
            Err(Refusal::IllegalFrom {
                message: "An order that is SHIPPED cannot be confirmed; only an order that is SUBMITTED can"
                    .to_owned()
            })
        );
        let Err(Refusal::IllegalFrom { message }) =
            decide(Delivered, Action::Cancel, SupplierStaff)
        else {
            panic!("cancelling a delivered order was allowed")
        };
        assert!(message.contains("SUBMITTED, CONFIRMED, PICKING, PACKED or INVOICED"));
    }

    #[test]
    fn request_kinds_round_trip() {
        for kind in RequestKind::ALL {
            assert_eq!(RequestKind::parse(kind.as_str()), Some(kind));
        }
    }
}
