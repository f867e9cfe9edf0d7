//! Fulfilment and accounting: shipments, customer requests on orders (cancel, change,
//! return), invoices and credit notes with their lines, gapless document counters,
//! payments and the ledger; indexes for the supplier's order queue filters.
//!
//! Documents are immutable once issued: no code path updates or deletes a row of
//! `invoices`, `invoice_lines`, `credit_notes`, `credit_note_lines` or
//! `ledger_entries`, and their foreign keys restrict deletes of what they point to.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Companies {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Orders {
    Table,
    Id,
    Channel,
    CreatedAt,
}

#[derive(DeriveIden)]
enum OrderLines {
    Table,
    Sku,
    OrderId,
}

#[derive(DeriveIden)]
enum Shipments {
    Table,
    OrderId,
    Carrier,
    TrackingNumber,
    TrackingUrl,
    ShippedAt,
    ShippedBy,
    DeliveredAt,
    DeliveredBy,
    /// Who signed for the goods, or a note of the delivery.
    DeliveryNote,
}

#[derive(DeriveIden)]
enum OrderRequests {
    Table,
    Id,
    OrderId,
    /// `CANCEL`, `CHANGE` or `RETURN`.
    Kind,
    /// `OPEN`, `ACCEPTED` or `DECLINED`.
    Status,
    Message,
    /// A return's reason: `WRONG_ITEM`, `DAMAGED`, `OTHER`.
    Reason,
    /// A return's lines as JSON: `[{"sku": "...", "quantity": 2}]`.
    Lines,
    RequestedBy,
    RequestedAt,
    DecidedBy,
    DecidedAt,
    DecisionComment,
}

#[derive(DeriveIden)]
enum DocumentCounters {
    Table,
    /// `INVOICE` or `CREDIT_NOTE`.
    Series,
    Year,
    LastNumber,
}

#[derive(DeriveIden)]
enum Invoices {
    Table,
    Id,
    /// `INV-2026-000001`.
    Number,
    Year,
    Sequence,
    OrderId,
    CompanyId,
    IssuedAt,
    IssueDate,
    DueDate,
    /// `NET 30` or `EOM+30`, as agreed when the invoice was issued.
    PaymentTerms,
    SupplierName,
    SupplierVatNumber,
    SupplierAddress,
    CustomerName,
    CustomerVatNumber,
    Currency,
    Subtotal,
    VatRatePercent,
    Vat,
    Total,
    IssuedBy,
}

#[derive(DeriveIden)]
enum InvoiceLines {
    Table,
    Id,
    InvoiceId,
    Position,
    Sku,
    NameHe,
    NameEn,
    Quantity,
    UnitPrice,
    LineTotal,
}

#[derive(DeriveIden)]
enum CreditNotes {
    Table,
    Id,
    /// `CN-2026-000001`.
    Number,
    Year,
    Sequence,
    InvoiceId,
    OrderId,
    CompanyId,
    IssuedAt,
    IssueDate,
    /// `CANCELLATION` or `RETURN`.
    Kind,
    /// `CANCELLED`, `WRONG_ITEM`, `DAMAGED`, `OTHER`.
    Reason,
    Comment,
    Subtotal,
    Vat,
    Total,
    IssuedBy,
}

#[derive(DeriveIden)]
enum CreditNoteLines {
    Table,
    Id,
    CreditNoteId,
    Position,
    Sku,
    NameHe,
    NameEn,
    Quantity,
    UnitPrice,
    LineTotal,
}

