//! Invoices and credit notes: the customer's own (by date and order), all of them for
//! supplier staff, each with a short-lived signed link to its PDF.

use async_graphql::connection::Connection;
use async_graphql::{ComplexObject, Context, ID, Object, SimpleObject};
use chrono::{DateTime, Utc};
use shared::{CompanyId, UserId};

use super::context::ContextExt;
use super::error::bad_input;
use super::orders::{Order, parse_order_id, scope_of};
use super::pagination::{connection, page_request};
use super::scalars::{DateScalar, DecimalScalar};
use super::types::{Company, loaders};
use crate::domain::invoicing::read::{self, DocumentFilter};
use crate::domain::invoicing::{self, DocumentLine};
use crate::domain::{Actor, DomainError, Operation};

/// A line of an invoice or a credit note, as issued.
#[derive(SimpleObject)]
pub struct DocumentLineNode {
    pub position: i32,
    pub sku: String,
    pub name_he: String,
    pub name_en: String,
    pub quantity: i32,
    pub unit_price: DecimalScalar,
    pub line_total: DecimalScalar,
}

impl From<DocumentLine> for DocumentLineNode {
    fn from(line: DocumentLine) -> DocumentLineNode {
        DocumentLineNode {
            position: line.position,
            sku: line.sku,
            name_he: line.name_he,
            name_en: line.name_en,
            quantity: line.quantity,
            unit_price: line.unit_price.into(),
            line_total: line.line_total.into(),
        }
    }
}

/// The link a browser opens to download a document: a path of this server with a
/// signed token valid for 10 minutes, for the caller only.
pub fn signed_link(
    ctx: &Context<'_>,
    user: UserId,
    path: &str,
    resource: &str,
) -> async_graphql::Result<String> {
    let token = ctx
        .token_keys()?
        .issue_download(user, resource)
        .map_err(DomainError::Internal)?;
    Ok(format!("{path}?token={token}"))
}

/// A tax invoice, issued when its order was packed; never changed afterwards.
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct Invoice {
    pub id: ID,
    /// `INV-2026-000001`: numbered per year without gaps.
    pub number: String,
    pub issued_at: DateTime<Utc>,
    pub issue_date: DateScalar,
    pub due_date: DateScalar,
    /// `NET 30` or `EOM+30`, as agreed when issued.
    pub payment_terms: String,
    pub supplier_name: String,
    pub supplier_vat_number: String,
    pub supplier_address: String,
    pub customer_name: String,
    pub customer_vat_number: Option<String>,
    pub currency: String,
    pub vat_rate_percent: i32,
    pub subtotal: DecimalScalar,
    pub vat: DecimalScalar,
    pub total: DecimalScalar,
    pub lines: Vec<DocumentLineNode>,
    /// A signed link to the PDF, valid for 10 minutes (fetch the invoice again for a
    /// fresh one). `GET /invoices/{id}/pdf` also takes the Bearer header.
    pub pdf_url: String,
    #[graphql(skip)]
    pub order_id: i64,
    #[graphql(skip)]
    pub company_id: CompanyId,
}

