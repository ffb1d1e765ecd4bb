// Journey (f): the national director opens "Pilotage" at the nation and sees the regions side by side → drills
// down to the Île-de-France region, then to the Agence Paris La Défense, then to Thomas Petit, a field rep of it
// who has logged no contact for two weeks (the demo seed's quiet rep) → on his dashboard the contacts logged are 0
// this week and last, and the alert "Commercial sans contact saisi depuis 5 jours ouvrés" (a default rule, fired
// by the sweep right after the seed) is there → he opens it and acknowledges it with a comment → the alert reads
// acknowledged, with the acknowledgement and the comment in its history, on the page, on the dashboard and in the API.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert, Dashboard } from '../../src/contract/steering.ts';
import { apiSession, DEMO, launchBrowser, newPage, signIn, startE2EServer, type E2EServer } from './support.ts';

// QUIET_REP in src/server/seed/demo.ts.
const QUIET_REP = 'Thomas Petit';
const REGION = 'Direction régionale Île-de-France';
const AGENCY = 'Agence Paris La Défense';
const RULE = 'Commercial sans contact saisi depuis 5 jours ouvrés';

describe('the national director drills down to a quiet rep and acknowledges the alert raised for him', () => {
  let server: E2EServer;
  let browser: Browser;
  let director: Page;
  let repId: string;
  let alertId: string;
  const comment = 'Appelé ce matin : il était en formation produit toute la semaine, il saisit ses visites aujourd’hui.';

  const dashboard = (page: Page, type: string) => page.locator(`[data-testid="steering-dashboard"][data-unit-type="${type}"]`);
  /** Opens the row of the next level down whose name is `name`, by its link. */
  async function openRow(page: Page, name: string, type: string) {
    const row = page.getByTestId('steering-children-table').locator(`tr[data-type="${type}"]`).filter({ hasText: name });
    await row.waitFor();
    await row.getByRole('link', { name }).click();
  }

  beforeAll(async () => {
    server = await startE2EServer();
    browser = await launchBrowser();
    director = await newPage(browser, server.baseUrl);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('opens Pilotage at the nation, with the three regions side by side', async () => {
    await signIn(director, DEMO.director);
    await director.getByTestId('nav-steering').click();
    const nation = dashboard(director, 'nation');
    await nation.waitFor();
    expect(await director.getByTestId('page-title').textContent()).toBe('National');
    expect(director.url()).toContain('type=nation');
    // The regions as a chart (one bar each) and as a table.
    const compare = director.getByTestId('steering-compare');
    expect(await compare.getByRole('heading').first().textContent()).toContain('Les régions côte à côte');
    await compare.locator('.recharts-bar-rectangle').nth(2).waitFor();
    expect(await compare.locator('.recharts-bar-rectangle').count()).toBe(3);
    const regions = director.getByTestId('steering-children-table').locator('tbody tr');
    expect(await regions.count()).toBe(3);
    expect(await director.getByTestId('steering-children-table').locator('tbody tr[data-type="region"]').count()).toBe(3);
    expect(await director.getByTestId('steering-children-table').textContent()).toContain(REGION);

    // The funnel from lead to sale: four stages, the same counts as the API's for the period shown.
    const [from, to] = (await nation.getAttribute('data-period'))!.split('/') as [string, string];
    const api = await apiSession(server.baseUrl, DEMO.director);
    const shown = await api.get<Dashboard>(`/steering/dashboard?type=nation&period=custom&from=${from}&to=${to}`);
    const funnel = director.getByTestId('steering-funnel');
    await funnel.getByTestId('steering-funnel-table').waitFor();
    const counts = await Promise.all(['received', 'answered', 'converted', 'won'].map(async (stage) => Number(await funnel.getByTestId(`funnel-${stage}`).getAttribute('data-value'))));
    expect(counts).toEqual([shown.funnel.received, shown.funnel.answered, shown.funnel.converted, shown.funnel.won]);
    expect(shown.funnel.received).toBe(shown.figures.leads_received!.value);
    expect(counts[0]).toBeGreaterThan(0);
    expect(await funnel.textContent()).toContain('Leads convertis en affaire');
  });

  it('drills down to the Île-de-France region, then to the Agence Paris La Défense, then to the quiet rep', async () => {
    await openRow(director, REGION, 'region');
    await dashboard(director, 'region').waitFor();
    expect(await director.getByTestId('page-title').textContent()).toBe(REGION);
    expect(await director.getByTestId('breadcrumb-nation').textContent()).toBe('National');
    expect(await director.getByTestId('steering-children-table').locator('tbody tr[data-type="agency"]').count()).toBe(3);

    await openRow(director, AGENCY, 'agency');
    await dashboard(director, 'agency').waitFor();
    expect(await director.getByTestId('page-title').textContent()).toBe(AGENCY);
    // Its people are listed to him, a line manager above them (colleagues would see the aggregates only).
    expect(await director.getByTestId('steering-children-hidden').count()).toBe(0);
    expect(await director.getByTestId('steering-children-table').locator('tbody tr[data-type="person"]').filter({ hasText: 'Julien Moreau' }).count()).toBe(1);

    await openRow(director, QUIET_REP, 'person');
    const person = dashboard(director, 'person');
    await person.waitFor();
    expect(await director.getByTestId('page-title').textContent()).toBe(QUIET_REP);
    repId = (await person.getAttribute('data-unit-id'))!;
    expect(repId).toMatch(/^[0-9a-f-]{36}$/);
    expect(director.url()).toContain(`type=person&id=${repId}`);
    const crumbs = await director.getByTestId('steering-breadcrumb').textContent();
    expect(crumbs).toContain(REGION);
    expect(crumbs).toContain(AGENCY);
  });

  it('his dashboard shows no contact logged this week nor last week, and the alert raised for it', async () => {
    const person = dashboard(director, 'person');
    const contacts = director.getByTestId('indicator-interactions_logged-value');

    await director.getByTestId('period-kind').getByText('Semaine', { exact: true }).click();
    await director.waitForURL(/period=week/);
    // The label names the period of the figures on screen (the previous ones stay until the new ones arrive).
    await director.getByTestId('period-label').filter({ hasText: /^Semaine \d+/ }).waitFor();
    const thisWeek = await director.getByTestId('period-label').getAttribute('data-from');
    expect(await person.getAttribute('data-period')).toMatch(new RegExp(`^${thisWeek}/`));
    expect(await contacts.textContent()).toBe('0');

    await director.getByTestId('period-previous').click();
    await director.locator(`[data-testid="period-label"]:not([data-from="${thisWeek}"])`).waitFor();
    const lastWeek = await director.getByTestId('period-label').getAttribute('data-from');
    expect(lastWeek! < thisWeek!).toBe(true);
    expect(await person.getAttribute('data-period')).toMatch(new RegExp(`^${lastWeek}/`));
    expect(await contacts.textContent()).toBe('0');

    // The alert block: shown to his leaders, whatever the period.
    const block = director.getByTestId('steering-alerts');
    const alert = block.locator('[data-testid="steering-alert"][data-status="open"]').filter({ hasText: RULE });
    await alert.waitFor();
    alertId = (await alert.getAttribute('data-alert-id'))!;
    const words = await alert.getByTestId('steering-alert-link').textContent();
    expect(words).toContain(QUIET_REP);
    expect(words).toContain('Contacts saisis 0');
    expect(words).toContain('au moins 1');
    expect(await alert.getByTestId('steering-alert-acknowledge').isVisible()).toBe(true);
  });

  it('opens the alert and acknowledges it with a comment; it reads acknowledged, with the comment in its history', async () => {
    await director.getByTestId('steering-alerts').locator(`[data-alert-id="${alertId}"]`).getByTestId('steering-alert-link').click();
    const page = director.locator(`[data-testid="alert-page"][data-alert-id="${alertId}"]`);
    await page.waitFor();
    expect(director.url()).toContain(`/steering/alerts/${alertId}`);
    expect(await page.getAttribute('data-status')).toBe('open');
    expect(await director.getByTestId('page-title').textContent()).toBe(RULE);
    expect(await director.getByTestId('alert-text').textContent()).toContain(QUIET_REP);
    expect(await director.getByTestId('alert-target-link').getAttribute('href')).toContain(`type=person&id=${repId}`);
    const history = director.getByTestId('alert-history');
    expect(await history.locator('[data-action="fired"]').count()).toBe(1);
    expect(await history.locator('[data-action="acknowledged"]').count()).toBe(0);

    await director.getByTestId('alert-acknowledge-comment').fill(comment);
    await director.getByTestId('alert-acknowledge').click();

    await director.locator(`[data-testid="alert-page"][data-alert-id="${alertId}"][data-status="acknowledged"]`).waitFor();
    expect(await director.getByTestId('alert-status').first().textContent()).toBe('Prise en compte');
    const acknowledged = history.locator('[data-action="acknowledged"]');
    await acknowledged.waitFor();
    expect(await acknowledged.textContent()).toContain('Bernard Directeur');
    expect(await acknowledged.getByTestId('alert-event-comment').textContent()).toContain(comment);
    // Acknowledged once: the button is gone; resolving (with what was done) is what remains.
    expect(await director.getByTestId('alert-acknowledge').count()).toBe(0);
    expect(await director.getByTestId('alert-resolve').isVisible()).toBe(true);
  });

  it('the API and his dashboard say the same: acknowledged, by the director, with the comment', async () => {
    const api = await apiSession(server.baseUrl, DEMO.director);
    const alert = await api.get<Alert>(`/alerts/${alertId}`);
    expect(alert.status).toBe('acknowledged');
    expect(alert.target).toMatchObject({ type: 'person', id: repId, name: QUIET_REP });
    expect(alert.rule.name).toBe(RULE);
    expect(alert.events.map((e) => e.action)).toEqual(['fired', 'acknowledged']);
    expect(alert.events[1]).toMatchObject({ actor: { name: 'Bernard Directeur' }, comment });
    expect(alert.abilities).toMatchObject({ acknowledge: false, resolve: true });

    await director.getByTestId('alert-target-link').click();
    await dashboard(director, 'person').waitFor();
    const onDashboard = director.getByTestId('steering-alerts').locator(`[data-alert-id="${alertId}"]`);
    await director.locator(`[data-testid="steering-alert"][data-alert-id="${alertId}"][data-status="acknowledged"]`).waitFor();
    expect(await onDashboard.getByTestId('steering-alert-acknowledge').count()).toBe(0);
  });

  it('his inbox lists it among his units’ alerts, whoever was told, as the API does', async () => {
    const api = await apiSession(server.baseUrl, DEMO.director);
    const toldToHim = (await api.get<{ items: Alert[] }>('/alerts?scope=mine')).items.some((a) => a.id === alertId);
    await director.goto(`${server.baseUrl}/steering/alerts`);
    await director.locator('[data-testid="alerts-list"][data-state="ready"][data-scope="mine"]').waitFor();
    expect(await director.locator(`[data-testid="alert-row"][data-alert-id="${alertId}"]`).count()).toBe(toldToHim ? 1 : 0);

    await director.getByTestId('alerts-scope').getByText('Dans mes unités').click();
    await director.locator('[data-testid="alerts-list"][data-state="ready"][data-scope="units"]').waitFor();
    const row = director.locator(`[data-testid="alert-row"][data-alert-id="${alertId}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-status')).toBe('acknowledged');
    expect(director.url()).toContain('scope=units');
    const inUnits = (await api.get<{ items: Alert[] }>('/alerts?scope=units')).items.map((a) => a.id);
    expect(await director.getByTestId('alert-row').count()).toBe(inUnits.length);
  });
});
