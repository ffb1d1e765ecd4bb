// Journey (c): an inbound advisor relays a lead from the account page; the rep's open "Ma journée" shows it live
// (server-sent events, no reload) with the bell badge bumped; the rep rejects it with a reason and a note; the
// advisor's "Mes relais" shows the rejection and the note.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '../../src/contract/catalog.ts';
import { apiSession, DEMO, launchBrowser, newPage, pickOption, signIn, startE2EServer, type E2EServer } from './support.ts';

const SHOWCASE = 'Transports Martin & Fils';

describe('a lead relayed from a call reaches the rep live and comes back with an answer', () => {
  let server: E2EServer;
  let browser: Browser;
  let advisor: Page;
  let rep: Page;
  let product: Product;

  beforeAll(async () => {
    server = await startE2EServer();
    browser = await launchBrowser();
    advisor = await newPage(browser, server.baseUrl);
    rep = await newPage(browser, server.baseUrl);
    // A complex product (only reps sell it, so the advisor relays it) from the demo catalog; never relayed yet
    // for this account by the seed, so no duplicate warning gets in the way.
    const api = await apiSession(server.baseUrl, DEMO.advisor);
    const { items } = await api.get<{ items: Product[] }>('/products');
    const { items: hits } = await api.get<{ items: Array<{ id: string; name: string }> }>(`/search?q=${encodeURIComponent(SHOWCASE)}&limit=5`);
    const account = hits.find((h) => h.name === SHOWCASE);
    if (!account) throw new Error('the demo seed has no showcase account');
    const { items: existing } = await api.get<{ items: Array<{ productId: string }> }>(`/leads?view=account&accountId=${account.id}`);
    const candidates = items.filter((p) => !existing.some((l) => l.productId === p.id));
    const chosen = candidates.find((p) => p.complexity === 'complex') ?? candidates[0];
    if (!chosen) throw new Error('the demo catalog has no product left to relay for the showcase account');
    product = chosen;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the relayed lead on the rep\'s open page without a reload, then the rejection in "Mes relais"', async () => {
    // The rep lands on "Ma journée" and keeps it open.
    await signIn(rep, DEMO.rep);
    await rep.waitForURL('**/my-day');
    await rep.getByTestId('inbox').waitFor();
    const rowsBefore = await rep.getByTestId('inbox-row').count();
    const badgeBefore = Number(await rep.getByTestId('notification-badge').getAttribute('data-count'));

    // The advisor finds the caller's company and relays a lead from the account page.
    await signIn(advisor, DEMO.advisor);
    await advisor.getByTestId('search-input').fill('Transports Martin');
    await advisor.getByTestId('search-hit').filter({ hasText: SHOWCASE }).first().click();
    await advisor.getByTestId('account-identity').waitFor();
    await advisor.getByTestId('relay-lead').click();
    await pickOption(advisor, 'relay-product', new RegExp(product.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    const need = `Veut remplacer son standard pour 40 postes (e2e ${Date.now()})`;
    await advisor.getByTestId('relay-need').fill(need);
    await advisor.getByTestId('relay-value').fill('12000');
    expect(await advisor.getByTestId('relay-source').inputValue()).toBe('Appel entrant');
    await advisor.getByTestId('relay-submit').click();
    const done = advisor.getByText(/Piste relayée à Julien Moreau — échéance/);
    await done.waitFor();

    // Live on the rep's page: the new row and the badge, with no navigation in between.
    const urlBefore = rep.url();
    const row = rep.getByTestId('inbox-row').filter({ hasText: need });
    await row.waitFor({ timeout: 10_000 });
    expect(rep.url()).toBe(urlBefore);
    expect(await rep.getByTestId('inbox-row').count()).toBe(rowsBefore + 1);
    await expect.poll(async () => Number(await rep.getByTestId('notification-badge').getAttribute('data-count'))).toBe(badgeBefore + 1);
    expect(await row.getByTestId('lead-routing').textContent()).toContain('Julien Moreau est le commercial du compte');
    expect(await row.getByTestId('lead-countdown').textContent()).toMatch(/échéance dans|en retard de/);

    // The rep rejects it from the keyboard: focus the row, "r", reason, note, Ctrl+Enter.
    await row.getByTestId('lead-need').click();
    await rep.keyboard.press('r');
    await pickOption(rep, 'reject-reason', 'Déjà équipé');
    const note = 'Ils viennent de signer avec un concurrent pour trois ans.';
    await rep.getByTestId('reject-note').fill(note);
    await rep.getByTestId('reject-note').press('Control+Enter');
    await row.waitFor({ state: 'detached' });

    // The advisor follows up in "Mes relais": rejected, with the reason and the note.
    await advisor.getByTestId('nav-my-relays').click();
    const relay = advisor.getByTestId('relay-row').filter({ hasText: product.name }).first();
    await relay.waitFor();
    expect(await relay.getAttribute('data-status')).toBe('rejected');
    expect(await relay.getByTestId('lead-status').textContent()).toBe('Refusée');
    expect(await relay.getByTestId('lead-reject-reason').textContent()).toBe('Déjà équipé');
    expect(await relay.getByTestId('lead-reject-note').textContent()).toContain(note);
    expect(await relay.getByTestId('lead-assignee').textContent()).toBe('Julien Moreau');
  });
});
