import { expect, type APIRequestContext } from '@playwright/test';
import { graphql, tokenOf } from './support';
import { STAFF } from './order-fixtures';

// The demo's customer companies as supplier staff see them, found by their seeded VAT
// numbers: Galil (buyer@demo.test) and Negev (buyer@other.test).

export type DemoCompany = { id: string; name: string; vatNumber: string };

const GALIL_VAT = '514000017';
const NEGEV_VAT = '515000025';

export async function demoCompanies(request: APIRequestContext): Promise<{ galil: DemoCompany; negev: DemoCompany }> {
  const token = await tokenOf(request, STAFF);
  const data = await graphql<{ companies: { nodes: DemoCompany[] } }>(
    request,
    token,
    '{ companies(first: 100) { nodes { id name vatNumber } } }',
  );
  const byVat = (vat: string) => {
    const company = data.companies.nodes.find((node) => node.vatNumber === vat);
    expect(company, `the demo has the company with VAT number ${vat}`).toBeTruthy();
    return company!;
  };
  return { galil: byVat(GALIL_VAT), negev: byVat(NEGEV_VAT) };
}
