import { type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCompanyId } from '../../platform/ids';
import { enterpriseNumberFromBase } from '../../subgraphs/companies/validation/enterprise-number';
import { COMPANIES } from '../helpers/demo';
import { launchBrowser, skipBrowserTests, type TestBrowser } from '../helpers/browser';
import { startTestHub, token, type TestHub } from '../helpers/hub';

/**
 * The live dashboard (issue 15, item 6) in real Chromium: an anonymous
 * reader keeps the dashboard open on a company while editors of two
 * organisations write; the totals, the cluster chart, the list and the open
 * detail view change without a reload (web/dashboard/live.js, POST /graphql/live).
 */
describe.skipIf(skipBrowserTests)('live dashboard in Chromium', () => {
  let hub: TestHub;
  let origin: string;
  let browser: TestBrowser;
  let page: Page;
  const company = COMPANIES.find((c) => c.name === 'AquaNova Filtration')!;
  const companyId = demoCompanyId(company.enterpriseNumber);
  const t: Record<string, string> = {};

  beforeAll(async () => {
    hub = await startTestHub();
    origin = new URL(hub.gatewayUrl).origin;
    t.vbEditor = await token({ org: 'vlaams-brabant', roles: ['editor'], sub: 'vb-editor' });
    t.shEditor = await token({ org: 'smart-hub', roles: ['editor'], sub: 'sh-editor' });
    await hub.gateway.changes.whenConnected();
    browser = await launchBrowser([origin]);
    page = browser.page;
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
  });

  const shown = async (what: string) => Number(await page.textContent(`[data-total="${what}"]`));

  it("shows an editor's writes on an open dashboard without a reload", async () => {
    await page.goto(`${origin}/#company/${companyId}`);
    await page.waitForSelector('body[data-state="ready"]');
    await page.waitForSelector(`#detail[data-kind="company"][data-id="${companyId}"]`);
    await page.waitForSelector('body[data-live="on"]');
    const navigations: string[] = [];
    page.on('framenavigated', (f) => navigations.push(f.url()));
    const companiesBefore = await shown('companies');

    // The open detail view: vlaams-brabant's editor renames the company.
    const { data } = await hub.query(`query($id: ID!) { company(id: $id) { version } }`, { id: companyId });
    const renamed = 'AquaNova Filtration Europe';
    const started = Date.now();
    const update = await hub.query(
      `mutation($id: ID!, $v: Int!, $name: String!) { updateCompany(id: $id, input: { name: $name }, expectedVersion: $v) { name } }`,
      { id: companyId, v: data.company.version, name: renamed },
      { token: t.vbEditor },
    );
    expect(update.errors).toBeUndefined();
    await page.waitForFunction((name) => document.querySelector('#detail [data-field="name"]')?.textContent === name, renamed);
    console.info(`live dashboard: the renamed company shown ${Date.now() - started} ms after the mutation was sent (machine under load)`);
    // …and in the list of companies.
    await page.waitForFunction(
      ([id, name]) => document.querySelector(`#company-list a[data-company="${id}"]`)?.textContent === name,
      [companyId, renamed],
    );

    // The totals: a new company.
    const created = await hub.query(
      `mutation($input: CreateCompanyInput!) { createCompany(input: $input) { id } }`,
      {
        input: {
          enterpriseNumber: enterpriseNumberFromBase(4_700_001),
          name: 'Live Test Cleantech',
          municipality: 'Leuven',
          postalCode: '3000',
          employees: 4,
          cleantechDomains: ['WATER_TREATMENT'],
          chinaStatus: 'EXPLORING',
        },
      },
      { token: t.vbEditor },
    );
    expect(created.errors).toBeUndefined();
    await expect.poll(() => shown('companies'), { timeout: 10_000 }).toBe(companiesBefore + 1);

    // The cluster chart: smart-hub's editor adds it to a cluster (another organisation, another subgraph).
    const member = await hub.query(
      `mutation($id: ID!) { addClusterMember(cluster: FOOD, companyId: $id, since: "2026-01-05") { since } }`,
      { id: created.data.createCompany.id },
      { token: t.shEditor },
    );
    expect(member.errors).toBeUndefined();
    const clusters = await hub.query('{ clusters { name memberCount } }');
    const label = clusters.data.clusters.map((c: { name: string; memberCount: number }) => `${c.name}: ${c.memberCount}`).join(', ');
    await expect.poll(() => page.getAttribute('#chart-clusters', 'aria-label'), { timeout: 10_000 }).toBe(label);

    expect(navigations).toEqual([]); // no reload
    expect(browser.pageErrors).toEqual([]);
    expect(browser.offsite).toEqual([]);
  });
});