#[derive(DeriveIden)]
enum Payments {
    Table,
    Id,
    CompanyId,
    Amount,
    ReceivedOn,
    Reference,
    Note,
    RecordedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum LedgerEntries {
    Table,
    Id,
    CompanyId,
    EntryDate,
    /// `INVOICE` (debit), `CREDIT_NOTE` or `PAYMENT` (credit).
    Kind,
    Reference,
    Debit,
    Credit,
    InvoiceId,
    CreditNoteId,
    PaymentId,
    DueDate,
    CreatedAt,
}

fn fk(
    name: &str,
    from: (impl IntoIden + 'static, impl IntoIden + 'static),
    to: (impl IntoIden + 'static, impl IntoIden + 'static),
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(ForeignKeyAction::Restrict)
        .to_owned()
}

async fn index(
    manager: &SchemaManager<'_>,
    name: &str,
    table: impl IntoIden + 'static,
    columns: Vec<DynIden>,
    unique: bool,
) -> Result<(), DbErr> {
    let mut index = Index::create();
    index.name(name).table(table);
    for column in columns {
        index.col(column);
    }
    if unique {
        index.unique();
    }
    manager.create_index(index.to_owned()).await
}

/// Money columns: `BIGINT` ten-thousandths, like every amount of the schema.
fn money_columns<T: IntoIden + 'static>(table: &mut TableCreateStatement, columns: Vec<T>) {
    for column in columns {
        table.col(big_integer(column));
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // The supplier's queue filters by channel and date, and searches by SKU.
        index(
            manager,
            "ix_orders_channel",
            Orders::Table,
            vec![Orders::Channel.into_iden(), Orders::Id.into_iden()],
            false,
        )
        .await?;
        index(
            manager,
            "ix_orders_created_at",
            Orders::Table,
            vec![Orders::CreatedAt.into_iden()],
            false,
        )
        .await?;
        index(
            manager,
            "ix_order_lines_sku",
            OrderLines::Table,
            vec![OrderLines::Sku.into_iden(), OrderLines::OrderId.into_iden()],
            false,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(Shipments::Table)
                    .col(big_integer(Shipments::OrderId).primary_key())
                    .col(string_len(Shipments::Carrier, 100))
                    .col(string_len(Shipments::TrackingNumber, 100))
                    .col(string_len_null(Shipments::TrackingUrl, 500))
                    .col(timestamp_with_time_zone(Shipments::ShippedAt))
                    .col(big_integer(Shipments::ShippedBy))
                    .col(timestamp_with_time_zone_null(Shipments::DeliveredAt))
                    .col(big_integer_null(Shipments::DeliveredBy))
                    .col(string_len(Shipments::DeliveryNote, 300).default(""))
                    .foreign_key(&mut fk(
                        "fk_shipments_order",
                        (Shipments::Table, Shipments::OrderId),
                        (Orders::Table, Orders::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_shipments_shipped_by",
                        (Shipments::Table, Shipments::ShippedBy),
                        (Users::Table, Users::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_shipments_delivered_by",
                        (Shipments::Table, Shipments::DeliveredBy),
                        (Users::Table, Users::Id),
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(OrderRequests::Table)
                    .col(big_pk_auto(OrderRequests::Id))
                    .col(big_integer(OrderRequests::OrderId))
                    .col(string_len(OrderRequests::Kind, 16))
                    .col(string_len(OrderRequests::Status, 16))
                    .col(string_len(OrderRequests::Message, 1000).default(""))
                    .col(string_len_null(OrderRequests::Reason, 16))
                    .col(text(OrderRequests::Lines).default("[]"))
                    .col(big_integer(OrderRequests::RequestedBy))
                    .col(timestamp_with_time_zone(OrderRequests::RequestedAt))
                    .col(big_integer_null(OrderRequests::DecidedBy))
                    .col(timestamp_with_time_zone_null(OrderRequests::DecidedAt))
                    .col(string_len(OrderRequests::DecisionComment, 1000).default(""))
                    .foreign_key(&mut fk(
                        "fk_order_requests_order",
                        (OrderRequests::Table, OrderRequests::OrderId),
                        (Orders::Table, Orders::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_order_requests_requested_by",
                        (OrderRequests::Table, OrderRequests::RequestedBy),
                        (Users::Table, Users::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_order_requests_decided_by",
                        (OrderRequests::Table, OrderRequests::DecidedBy),
                        (Users::Table, Users::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ix_order_requests_status",
            OrderRequests::Table,
            vec![
                OrderRequests::Status.into_iden(),
                OrderRequests::Id.into_iden(),
            ],
            false,
        )
        .await?;
        index(
            manager,
            "ix_order_requests_order",
            OrderRequests::Table,
            vec![OrderRequests::OrderId.into_iden()],
            false,
        )
        .await?;
        // At most one open request per order, also under concurrent requests. A
        // partial unique index has the same syntax on SQLite and PostgreSQL.
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX ux_order_requests_open ON order_requests (order_id) \
                 WHERE status = 'OPEN'",
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(DocumentCounters::Table)
                    .col(string_len(DocumentCounters::Series, 16))
                    .col(integer(DocumentCounters::Year))
                    .col(big_integer(DocumentCounters::LastNumber).default(0))
                    .primary_key(
                        Index::create()
                            .col(DocumentCounters::Series)
                            .col(DocumentCounters::Year),
                    )
                    .to_owned(),
            )
            .await?;

        let mut invoices = Table::create();
        invoices
            .table(Invoices::Table)
            .col(big_pk_auto(Invoices::Id))
            .col(string_len(Invoices::Number, 32))
            .col(integer(Invoices::Year))
            .col(big_integer(Invoices::Sequence))
            .col(big_integer(Invoices::OrderId))
            .col(big_integer(Invoices::CompanyId))
            .col(timestamp_with_time_zone(Invoices::IssuedAt))
            .col(date(Invoices::IssueDate))
            .col(date(Invoices::DueDate))
            .col(string_len(Invoices::PaymentTerms, 16))
            .col(string_len(Invoices::SupplierName, 200))
            .col(string_len(Invoices::SupplierVatNumber, 32))
            .col(string_len(Invoices::SupplierAddress, 300))
            .col(string_len(Invoices::CustomerName, 200))
            .col(string_len_null(Invoices::CustomerVatNumber, 32))
            .col(string_len(Invoices::Currency, 3))
            .col(integer(Invoices::VatRatePercent))
            .col(big_integer_null(Invoices::IssuedBy));
        money_columns(
            &mut invoices,
            vec![Invoices::Subtotal, Invoices::Vat, Invoices::Total],
        );
        invoices
            .foreign_key(&mut fk(
                "fk_invoices_order",
                (Invoices::Table, Invoices::OrderId),
                (Orders::Table, Orders::Id),
            ))
            .foreign_key(&mut fk(
                "fk_invoices_company",
                (Invoices::Table, Invoices::CompanyId),
                (Companies::Table, Companies::Id),
            ))
            .foreign_key(&mut fk(
                "fk_invoices_issued_by",
                (Invoices::Table, Invoices::IssuedBy),
                (Users::Table, Users::Id),
            ));
        manager.create_table(invoices.to_owned()).await?;
        index(
            manager,
            "ux_invoices_number",
            Invoices::Table,
            vec![Invoices::Number.into_iden()],
            true,
        )
        .await?;
        // The gapless numbering's last line of defence: one number once per year.
        index(
            manager,
            "ux_invoices_year_sequence",
            Invoices::Table,
            vec![Invoices::Year.into_iden(), Invoices::Sequence.into_iden()],
            true,
        )
        .await?;
        // One invoice per order.
        index(
            manager,
            "ux_invoices_order",
            Invoices::Table,
            vec![Invoices::OrderId.into_iden()],
            true,
        )
        .await?;
        index(
            manager,
            "ix_invoices_company",
            Invoices::Table,
            vec![Invoices::CompanyId.into_iden(), Invoices::Id.into_iden()],
            false,
        )
        .await?;
        index(
            manager,
            "ix_invoices_issue_date",
            Invoices::Table,
            vec![Invoices::IssueDate.into_iden()],
            false,
        )
        .await?;

        let mut invoice_lines = Table::create();
        invoice_lines
            .table(InvoiceLines::Table)
            .col(big_pk_auto(InvoiceLines::Id))
            .col(big_integer(InvoiceLines::InvoiceId))
            .col(integer(InvoiceLines::Position))
            .col(string_len(InvoiceLines::Sku, 64))
            .col(string_len(InvoiceLines::NameHe, 300))
            .col(string_len(InvoiceLines::NameEn, 300))
            .col(integer(InvoiceLines::Quantity));
        money_columns(
            &mut invoice_lines,
            vec![InvoiceLines::UnitPrice, InvoiceLines::LineTotal],
        );
        invoice_lines.foreign_key(&mut fk(
            "fk_invoice_lines_invoice",
            (InvoiceLines::Table, InvoiceLines::InvoiceId),
            (Invoices::Table, Invoices::Id),
        ));
        manager.create_table(invoice_lines.to_owned()).await?;
        index(
            manager,
            "ix_invoice_lines_invoice",
            InvoiceLines::Table,
            vec![
                InvoiceLines::InvoiceId.into_iden(),
                InvoiceLines::Position.into_iden(),
            ],
            false,
        )
        .await?;

        let mut credit_notes = Table::create();
        credit_notes
            .table(CreditNotes::Table)
            .col(big_pk_auto(CreditNotes::Id))
            .col(string_len(CreditNotes::Number, 32))
            .col(integer(CreditNotes::Year))
            .col(big_integer(CreditNotes::Sequence))
            .col(big_integer(CreditNotes::InvoiceId))
            .col(big_integer(CreditNotes::OrderId))
            .col(big_integer(CreditNotes::CompanyId))
            .col(timestamp_with_time_zone(CreditNotes::IssuedAt))
            .col(date(CreditNotes::IssueDate))
            .col(string_len(CreditNotes::Kind, 16))
            .col(string_len(CreditNotes::Reason, 16))
            .col(string_len(CreditNotes::Comment, 1000).default(""))
            .col(big_integer_null(CreditNotes::IssuedBy));
        money_columns(
            &mut credit_notes,
            vec![CreditNotes::Subtotal, CreditNotes::Vat, CreditNotes::Total],
        );
        credit_notes
            .foreign_key(&mut fk(
                "fk_credit_notes_invoice",
                (CreditNotes::Table, CreditNotes::InvoiceId),
                (Invoices::Table, Invoices::Id),
            ))
            .foreign_key(&mut fk(
                "fk_credit_notes_order",
                (CreditNotes::Table, CreditNotes::OrderId),
                (Orders::Table, Orders::Id),
            ))
            .foreign_key(&mut fk(
                "fk_credit_notes_company",
                (CreditNotes::Table, CreditNotes::CompanyId),
                (Companies::Table, Companies::Id),
            ))
            .foreign_key(&mut fk(
                "fk_credit_notes_issued_by",
                (CreditNotes::Table, CreditNotes::IssuedBy),
                (Users::Table, Users::Id),
            ));
        manager.create_table(credit_notes.to_owned()).await?;
        index(
            manager,
            "ux_credit_notes_number",
            CreditNotes::Table,
            vec![CreditNotes::Number.into_iden()],
            true,
        )
        .await?;
        index(
            manager,
            "ux_credit_notes_year_sequence",
            CreditNotes::Table,
            vec![
                CreditNotes::Year.into_iden(),
                CreditNotes::Sequence.into_iden(),
            ],
            true,
        )
        .await?;
        index(
            manager,
            "ix_credit_notes_invoice",
            CreditNotes::Table,
            vec![CreditNotes::InvoiceId.into_iden()],
            false,
        )
        .await?;
        index(
            manager,
            "ix_credit_notes_order",
            CreditNotes::Table,
            vec![CreditNotes::OrderId.into_iden()],
            false,
        )
        .await?;
        index(
            manager,
            "ix_credit_notes_company",
            CreditNotes::Table,
            vec![
                CreditNotes::CompanyId.into_iden(),
                CreditNotes::Id.into_iden(),
            ],
            false,
        )
        .await?;

        let mut credit_note_lines = Table::create();
        credit_note_lines
            .table(CreditNoteLines::Table)
            .col(big_pk_auto(CreditNoteLines::Id))
            .col(big_integer(CreditNoteLines::CreditNoteId))
            .col(integer(CreditNoteLines::Position))
            .col(string_len(CreditNoteLines::Sku, 64))
            .col(string_len(CreditNoteLines::NameHe, 300))
            .col(string_len(CreditNoteLines::NameEn, 300))
            .col(integer(CreditNoteLines::Quantity));
        money_columns(
            &mut credit_note_lines,
            vec![CreditNoteLines::UnitPrice, CreditNoteLines::LineTotal],
        );
        credit_note_lines.foreign_key(&mut fk(
            "fk_credit_note_lines_credit_note",
            (CreditNoteLines::Table, CreditNoteLines::CreditNoteId),
            (CreditNotes::Table, CreditNotes::Id),
        ));
        manager.create_table(credit_note_lines.to_owned()).await?;
        index(
            manager,
            "ix_credit_note_lines_credit_note",
            CreditNoteLines::Table,
            vec![
                CreditNoteLines::CreditNoteId.into_iden(),
                CreditNoteLines::Position.into_iden(),
            ],
            false,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(Payments::Table)
                    .col(big_pk_auto(Payments::Id))
                    .col(big_integer(Payments::CompanyId))
                    .col(big_integer(Payments::Amount).check(Expr::col(Payments::Amount).gt(0)))
                    .col(date(Payments::ReceivedOn))
                    .col(string_len(Payments::Reference, 100))
                    .col(string_len(Payments::Note, 300).default(""))
                    .col(big_integer(Payments::RecordedBy))
                    .col(timestamp_with_time_zone(Payments::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_payments_company",
                        (Payments::Table, Payments::CompanyId),
                        (Companies::Table, Companies::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_payments_recorded_by",
                        (Payments::Table, Payments::RecordedBy),
                        (Users::Table, Users::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        // A payment is recorded once: the ERP's reference is unique per company, so
        // importing the same export twice is refused instead of counted twice.
        index(
            manager,
            "ux_payments_reference",
            Payments::Table,
            vec![
                Payments::CompanyId.into_iden(),
                Payments::Reference.into_iden(),
            ],
            true,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(LedgerEntries::Table)
                    .col(big_pk_auto(LedgerEntries::Id))
                    .col(big_integer(LedgerEntries::CompanyId))
                    .col(date(LedgerEntries::EntryDate))
                    .col(string_len(LedgerEntries::Kind, 16))
                    .col(string_len(LedgerEntries::Reference, 100))
                    .col(big_integer(LedgerEntries::Debit).default(0))
                    .col(big_integer(LedgerEntries::Credit).default(0))
                    .col(big_integer_null(LedgerEntries::InvoiceId))
                    .col(big_integer_null(LedgerEntries::CreditNoteId))
                    .col(big_integer_null(LedgerEntries::PaymentId))
                    .col(date_null(LedgerEntries::DueDate))
                    .col(timestamp_with_time_zone(LedgerEntries::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_ledger_entries_company",
                        (LedgerEntries::Table, LedgerEntries::CompanyId),
                        (Companies::Table, Companies::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_ledger_entries_invoice",
                        (LedgerEntries::Table, LedgerEntries::InvoiceId),
                        (Invoices::Table, Invoices::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_ledger_entries_credit_note",
                        (LedgerEntries::Table, LedgerEntries::CreditNoteId),
                        (CreditNotes::Table, CreditNotes::Id),
                    ))
                    .foreign_key(&mut fk(
                        "fk_ledger_entries_payment",
                        (LedgerEntries::Table, LedgerEntries::PaymentId),
                        (Payments::Table, Payments::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ix_ledger_entries_company_date",
            LedgerEntries::Table,
            vec![
                LedgerEntries::CompanyId.into_iden(),
                LedgerEntries::EntryDate.into_iden(),
                LedgerEntries::Id.into_iden(),
            ],
            false,
        )
        .await?;
        for (name, column) in [
            ("ix_ledger_entries_invoice", LedgerEntries::InvoiceId),
            ("ix_ledger_entries_credit_note", LedgerEntries::CreditNoteId),
            ("ix_ledger_entries_payment", LedgerEntries::PaymentId),
        ] {
            index(
                manager,
                name,
                LedgerEntries::Table,
                vec![column.into_iden()],
                false,
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            LedgerEntries::Table.into_iden(),
            Payments::Table.into_iden(),
            CreditNoteLines::Table.into_iden(),
            CreditNotes::Table.into_iden(),
            InvoiceLines::Table.into_iden(),
            Invoices::Table.into_iden(),
            DocumentCounters::Table.into_iden(),
            OrderRequests::Table.into_iden(),
            Shipments::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        for (name, table) in [
            ("ix_order_lines_sku", OrderLines::Table.into_iden()),
            ("ix_orders_created_at", Orders::Table.into_iden()),
            ("ix_orders_channel", Orders::Table.into_iden()),
        ] {
            manager
                .drop_index(Index::drop().name(name).table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
