// Journey (e): an inbound advisor opens a complaint during a call → it lands in the Île-de-France back
// office's queue with its SLA countdown → the agent there transfers it to the Lyon back office with a
// reason → the Lyon agent reads the whole history and resolves it → the advisor sees the status, and the
// words to read out to the customer, on the account. Then the Paris queue grows past a page: "Voir plus".
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountSummary } from '../../src/contract/accounts.ts';
import type { Case } from '../../src/contract/cases.ts';
import { apiSession, DEMO, launchBrowser, newPage, pickOption, signIn, startE2EServer, type E2EServer } from './support.ts';

const PARIS_BACK_OFFICE = 'sav@demo.relais.fr';
const LYON_BACK_OFFICE = 'sav.lyon@demo.relais.fr';

describe('a complaint opened during a call is transferred between back offices and resolved', () => {
  let server: E2EServer;
  let browser: Browser;
  let advisor: Page;
  let paris: Page;
  let lyon: Page;
  let account: AccountSummary;
  let reference: string;
  const subject = `Colis incomplet ${Date.now()}`;
  const reason = 'La commande a été préparée par l’entrepôt de Lyon, qui a le bon de préparation.';

  beforeAll(async () => {
    server = await startE2EServer();
    browser = await launchBrowser();
    advisor = await newPage(browser, server.baseUrl);
    paris = await newPage(browser, server.baseUrl);
    lyon = await newPage(browser, server.baseUrl);
    // A caller of the advisor's region, with a phone number and no case yet.
    const api = await apiSession(server.baseUrl, DEMO.advisor);
    const list = await api.get<{ items: AccountSummary[] }>('/accounts?limit=100');
    for (const a of list.items.filter((x) => x.phones.length > 0)) {
      const cases = await api.get<{ items: Case[] }>(`/cases?view=account&accountId=${a.id}`);
      if (cases.items.length === 0) {
        account = a;
        break;
      }
    }
    if (!account) throw new Error('the demo seed has no account with a phone number and no case');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the advisor opens the complaint from the call console; it goes to the Île-de-France back office', async () => {
    await signIn(advisor, DEMO.advisor);
    await advisor.getByTestId('nav-console').click();
    await advisor.getByTestId('console-number').fill(account.phones[0]!);
    const hit = advisor.getByTestId('console-hit').filter({ hasText: account.name }).first();
    await hit.waitFor();
    await hit.getByTestId('console-open-case').click();

    const dialog = advisor.getByRole('dialog');
    await dialog.getByTestId('case-subject').waitFor();
    // Submitting empty names what is missing.
    await dialog.getByTestId('case-open-submit').click();
    await dialog.getByText(/requis|obligatoire|Choisissez|Indiquez/i).first().waitFor();
    await pickOption(advisor, 'case-type', 'Réclamation');
    await dialog.getByTestId('case-priority').getByText('Haute').click();
    await dialog.getByTestId('case-subject').fill(subject);
    await dialog.getByTestId('case-description').fill('Deux terminaux manquent sur les cinq commandés ; le client est bloqué.');
    await dialog.getByTestId('case-open-submit').click();

    const result = dialog.getByTestId('open-case-result');
    await result.waitFor();
    reference = (await result.getAttribute('data-reference'))!;
    expect(reference).toMatch(/^R-\d{4}-\d{6}$/);
    expect(await dialog.getByTestId('case-opened-pool').textContent()).toContain('Back-office SAV Île-de-France');
    expect(await dialog.getByTestId('case-opened-first-response').textContent()).not.toBe('');
    await dialog.getByTestId('case-opened-close').click();
  });

  it('lands in the Paris agent’s queue with its countdown; she transfers it to Lyon with the reason', async () => {
    await signIn(paris, PARIS_BACK_OFFICE);
    await paris.getByTestId('nav-cases').click();
    await paris.getByTestId('cases-list').and(paris.locator('[data-state="ready"]')).waitFor();
    const row = paris.locator(`[data-testid="case-row"][data-reference="${reference}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-priority')).toBe('high');
    expect(await row.getByTestId('case-row-subject').textContent()).toContain(subject);
    const countdown = row.getByTestId('case-sla-countdown');
    expect(['running', 'warning']).toContain(await countdown.getAttribute('data-state'));
    expect(await countdown.getAttribute('data-clock')).toBe('firstResponse');

    await row.getByTestId('case-row-link').click();
    await paris.getByTestId('case-page').waitFor();
    expect(await paris.getByTestId('case-reference').textContent()).toContain(reference);
    await paris.getByTestId('case-transfer').click();
    const dialog = paris.getByRole('dialog');
    await dialog.getByTestId('case-transfer-reason').waitFor();
    await pickOption(paris, 'case-transfer-pool', /Auvergne-Rhône-Alpes/);
    await dialog.getByTestId('case-transfer-reason').fill(reason);
    await dialog.getByTestId('case-transfer-submit').click();
    await paris.getByTestId('case-pool').filter({ hasText: 'Auvergne-Rhône-Alpes' }).waitFor();
    expect(await paris.getByTestId('case-transfers').textContent()).toContain('1');
  });

  it('the Lyon agent finds it in her queue, reads why it came, and resolves it with a summary', async () => {
    await signIn(lyon, LYON_BACK_OFFICE);
    await lyon.getByTestId('nav-cases').click();
    const row = lyon.locator(`[data-testid="case-row"][data-reference="${reference}"]`);
    await row.waitFor();
    await row.getByTestId('case-row-link').click();
    await lyon.getByTestId('case-page').waitFor();

    // The whole history came with it: the opening by the advisor, the transfer and its reason.
    const timeline = lyon.getByTestId('case-timeline');
    await timeline.locator('[data-action="case.transferred"]').waitFor();
    expect(await timeline.locator('[data-action="case.opened"]').count()).toBe(1);
    expect(await timeline.getByTestId('case-timeline-reason').first().textContent()).toContain(reason);

    await lyon.getByTestId('case-transition-start').click();
    await lyon.locator('[data-testid="case-status"][data-status="in_progress"]').waitFor();
    await lyon.getByTestId('case-transition-resolve').click();
    const dialog = lyon.getByRole('dialog');
    await dialog.getByTestId('case-resolve-summary').fill('Les deux terminaux manquants ont été réexpédiés en express ; livraison confirmée.');
    await dialog.getByTestId('case-resolve-submit').click();
    await lyon.locator('[data-testid="case-status"][data-status="resolved"]').waitFor();
    expect(await lyon.getByTestId('case-resolution-summary').textContent()).toContain('réexpédiés en express');
  });

  it('the advisor sees it resolved on the account, with what to tell the customer', async () => {
    await advisor.goto(`/accounts/${account.id}`);
    const panel = advisor.getByTestId('account-cases-panel');
    const row = panel.locator(`[data-testid="account-case-row"][data-reference="${reference}"]`);
    await row.waitFor();
    await panel.locator(`[data-testid="account-case-row"][data-reference="${reference}"][data-status="resolved"]`).waitFor();
    expect(await row.getByTestId('account-case-status').textContent()).toContain('Résolu');
    await row.getByTestId('account-case-expand').click();
    const summary = panel.getByTestId('account-case-summary-text').first();
    await summary.waitFor();
    const text = await summary.textContent();
    expect(text).toContain(reference);
    expect(text).toContain('a été résolu');
    expect(text).toContain('réexpédiés en express');
  });

  it('anyone reads the case rules in plain words and simulates where a Saturday-night case would go', async () => {
    await advisor.goto('/rules');
    const section = advisor.getByTestId('case-rules-section');
    await section.getByTestId('case-sla-table').waitFor();
    expect(await section.getByTestId('case-sla-row-critical').getByTestId('case-sla-first-response').textContent()).toMatch(/ouvrée/);
    expect(await section.getByTestId('case-routing-text').textContent()).toContain('pôle back-office');

    const card = advisor.getByTestId('case-simulate-card');
    await card.getByTestId('case-simulate-account').fill(account.name.slice(0, 10));
    await advisor.getByTestId('account-option').filter({ hasText: account.name }).first().click();
    await pickOption(advisor, 'case-simulate-type', 'Réclamation');
    await card.getByTestId('case-simulate-at').fill('2026-12-05T21:00');
    await card.getByTestId('case-simulate-submit').click();
    const result = card.getByTestId('case-simulate-result');
    await result.waitFor();
    expect(await result.getByTestId('case-simulate-pool').textContent()).toContain('Back-office SAV Île-de-France');
    // Opened on a Saturday night, the clock only starts on Monday morning.
    expect(await result.textContent()).toMatch(/lundi 7 décembre/i);
  });

  it('a long pool queue opens on its 50 most urgent with the count of all; "Voir plus" appends the next page and the keys go on into it', async () => {
    // The small demo gives each back office a handful of cases: 55 more requests from the same customer.
    const api = await apiSession(server.baseUrl, DEMO.advisor);
    for (let i = 1; i <= 55; i++) {
      await api.post('/cases', { accountId: account.id, type: 'information', priority: 'low', subject: `Demande de documentation n° ${i}`, description: 'Le client souhaite la fiche technique.', channel: 'email' });
    }
    await paris.goto('/cases?view=pool');
    await paris.getByTestId('cases-list').and(paris.locator('[data-state="ready"]')).waitFor();
    const rows = paris.getByTestId('case-row');
    const count = paris.getByTestId('cases-count');
    const total = Number(await count.getAttribute('data-total'));
    expect(total).toBeGreaterThan(55);
    expect(await rows.count()).toBe(50);
    expect(await count.textContent()).toBe(`50 sur ${total} dossiers`);

    await rows.nth(49).getByTestId('case-row-subject').click();
    const more = paris.getByTestId('cases-more');
    expect(await more.textContent()).toContain('Voir plus');
    await more.click();
    await rows.nth(50).waitFor();
    expect(await rows.count()).toBe(Math.min(total, 100));
    expect(await count.getAttribute('data-shown')).toBe(String(Math.min(total, 100)));
    await paris.keyboard.press('j');
    expect(await rows.nth(50).getAttribute('data-selected')).toBe('true');
    expect(await rows.nth(49).getAttribute('data-selected')).toBeNull();
  });
});
