// Journey (d): a telemarketer relays a lead for a complex product on a rep's account; the rep converts it, moves the
// deal on and wins it by dragging its card on the pipeline board; the telemarketer's "Mes crédits" explains the 50 %
// initiator share; the rep contests it (20 %) with the evidence frozen; the arbiter the rules pick (both parties'
// lowest common level: the nation) decides 10 % with a justification; both parties read the ruling, the
// telemarketer's credits show the −10 % adjustment and the deal's net shares become 60 % / 40 %.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '../../src/contract/catalog.ts';
import { apiSession, DEMO, launchBrowser, newPage, pickOption, signIn, startE2EServer, type E2EServer } from './support.ts';

const TELEMARKETER = 'televendeur@demo.relais.fr';
const REP_NAME = 'Julien Moreau';
const TELEMARKETER_NAME = 'Yann Le Gall';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The space French puts before "%": a no-break space, narrow or not. */
const SP = '[\\s\\u00a0\\u202f]';
/** "50 %" (or "−10 %") as the French UI writes it, not part of a longer number. */
const pct = (n: number) => new RegExp(`(^|[^\\d,])${n < 0 ? '[−-]' : ''}${Math.abs(n)}${SP}%`);

describe('a relayed sale is credited, contested, arbitrated, and both parties see the ruling', () => {
  let server: E2EServer;
  let browser: Browser;
  let tele: Page;
  let rep: Page;
  let arbiter: Page;
  let account: { id: string; name: string };
  let product: Product;
  let repId: string;
  let teleId: string;

  beforeAll(async () => {
    server = await startE2EServer();
    browser = await launchBrowser();
    tele = await newPage(browser, server.baseUrl);
    rep = await newPage(browser, server.baseUrl);
    arbiter = await newPage(browser, server.baseUrl);

    // One of Julien's accounts with no lead nor deal yet for the family of a complex product, so the
    // telemarketer's relay is the first initiative (the initiator) and no duplicate warning gets in the way.
    const api = await apiSession(server.baseUrl, DEMO.rep);
    repId = (await api.get<{ user: { id: string } }>('/session')).user.id;
    teleId = (await (await apiSession(server.baseUrl, TELEMARKETER)).get<{ user: { id: string } }>('/session')).user.id;
    const { items: products } = await api.get<{ items: Product[] }>('/products');
    const complex = products.filter((p) => p.complexity === 'complex');
    const { items: accounts } = await api.get<{ items: Array<{ id: string; name: string }> }>(`/accounts?ownerId=${repId}&limit=200`);
    for (const a of accounts) {
      const { items: leads } = await api.get<{ items: Array<{ productFamily: string }> }>(`/leads?view=account&accountId=${a.id}&limit=200`);
      const { items: deals } = await api.get<{ items: Array<{ id: string }> }>(`/deals?view=account&accountId=${a.id}&closedWithinDays=3660`);
      const families = new Set(leads.map((l) => l.productFamily));
      for (const d of deals) for (const line of (await api.get<{ lines: Array<{ family: string }> }>(`/deals/${d.id}`)).lines) families.add(line.family);
      const free = complex.find((p) => !families.has(p.family));
      if (free) {
        account = a;
        product = free;
        break;
      }
    }
    if (!account) throw new Error(`the demo seed has no account of ${REP_NAME} without a complex-product initiative`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('credits the telemarketer 50 %, then 40 % after the rep\'s dispute is decided at 10 %', async () => {
    // 1. The telemarketer finds the account and relays a lead for the complex product.
    await signIn(tele, TELEMARKETER);
    await tele.getByTestId('search-input').fill(account.name);
    await tele.getByTestId('search-hit').filter({ hasText: account.name }).first().click();
    await tele.getByTestId('account-identity').waitFor();
    await tele.getByTestId('relay-lead').click();
    await pickOption(tele, 'relay-product', new RegExp(escape(product.name)));
    const need = `Trois sites à relier, renouvellement de contrat en fin d'année (e2e ${Date.now()})`;
    await tele.getByTestId('relay-need').fill(need);
    await tele.getByTestId('relay-value').fill('24000');
    await tele.getByTestId('relay-submit').click();
    await tele.getByText(new RegExp(`Piste relayée à ${REP_NAME} — échéance`)).waitFor();

    // 2. The rep opens the lead from "Ma journée" and converts it into a deal.
    await signIn(rep, DEMO.rep);
    await rep.waitForURL('**/my-day');
    const row = rep.getByTestId('inbox-row').filter({ hasText: need });
    await row.getByTestId('lead-product').click();
    await rep.getByTestId('lead-detail').waitFor();
    expect(await rep.getByTestId('lead-initiator').textContent()).toBe(TELEMARKETER_NAME);
    expect(await rep.getByTestId('lead-assignee').textContent()).toBe(REP_NAME);
    await rep.getByTestId('lead-convert').click();
    expect(await rep.getByTestId('convert-amount').inputValue()).toBe('24 000 €');
    await rep.getByTestId('convert-submit').click();
    await rep.getByTestId('lead-open-deal').click();
    await rep.waitForURL('**/deals/*');
    const dealId = new URL(rep.url()).pathname.split('/').pop()!;
    expect(await rep.getByTestId('deal-title').textContent()).toBe(product.name);
    expect(await rep.getByTestId('deal-stage').textContent()).toBe('Qualification');
    expect(await rep.getByTestId('deal-amount').textContent()).toMatch(/^24\s000\s€$/);

    // On the deal page: qualification → proposal.
    await rep.getByTestId('deal-stage-button-proposal').click();
    await expect.poll(() => rep.getByTestId('deal-stage').textContent()).toBe('Proposition');

    // On the pipeline board: drag the card from the proposal column to the won column.
    await rep.getByTestId('nav-deals').click();
    const card = rep.getByTestId(`deal-card-${dealId}`);
    await rep.getByTestId('column-body-proposal').getByTestId(`deal-card-${dealId}`).waitFor();
    await card.dragTo(rep.getByTestId('deal-column-won'));
    await rep.getByTestId('column-body-won').getByTestId(`deal-card-${dealId}`).waitFor();
    expect(await card.getAttribute('data-stage')).toBe('won');
    await rep.getByText(`Affaire gagnée : « ${product.name} »`).waitFor();

    // The won deal's credits: the telemarketer initiated it, the rep sold it, half each.
    await card.getByTestId('card-title').click();
    await rep.waitForURL(`**/deals/${dealId}`);
    await expect.poll(() => rep.getByTestId('deal-stage').textContent()).toBe('Gagnée');
    const credits = rep.getByTestId('deal-credits');
    const repShare = credits.locator(`[data-testid="net-share"][data-user-id="${repId}"]`);
    const teleShare = credits.locator(`[data-testid="net-share"][data-user-id="${teleId}"]`);
    await repShare.waitFor();
    expect(await repShare.textContent()).toMatch(pct(50));
    expect(await teleShare.textContent()).toContain(TELEMARKETER_NAME);
    expect(await teleShare.textContent()).toMatch(pct(50));

    // 3. The telemarketer's "Mes crédits": the line, its share and why, in French.
    await tele.getByTestId('nav-credits').click();
    const initiatorRow = tele.locator('[data-testid^="credit-row-"][data-role="initiator"]').filter({ hasText: account.name });
    await initiatorRow.waitFor();
    expect(await initiatorRow.getByTestId('credit-deal-link').textContent()).toBe(product.name);
    expect(await initiatorRow.getByTestId('credit-role').textContent()).toBe('Initiateur');
    expect(await initiatorRow.getByTestId('credit-share').textContent()).toMatch(pct(50));
    const why = (await initiatorRow.getByTestId('credit-explanation').textContent()) ?? '';
    expect(why).toContain(`Crédité à ${TELEMARKETER_NAME} comme initiateur (50 %)`);
    expect(why).toContain(`${TELEMARKETER_NAME} a relayé la piste`);

    // 4. The rep contests the telemarketer's share: 20 % of the line.
    const contest = credits.locator('[data-testid^="contest-button-"]');
    const lineId = (await contest.getAttribute('data-testid'))!.replace('contest-button-', '');
    await contest.click();
    expect(await rep.getByTestId('dispute-counterparty').inputValue()).toMatch(new RegExp(`^${TELEMARKETER_NAME} — 50${SP}%$`));
    await rep.getByTestId('dispute-percent').fill('20');
    const claim = "J'ai rencontré le client deux fois avant le relais : la piste ne faisait que confirmer un besoin déjà identifié.";
    await rep.getByTestId('dispute-claim').fill(claim);
    await rep.getByTestId('dispute-submit').click();
    await rep.getByText(/^Contestation \S+ déposée$/).waitFor();
    await rep.getByTestId('dispute-modal').waitFor({ state: 'hidden' });
    await rep.getByTestId(`contest-open-${lineId}`).click();
    await rep.waitForURL('**/disputes/*');
    const disputeId = new URL(rep.url()).pathname.split('/').pop()!;
    const repDispute = rep.getByTestId('dispute-page');
    await repDispute.waitFor();
    expect(await repDispute.getByTestId('dispute-status').first().textContent()).toBe('En attente de décision');
    expect(await rep.getByTestId('dispute-claim-text').textContent()).toContain(claim);
    await rep.getByTestId('dispute-claim-card').getByText('Votre demande', { exact: true }).waitFor();
    expect(await rep.getByTestId('dispute-counterparty-person').textContent()).toContain(TELEMARKETER_NAME);
    expect(await rep.getByTestId('dispute-counterparty-person').textContent()).toMatch(pct(20));
    // The evidence frozen at filing: a verified chain, with the relay, the conversion and the win among its events.
    expect(await rep.getByTestId('evidence-verified').getAttribute('data-verified')).toBe('true');
    expect(await rep.getByTestId('evidence-verified').textContent()).toBe('Chaîne vérifiée');
    const events = rep.locator('[data-testid^="evidence-event-"]');
    const actions = await events.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
    expect(actions).toEqual(expect.arrayContaining(['lead.relayed', 'lead.converted', 'deal.created', 'deal.stage_changed', 'deal.won']));

    // 5. Who arbitrates: the rules say the lowest level common to both parties — no agency for the national
    // telemarketing pool, so the nation — and the API names the person; sign in as them.
    const asRep = await apiSession(server.baseUrl, DEMO.rep);
    const filed = await asRep.get<{ reference: string; arbiter: { id: string; name: string }; arbiterLevel: string; status: string }>(`/disputes/${disputeId}`);
    expect(filed.status).toBe('open');
    expect(filed.arbiterLevel).toBe('nation');
    expect(filed.arbiter.name).toBe('Bernard Directeur');
    const { email: arbiterEmail } = await (await apiSession(server.baseUrl, DEMO.admin)).get<{ email: string }>(`/users/${filed.arbiter.id}`);
    expect(await rep.getByTestId('dispute-arbiter').textContent()).toContain(filed.arbiter.name);

    await signIn(arbiter, arbiterEmail);
    await arbiter.getByTestId('nav-disputes').click();
    await arbiter.getByTestId('disputes-tab-arbiter').click();
    const toDecide = arbiter.getByTestId(`dispute-row-${disputeId}`);
    await toDecide.waitFor();
    expect(await toDecide.getByTestId('dispute-status').textContent()).toBe('En attente de décision');
    await toDecide.getByTestId('dispute-link').click();
    await arbiter.getByTestId('decide-form').waitFor();
    await arbiter.getByTestId('dispute-claim-card').getByText(`Demande de ${REP_NAME}`, { exact: true }).waitFor();
    expect(await arbiter.getByTestId('evidence-verified').textContent()).toBe('Chaîne vérifiée');
    await arbiter.getByTestId('decide-percent').fill('10');
    await expect.poll(() => arbiter.getByTestId('decide-preview').textContent()).toMatch(new RegExp(`de la ligne passeront de ${TELEMARKETER_NAME} à ${REP_NAME}`));
    const justification = 'Le relais a bien ouvert la vente, mais le client était déjà suivi : 10 % reviennent au commercial.';
    await arbiter.getByTestId('decide-justification').fill(justification);
    await arbiter.getByTestId('decide-submit').click();
    await arbiter.locator('[data-testid="dispute-page"][data-status="decided"]').waitFor();
    await arbiter.getByTestId('decide-form').waitFor({ state: 'detached' });

    // 6. Both parties read the ruling on their dispute page.
    for (const page of [rep, tele]) {
      await page.goto(`/disputes/${disputeId}`);
      const ruling = page.getByTestId('ruling-1');
      await ruling.waitFor();
      expect(await page.getByTestId('dispute-page').getByTestId('dispute-status').first().textContent()).toBe('Décidée');
      expect(await ruling.getByTestId('ruling-outcome').textContent()).toMatch(
        new RegExp(`^10${SP}% accordés sur 20${SP}% demandés : transférés de ${TELEMARKETER_NAME} à ${REP_NAME}\\.$`),
      );
      expect(await ruling.getByTestId('ruling-justification').textContent()).toBe(`« ${justification} »`);
      expect(await ruling.textContent()).toContain(filed.arbiter.name);
    }
    await tele.getByTestId('dispute-claim-card').getByText(`Demande de ${REP_NAME}`, { exact: true }).waitFor();
    // The telemarketer also finds it in their own list, decided.
    await tele.getByTestId('nav-disputes').click();
    expect(await tele.getByTestId(`dispute-row-${disputeId}`).getByTestId('dispute-status').textContent()).toBe('Décidée');

    // The telemarketer's credits now carry the adjustment: −10 %, with the arbiter's words.
    await tele.getByTestId('nav-credits').click();
    const adjustment = tele.locator('[data-testid^="credit-row-"][data-role="adjustment"]').filter({ hasText: account.name });
    await adjustment.waitFor();
    expect(await adjustment.getByTestId('credit-role').textContent()).toBe('Ajustement (contestation)');
    expect(await adjustment.getByTestId('credit-share').textContent()).toMatch(pct(-10));
    expect(await adjustment.getByTestId('credit-explanation').textContent()).toContain(justification);
    expect(await initiatorRow.getByTestId('credit-share').textContent()).toMatch(pct(50));

    // The deal's net shares: rep 60 %, telemarketer 40 %.
    await rep.goto(`/deals/${dealId}`);
    await repShare.waitFor();
    expect(await repShare.textContent()).toMatch(pct(60));
    expect(await teleShare.textContent()).toMatch(pct(40));
    expect(await credits.getByTestId(`deal-dispute-${disputeId}`).getByTestId('dispute-status').textContent()).toBe('Décidée');
    // Decided is not final (either party may still appeal): the line points to the dispute rather than offering a second one.
    expect(await credits.getByTestId(`contest-open-${lineId}`).textContent()).toBe(`Contestation ${filed.reference} en cours`);
    expect(await credits.getByTestId(`contest-button-${lineId}`).count()).toBe(0);
  });
});