#[ComplexObject]
impl Invoice {
    /// The invoiced order.
    async fn order(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Order>> {
        Ok(loaders(ctx)?
            .order
            .load_one(self.order_id)
            .await?
            .map(Order::from))
    }

    async fn company(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Company>> {
        Ok(loaders(ctx)?
            .company
            .load_one(self.company_id)
            .await?
            .map(Company::from))
    }
}

impl Invoice {
    pub fn signed(
        ctx: &Context<'_>,
        actor: &Actor,
        invoice: invoicing::Invoice,
    ) -> async_graphql::Result<Invoice> {
        let pdf_url = signed_link(
            ctx,
            actor.user_id,
            &format!("/invoices/{}/pdf", invoice.id),
            &format!("invoice:{}", invoice.id),
        )?;
        Ok(Invoice {
            id: ID(invoice.id.to_string()),
            number: invoice.number,
            issued_at: invoice.issued_at,
            issue_date: invoice.issue_date.into(),
            due_date: invoice.due_date.into(),
            payment_terms: invoice.payment_terms,
            supplier_name: invoice.supplier.name,
            supplier_vat_number: invoice.supplier.vat_number,
            supplier_address: invoice.supplier.address,
            customer_name: invoice.customer_name,
            customer_vat_number: invoice.customer_vat_number,
            currency: invoice.currency,
            vat_rate_percent: invoice.vat_rate_percent,
            subtotal: invoice.subtotal.into(),
            vat: invoice.vat.into(),
            total: invoice.total.into(),
            lines: invoice.lines.into_iter().map(Into::into).collect(),
            pdf_url,
            order_id: invoice.order_id,
            company_id: invoice.company_id,
        })
    }
}

/// A credit note: a cancellation after invoicing, or a return.
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct CreditNote {
    pub id: ID,
    /// `CN-2026-000001`: its own series, numbered like invoices.
    pub number: String,
    /// The invoice it credits.
    pub invoice_number: String,
    pub issued_at: DateTime<Utc>,
    pub issue_date: DateScalar,
    /// `CANCELLED`, `WRONG_ITEM`, `DAMAGED` or `OTHER`.
    pub reason: String,
    /// `CANCELLATION` or `RETURN`.
    pub kind: String,
    pub comment: String,
    pub subtotal: DecimalScalar,
    pub vat: DecimalScalar,
    pub total: DecimalScalar,
    pub lines: Vec<DocumentLineNode>,
    /// A signed link to the PDF, valid for 10 minutes.
    pub pdf_url: String,
    #[graphql(skip)]
    pub order_id: i64,
}

#[ComplexObject]
impl CreditNote {
    async fn order(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Order>> {
        Ok(loaders(ctx)?
            .order
            .load_one(self.order_id)
            .await?
            .map(Order::from))
    }
}

impl CreditNote {
    pub fn signed(
        ctx: &Context<'_>,
        actor: &Actor,
        note: invoicing::CreditNote,
    ) -> async_graphql::Result<CreditNote> {
        let pdf_url = signed_link(
            ctx,
            actor.user_id,
            &format!("/credit-notes/{}/pdf", note.id),
            &format!("credit-note:{}", note.id),
        )?;
        Ok(CreditNote {
            id: ID(note.id.to_string()),
            number: note.number,
            invoice_number: note.invoice_number,
            issued_at: note.issued_at,
            issue_date: note.issue_date.into(),
            reason: note.reason.as_str().to_owned(),
            kind: note.reason.kind().to_owned(),
            comment: note.comment,
            subtotal: note.subtotal.into(),
            vat: note.vat.into(),
            total: note.total.into(),
            lines: note.lines.into_iter().map(Into::into).collect(),
            pdf_url,
            order_id: note.order_id,
        })
    }
}

fn document_filter(
    actor: &Actor,
    from: Option<DateScalar>,
    to: Option<DateScalar>,
    order_number: Option<String>,
    company_id: Option<ID>,
) -> async_graphql::Result<DocumentFilter> {
    if let (Some(from), Some(to)) = (from, to)
        && from.0 > to.0
    {
        return Err(bad_input("from must not be after to"));
    }
    let company_id = match company_id {
        Some(id) => {
            let id = parse_order_id(&id).ok_or_else(|| bad_input("companyId is not a company"))?;
            // A customer naming another company sees nothing of it.
            if !actor.can_see_company(CompanyId(id)) {
                return Err(DomainError::NotFound("company").into());
            }
            Some(CompanyId(id))
        }
        None => None,
    };
    Ok(DocumentFilter {
        from: from.map(|day| day.0),
        to: to.map(|day| day.0),
        order_number,
        company_id,
    })
}

#[derive(Default)]
pub struct InvoicesQuery;

#[Object]
impl InvoicesQuery {
    /// The caller's company's invoices, newest first (supplier staff: every company's,
    /// or one with `companyId`), by issue date and order number.
    #[expect(clippy::too_many_arguments, reason = "one GraphQL argument per filter")]
    async fn invoices(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        from: Option<DateScalar>,
        to: Option<DateScalar>,
        #[graphql(desc = "SO-000123 or 123")] order_number: Option<String>,
        company_id: Option<ID>,
    ) -> async_graphql::Result<Connection<i64, Invoice>> {
        let actor = ctx.authorize(Operation::ReadInvoices)?;
        let request = page_request(first, after)?;
        let filter = document_filter(actor, from, to, order_number, company_id)?;
        let page = read::list_invoices(ctx.db()?, scope_of(actor), &filter, request).await?;
        let mut nodes = Vec::with_capacity(page.items.len());
        for invoice in page.items {
            nodes.push(Invoice::signed(ctx, actor, invoice)?);
        }
        Ok(connection(
            crate::domain::page::Page {
                items: nodes,
                has_next_page: page.has_next_page,
            },
            request,
            |invoice| invoice.id.parse().unwrap_or_default(),
            |invoice| invoice,
        ))
    }

    /// One invoice, or null when the caller may not see it.
    async fn invoice(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Option<Invoice>> {
        let actor = ctx.authorize(Operation::ReadInvoices)?;
        let Some(id) = parse_order_id(&id) else {
            return Ok(None);
        };
        match read::invoice(ctx.db()?, scope_of(actor), id).await {
            Ok(invoice) => Ok(Some(Invoice::signed(ctx, actor, invoice)?)),
            Err(DomainError::NotFound(_)) => Ok(None),
            Err(error) => Err(error.into()),
        }
    }

    /// The caller's company's credit notes, newest first (supplier staff: all).
    async fn credit_notes(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        from: Option<DateScalar>,
        to: Option<DateScalar>,
        company_id: Option<ID>,
    ) -> async_graphql::Result<Connection<i64, CreditNote>> {
        let actor = ctx.authorize(Operation::ReadInvoices)?;
        let request = page_request(first, after)?;
        let filter = document_filter(actor, from, to, None, company_id)?;
        let page = read::list_credit_notes(ctx.db()?, scope_of(actor), &filter, request).await?;
        let mut nodes = Vec::with_capacity(page.items.len());
        for note in page.items {
            nodes.push(CreditNote::signed(ctx, actor, note)?);
        }
        Ok(connection(
            crate::domain::page::Page {
                items: nodes,
                has_next_page: page.has_next_page,
            },
            request,
            |note| note.id.parse().unwrap_or_default(),
            |note| note,
        ))
    }

    /// One credit note, or null when the caller may not see it.
    async fn credit_note(
        &self,
        ctx: &Context<'_>,
        id: ID,
    ) -> async_graphql::Result<Option<CreditNote>> {
        let actor = ctx.authorize(Operation::ReadInvoices)?;
        let Some(id) = parse_order_id(&id) else {
            return Ok(None);
        };
        match read::credit_note(ctx.db()?, scope_of(actor), id).await {
            Ok(note) => Ok(Some(CreditNote::signed(ctx, actor, note)?)),
            Err(DomainError::NotFound(_)) => Ok(None),
            Err(error) => Err(error.into()),
        }
    }
}
