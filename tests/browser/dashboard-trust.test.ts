import { type Page } from 'playwright-core';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchBrowser, type TestBrowser } from '../helpers/browser';
import { startTestHub, token, type TestHub } from '../helpers/hub';

/**
 * The dashboard's side of trust v2 in real Chromium: "Sign in with your
 * organisation" through that organisation's development OpenID provider
 * (authorization code + PKCE, the provider's own sign-in page), and the
 * purpose picker (the Hub-Purpose header) revealing a contact of another
 * organisation under a demo agreement, with every refusal explained.
 * The browser may reach the gateway and the identity providers, nothing else.
 */
describe.skipIf(!hasChromium)('dashboard: sign-in with an organisation', () => {
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

    await page.click('#token-clear');
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

  it('made no request outside the hub and logged no page errors', () => {
    expect(browser.offsite).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
  });
});
