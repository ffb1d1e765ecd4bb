// Journey (b): an administrator opens an agency, creates a colleague in it, and the colleague signs in.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, launchBrowser, newPage, pickOption, signIn, startE2EServer, type E2EServer } from './support.ts';

describe('administrator onboards a new agency and colleague', () => {
  let server: E2EServer;
  let browser: Browser;
  let page: Page;
  const tag = Date.now().toString(36).toUpperCase();
  const agency = { code: `E2E-${tag}`, name: `Agence Test ${tag}`, city: 'Rouen' };
  const user = { name: `Camille Test ${tag}`, email: `camille.${tag.toLowerCase()}@example.fr`, password: 'un-mot-de-passe-solide' };

  beforeAll(async () => {
    server = await startE2EServer();
    browser = await launchBrowser();
    page = await newPage(browser, server.baseUrl);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('creates an agency', async () => {
    await signIn(page, DEMO.admin);
    await page.getByTestId('nav-admin').click();
    await page.getByTestId('agencies').waitFor();

    await page.getByTestId('agencies-add').click();
    await page.getByTestId('agency-code').fill(agency.code);
    await page.getByTestId('agency-name').fill(agency.name);
    await page.getByTestId('agency-city').fill(agency.city);
    await page.getByTestId('agency-region').click();
    await page.getByRole('option').first().click();
    await page.getByTestId('agency-submit').click();

    await page.getByTestId('agency-row').filter({ hasText: agency.name }).waitFor();
    expect(await page.getByTestId('agency-row').filter({ hasText: agency.code }).count()).toBe(1);
  });

  it('creates a user in that agency, then signs out', async () => {
    await page.getByTestId('tab-users').click();
    await page.getByTestId('users-table').waitFor();
    await page.getByTestId('user-add').click();
    await page.getByTestId('user-name').fill(user.name);
    await page.getByTestId('user-email').fill(user.email);
    await page.getByTestId('user-password').fill(user.password);
    await pickOption(page, 'user-home-agency', new RegExp(agency.name), agency.name);
    await page.getByTestId('user-submit').click();

    await page.getByTestId('user-row').filter({ hasText: user.email }).waitFor();

    await page.getByTestId('user-menu').click();
    await page.getByTestId('sign-out').click();
    await page.getByTestId('sign-in-email').waitFor();
  });

  it('the new colleague signs in', async () => {
    await signIn(page, user.email, user.password);
    expect(await page.getByTestId('user-menu').textContent()).toContain(user.name);
    await page.getByTestId('search-input').waitFor();
    // Not an administrator: no admin entry in the navigation.
    expect(await page.getByTestId('nav-admin').count()).toBe(0);
  });
});
