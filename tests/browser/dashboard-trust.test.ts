import { type Page } from 'playwright-core';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, skipBrowserTests, type TestBrowser } from '../helpers/browser';
import { startTestHub, token, type TestHub } from '../helpers/hub';

/**
 * The dashboard's side of trust v2 in real Chromium: "Sign in with your
 * organisation" through that organisation's development OpenID provider
 * (authorization code + PKCE, the provider's own sign-in page), and the
 * purpose picker (the Hub-Purpose header) revealing a contact of another
 * organisation under a demo agreement, with every refusal explained; and
 * the steward's view of agreements given and received: a revoke by the owner
 * hides the contact from the grantee's next read, a grant goes through the
 * form, a stale revoke shows the conflict; and the steward's cross-border
 * register of what the grantee was shown.
 * The browser may reach the gateway and the identity providers, nothing else.
 */
describe.skipIf(skipBrowserTests)('dashboard: sign-in with an organisation', () => {
  let hub: TestHub;
  let origin: string;
  let browser: TestBrowser;

  beforeAll(async () => {
    hub = await startTestHub();
    origin = new URL(hub.gatewayUrl).origin;
    browser = await launchBrowser([origin, new URL(hub.trust.issuers.chengdu).origin]);
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
  });

  async function companyId(name: string): Promise<string> {
    const { data } = await hub.query('query($q: String) { companies(filter: { search: $q }) { edges { node { id name } } } }', { q: name });
    return data.companies.edges.find((e: { node: { name: string } }) => e.node.name === name).node.id;
  }

  /** Chooses `org` on the dashboard, signs in on its provider's page as `sub` with `roles`, and waits to be back. */
  async function signIn(page: Page, org: string, sub: string, roles: string[] = []) {
    await page.waitForSelector(`#signin-org option[value="${org}"]`, { state: 'attached' });
    await page.selectOption('#signin-org', org);
    await page.click('#signin-form button[type="submit"]');
    // The organisation's own sign-in page, served by its provider (another origin).
    await page.waitForURL(`${hub.trust.issuers[org]}/interaction/**`);
    await page.fill('#sub', sub);
    for (const role of roles) await page.check(`input[name="roles"][value="${role}"]`);
    await page.click('button:has-text("Sign in")');
    await page.waitForURL(`${origin}/**`);
    await expect.poll(() => page.textContent('#who')).toContain(`${sub} · ${org}`);
  }

  it("signs in through the organisation's provider (code + PKCE) and comes back to the same view", async () => {
    const page = browser.page;
    const aquanova = await companyId('AquaNova Filtration');
    await page.goto(`${origin}/#company/${aquanova}`);
    await page.waitForSelector('#detail[data-kind="company"]');
    const options = await page.$$eval('#signin-org option', (os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(options.sort()).toEqual(Object.keys(hub.trust.issuers).sort());

    await signIn(page, 'chengdu', 'li.wei', ['steward']);
    // `me`, as the hub sees the token: the person, the organisation and the roles picked on the sign-in page.
    expect(await page.textContent('#who')).toContain('li.wei · chengdu (steward)');
    // The code left the address bar; the view the sign-in started from is back.
    expect(new URL(page.url()).search).toBe('');
    expect(new URL(page.url()).hash).toBe(`#company/${aquanova}`);
    await page.waitForSelector('#detail[data-kind="company"]');
    // The token was issued by chengdu's own provider and is kept for this tab only.
    const jwt = (await page.evaluate(() => sessionStorage.getItem('partnerhub.token')))!;
    expect(decodeJwt(jwt)).toMatchObject({ iss: hub.trust.issuers.chengdu, sub: 'li.wei', org: 'chengdu' });
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
    // The hub accepts it.
    expect((await hub.query('{ me { subject organisation { id } } }', {}, { token: jwt })).data.me).toEqual({
      subject: 'li.wei',
      organisation: { id: 'chengdu' },
    });

    // Sign out: the token is forgotten, and the provider's own page ends its session and sends the browser back.
    await page.click('#token-clear');
    await page.waitForURL(`${hub.trust.issuers.chengdu}/session/end**`);
    expect(await page.textContent('body')).toContain('Sign out of this organisation');
    await page.click('button[name="logout"]');
    await page.waitForURL(`${origin}/`);
    await expect.poll(() => page.textContent('#who')).toContain('anonymous');
    expect(await page.evaluate(() => sessionStorage.getItem('partnerhub.token'))).toBeNull();
  });

  it('a cancelled sign-in says so and leaves the dashboard anonymous', async () => {
    const page = browser.page;
    await page.selectOption('#signin-org', 'chengdu');
    await page.click('#signin-form button[type="submit"]');
    await page.waitForURL(`${hub.trust.issuers.chengdu}/interaction/**`);
    await page.click('button:has-text("Cancel")');
    await page.waitForURL(`${origin}/**`);
    await expect.poll(() => page.textContent('#banner')).toContain('Sign-in failed');
    expect(await page.textContent('#banner')).toContain('cancelled');
    expect(await page.textContent('#who')).toContain('anonymous');
    expect(new URL(page.url()).search).toBe('');
    await page.waitForSelector('body[data-state="ready"]');
  });

  it("the purpose picker declares Hub-Purpose: another organisation's contact shows only for a purpose an agreement covers", async () => {
    const page = browser.page;
    const aquanova = await companyId('AquaNova Filtration');
    const owner = await token({ org: 'vlaams-brabant', sub: 'owner' });
    const { data } = await hub.query('query($id: ID!) { company(id: $id) { contact { email } } }', { id: aquanova }, { token: owner });
    const email: string = data.company.contact.email;

    await page.goto(`${origin}/#company/${aquanova}`);
    await signIn(page, 'chengdu', 'li.wei');
    const refusal = page.locator('#detail [data-restricted="contact"]');
    const detailFor = (purpose: string) => page.waitForSelector(`#detail[data-kind="company"][data-purpose="${purpose}"]`);
    await page.selectOption('#purpose', '');
    await detailFor('');
    // Signed in as chengdu, no purpose declared: refused, and the page says why.
    expect(await refusal.getAttribute('data-reason')).toBe('PURPOSE_MISSING');
    expect(await refusal.textContent()).toContain('Choose a purpose');
    expect(await refusal.textContent()).toContain('FORBIDDEN · PURPOSE_MISSING');

    // The demo agreement vlaams-brabant → chengdu covers MATCHMAKING; the 2025 trade mission's (EVENT_ORGANISATION) has ended.
    await page.selectOption('#purpose', 'EVENT_ORGANISATION');
    await detailFor('EVENT_ORGANISATION');
    expect(await refusal.getAttribute('data-reason')).toBe('PURPOSE_NOT_COVERED');
    expect(await refusal.textContent()).toContain('do not cover this purpose: Event organisation');
    expect(await page.locator('#detail [data-field="contact"]').count()).toBe(0);

    await page.selectOption('#purpose', 'MATCHMAKING');
    await detailFor('MATCHMAKING');
    expect(await page.textContent('#detail [data-field="contact"]')).toContain(email);
    expect(await refusal.count()).toBe(0);
    // The choice is kept for the tab.
    expect(await page.evaluate(() => sessionStorage.getItem('partnerhub.purpose'))).toBe('MATCHMAKING');
    await browser.screenshot('dashboard-purpose', page.locator('section.explore'));
  });

  /** vlaams-brabant's agreements with chengdu on COMPANY_CONTACTS, as the registry answers its steward. */
  async function givenToChengdu(): Promise<{ id: string; purposes: string[]; version: number; revokedAt: string | null }[]> {
    const steward = await token({ org: 'vlaams-brabant', roles: ['steward'], sub: 'registry-check' });
    const res = await hub.query(
      '{ sharingAgreements(filter: { grantee: "chengdu", dataSet: COMPANY_CONTACTS }) { id purposes version revokedAt active } }',
      {},
      { token: steward },
    );
    return res.data.sharingAgreements;
  }

  let steward: Page;

  it("a steward of the owner sees agreements given and received and revokes one: the grantee's next read hides the contact", async () => {
    // li.wei (chengdu, no steward role) has no agreements view.
    expect(await browser.page.isHidden('#agreements')).toBe(true);

    steward = await browser.newPage();
    await steward.goto(`${origin}/`);
    await signIn(steward, 'vlaams-brabant', 'an.peeters', ['steward']);
    await steward.waitForSelector('#agreements:not([hidden])');
    const matchmaking = (await givenToChengdu()).find((a) => a.purposes.includes('MATCHMAKING') && !a.revokedAt)!;
    const row = steward.locator(`#agreements-given tr[data-agreement="${matchmaking.id}"]`);
    expect(await row.getAttribute('data-status')).toBe('active');
    expect(await row.textContent()).toContain('Chengdu');
    expect(await row.textContent()).toContain('cross-border');
    // Received: chengdu's partner contacts, for matchmaking and project coordination; no revoke button there.
    const received = steward.locator('#agreements-received tbody tr');
    expect(await received.count()).toBeGreaterThan(0);
    expect(await steward.textContent('#agreements-received')).toContain('Partner contacts');
    expect(await steward.locator('#agreements-received button').count()).toBe(0);
    await browser.screenshot('dashboard-agreements', steward.locator('#agreements'));

    // Revoke: the first click asks to confirm, the second revokes with the version shown.
    await row.locator('button.revoke').click();
    expect(await row.locator('button.revoke').textContent()).toBe('Confirm revoke');
    await row.locator('button.revoke').click();
    await steward.waitForSelector(`#agreements-given tr[data-agreement="${matchmaking.id}"][data-status="revoked"]`);
    expect(await steward.textContent('#agreements-status')).toContain('Revoked');
    const after = (await givenToChengdu()).find((a) => a.id === matchmaking.id)!;
    expect(after.revokedAt).not.toBeNull();
    expect(after.version).toBe(matchmaking.version + 1);

    // chengdu's reader, still declaring MATCHMAKING: the next read refuses, and says why.
    const page = browser.page;
    await expect
      .poll(
        async () => {
          await page.reload();
          await page.waitForSelector('#detail[data-kind="company"][data-purpose="MATCHMAKING"]');
          return page
            .locator('#detail [data-restricted="contact"]')
            .getAttribute('data-reason', { timeout: 1_000 })
            .catch(() => null);
        },
        { timeout: 15_000 },
      )
      .toBe('NO_AGREEMENT');
    expect(await page.textContent('#detail [data-restricted="contact"]')).toContain('No sharing agreement in force');
    expect(await page.locator('#detail [data-field="contact"]').count()).toBe(0);
  });

  it('a steward grants through the form (bad input marks the field) and a stale revoke shows the version conflict', async () => {
    const form = steward.locator('#grant-form');
    const nextYear = new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);
    await form.locator('select[name="grantee"]').selectOption('chengdu');
    await form.locator('input[name="validUntil"]').fill(nextYear);
    await form.locator('input[name="legalBasis"]').fill('Aggregated statistics for the partnership report (browser test)');
    // No purpose ticked: the registry refuses, naming the field.
    await form.locator('button[type="submit"]').click();
    await steward.waitForSelector('#agreements-status[data-kind="error"]');
    expect(await steward.textContent('#agreements-status')).toContain('input.purposes');
    expect(await form.locator('fieldset[name="purposes"]').getAttribute('aria-invalid')).toBe('true');
    const before = await givenToChengdu();

    await form.locator('input[name="purposes"][value="STATISTICS"]').check();
    await form.locator('button[type="submit"]').click();
    await expect.poll(() => steward.textContent('#agreements-status')).toContain('Granted');
    const granted = (await givenToChengdu()).find((a) => !before.some((b) => b.id === a.id))!;
    expect(granted).toMatchObject({ purposes: ['STATISTICS'], version: 1, revokedAt: null });
    const row = steward.locator(`#agreements-given tr[data-agreement="${granted.id}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('active');

    // Someone else revokes it meanwhile; this page still shows version 1.
    const other = await token({ org: 'vlaams-brabant', roles: ['steward'], sub: 'other-steward' });
    const elsewhere = await hub.query(
      'mutation($id: ID!) { revokeAccess(id: $id, expectedVersion: 1) { version } }',
      { id: granted.id },
      { token: other },
    );
    expect(elsewhere.data.revokeAccess.version).toBe(2);
    await row.locator('button.revoke').click();
    await row.locator('button.revoke').click();
    await steward.waitForSelector('#agreements-status[data-kind="conflict"]');
    expect(await steward.textContent('#agreements-status')).toContain('Version conflict');
    // The list was reloaded: the row shows what the registry holds now.
    await steward.waitForSelector(`#agreements-given tr[data-agreement="${granted.id}"][data-status="revoked"][data-version="2"]`);
  });

  it("the owner's steward sees the cross-border register: chengdu's reads counted as the API counts them, marked cross-border", async () => {
    // chengdu's reader is no steward: no register.
    expect(await browser.page.isHidden('#register')).toBe(true);
    // The contacts chengdu's reader saw above (purpose MATCHMAKING, before the revoke), as the API's register counts them.
    const vbSteward = await token({ org: 'vlaams-brabant', roles: ['steward'], sub: 'register-check' });
    const api = await hub.query(
      '{ companyDisclosureRegister { lines { recipient purpose crossBorder disclosures records requests agreement { legalBasis } } } }',
      {},
      { token: vbSteward },
    );
    expect(api.errors, JSON.stringify(api.errors)).toBeUndefined();
    const line = api.data.companyDisclosureRegister.lines.find((l: any) => l.recipient === 'chengdu' && l.purpose === 'MATCHMAKING');
    expect(line).toMatchObject({ crossBorder: true });
    expect(line.disclosures).toBeGreaterThan(0);

    await steward.waitForSelector('#register:not([hidden])');
    // The default period: the last 90 days up to today.
    const today = await steward.evaluate(() => new Date().toLocaleDateString('sv'));
    expect(await steward.inputValue('#register-form input[name="to"]')).toBe(today);
    await steward.click('#register-form button[type="submit"]');
    const row = steward.locator('#register-table tr[data-recipient="chengdu"][data-purpose="MATCHMAKING"]');
    await expect.poll(() => row.locator('[data-count="disclosures"]').textContent()).toBe(String(line.disclosures));
    expect(await row.locator('[data-count="records"]').textContent()).toBe(String(line.records));
    expect(await row.locator('[data-count="requests"]').textContent()).toBe(String(line.requests));
    expect(await row.getAttribute('data-cross-border')).toBe('true');
    expect(await row.getAttribute('class')).toContain('cross-border');
    const text = (await row.textContent())!;
    for (const shown of ['Chengdu', 'China (PIPL)', 'Matchmaking', 'Company contacts', 'cross-border', line.agreement.legalBasis]) {
      expect(text).toContain(shown);
    }
    await browser.screenshot('dashboard-register', steward.locator('#register'));

    // A period without disclosures: the empty state.
    const form = steward.locator('#register-form');
    await form.locator('input[name="from"]').fill('2025-01-01');
    await form.locator('input[name="to"]').fill('2025-03-31');
    await form.locator('button[type="submit"]').click();
    await expect.poll(() => steward.textContent('#register-table tbody')).toContain('No disclosures in this period.');
    expect(await steward.locator('#register-table tr[data-recipient]').count()).toBe(0);

    // From after to: the hub refuses, and the page shows why and marks the field.
    await form.locator('input[name="from"]').fill('2025-03-31');
    await form.locator('input[name="to"]').fill('2025-03-01');
    await form.locator('button[type="submit"]').click();
    await steward.waitForSelector('#register-status[data-kind="error"]:not([hidden])');
    expect(await steward.textContent('#register-status')).toContain('from: must be before to');
    expect(await steward.textContent('#register-status')).toContain('BAD_USER_INPUT');
    expect(await form.locator('input[name="from"]').getAttribute('aria-invalid')).toBe('true');
  });

  it('made no request outside the hub and logged no page errors', () => {
    expect(browser.offsite).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
  });
});
