// Journey (a): an inbound advisor identifies a caller from a phone fragment, logs the call, and sees it traced.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatPhone } from '../../src/contract/values.ts';
import type { AccountSummary } from '../../src/contract/accounts.ts';
import { apiSession, DEMO, launchBrowser, newPage, signIn, startE2EServer, type E2EServer } from './support.ts';

describe('inbound advisor answers a call', () => {
  let server: E2EServer;
  let browser: Browser;
  let page: Page;
  let account: AccountSummary;

  beforeAll(async () => {
    server = await startE2EServer();
    browser = await launchBrowser();
    page = await newPage(browser, server.baseUrl);
    // Arrange: a caller whose company is in the record, with a phone number.
    const api = await apiSession(server.baseUrl, DEMO.advisor);
    const list = await api.get<{ items: AccountSummary[] }>('/accounts?limit=50');
    const withPhone = list.items.find((a) => a.phones.length > 0);
    if (!withPhone) throw new Error('the demo seed has no account with a phone number');
    account = withPhone;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('finds the account from a phone fragment, logs the call on top of the timeline, and the trace verifies', async () => {
    await signIn(page, DEMO.advisor);

    // The caller's number as people read it ("01 87 45 23 08"); the advisor types a middle fragment.
    const national = formatPhone(account.phones[0]!);
    const fragment = national.split(' ').slice(1, 4).join(' ');
    await page.getByTestId('search-input').fill(fragment);
    const hit = page.getByTestId('search-hit').filter({ hasText: account.name });
    await hit.first().waitFor();
    expect(await hit.first().getByTestId('search-hit-matched').textContent()).toMatch(/téléphone/i);

    await hit.first().click();
    await page.getByTestId('account-identity').waitFor();
    expect(await page.getByTestId('account-name-title').textContent()).toBe(account.name);
    expect(await page.getByTestId('account-identity').textContent()).toContain(national);

    // Log the call from the keyboard: subject, notes, Ctrl+Enter.
    const subject = `Appel e2e ${Date.now()}`;
    await page.getByTestId('log-subject').fill(subject);
    await page.getByTestId('log-notes').fill('Le client demande un duplicata de facture.');
    await page.getByTestId('log-outcome').fill('Duplicata envoyé');
    await page.getByTestId('log-subject').press('Control+Enter');

    const first = page.getByTestId('timeline-interaction').first();
    await first.getByTestId('timeline-subject').filter({ hasText: subject }).waitFor();
    expect(await first.getByTestId('timeline-actor').textContent()).toBe('Inès Benali');
    expect(await page.getByTestId('log-subject').inputValue()).toBe('');

    // The trace panel lists the new event and the chain verifies.
    await page.getByTestId('tab-trace').click();
    await page.getByTestId('stream-trace').waitFor();
    await page.getByTestId('trace-verified').waitFor();
    expect(await page.getByTestId('trace-verified').textContent()).toContain('Chaîne vérifiée');
    expect(await page.getByTestId('trace-event').first().textContent()).toContain('interaction.logged');
    expect(await page.getByTestId('trace-broken').count()).toBe(0);
  });

  it('opens the same search from anywhere with Ctrl+K', async () => {
    await page.keyboard.press('Control+K');
    const input = page.getByTestId('spotlight-input');
    await input.waitFor();
    await input.fill(account.name.slice(0, 8));
    await page.getByTestId('spotlight-hit').filter({ hasText: account.name }).first().waitFor();
    await page.keyboard.press('Escape');
  });

  it("pops the customer on the call console from the caller's number and opens the record ready to log the call", async () => {
    await page.keyboard.press('Escape');
    await page.getByTestId('nav-console').click();
    // The number as a phone system hands it over: international format.
    await page.getByTestId('console-number').fill(account.phones[0]!);
    const hit = page.getByTestId('console-hit').filter({ hasText: account.name });
    await hit.first().waitFor();
    await hit.first().getByTestId('console-open').click();
    await page.getByTestId('account-identity').waitFor();
    expect(await page.getByTestId('account-name-title').textContent()).toBe(account.name);
    expect(page.url()).toContain('log=phone_in');
  });

  it('shows an unknown number as such, with a way to create the customer', async () => {
    await page.getByTestId('nav-console').click();
    await page.getByTestId('console-number').fill('+33 4 99 99 99 98');
    await page.getByTestId('console-create-account').waitFor();
  });

  it("asks for each of the account page's reads once when the page is loaded directly", async () => {
    const signedIn = await newPage(browser, server.baseUrl);
    await signIn(signedIn, DEMO.advisor);
    // A new tab of the signed-in browser: reloading a page would count the reads it abandons.
    const tab = await signedIn.context().newPage();
    const asked: string[] = [];
    const aborted: string[] = [];
    tab.on('request', (r) => {
      const url = new URL(r.url());
      if (r.method() === 'GET' && url.pathname.startsWith('/api/')) asked.push(url.pathname + url.search);
    });
    tab.on('requestfailed', (r) => {
      if (r.url().includes('/api/')) aborted.push(`${r.url()} ${r.failure()?.errorText ?? ''}`);
    });
    // The deals and the cases panels read last, once the account has answered.
    await Promise.all([
      tab.waitForResponse((r) => r.url().includes('/api/deals?')),
      tab.waitForResponse((r) => r.url().includes('/api/cases?')),
      tab.goto(`/accounts/${account.id}`),
    ]);
    await tab.getByTestId('account-identity').waitFor();
    await tab.waitForTimeout(500);
    tab.removeAllListeners('requestfailed');

    expect(asked.some((url) => url.startsWith(`/api/accounts/${account.id}/360`))).toBe(true);
    expect(asked.filter((url, i) => asked.indexOf(url) !== i)).toEqual([]);
    expect(aborted).toEqual([]);
    await signedIn.context().close();
  });
});
