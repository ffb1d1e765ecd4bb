// Demo cases, opened and worked through the real commands: queues with countdowns in every region's
// back office, cases waiting for the customer or resolved, a transfer between regions, and a contest of
// responsibility waiting for the national director's ruling.
import type { Db } from '../context.ts';
import type { CasePriority, CaseType } from '../db/schema.ts';
import type { CaseChannel } from '../../contract/cases.ts';
import { loadPrincipal } from '../auth/principal.ts';
import { contestCaseResponsibility, openCase, setCaseResponsibility, transferCase, transitionCase } from '../cases/commands.ts';
import type { CaseTransition } from '../cases/rules.ts';
import type { Rng } from './random.ts';

async function actingAs(db: Db, userId: string) {
  const actor = await loadPrincipal(db, userId);
  if (!actor) throw new Error(`demo: no user ${userId}`);
  return { db, actor, channel: 'seed' as const };
}

async function current(db: Db, caseId: string) {
  return db.selectFrom('cases').select(['version', 'assignee_id', 'pool_id']).where('id', '=', caseId).executeTakeFirstOrThrow();
}

/** The case's assignee (else the fallback) moves it on, one transition after the other. */
async function walk(db: Db, caseId: string, transitions: Array<[CaseTransition, string?]>, fallbackId: string) {
  for (const [transition, summary] of transitions) {
    const c = await current(db, caseId);
    await transitionCase(await actingAs(db, c.assignee_id ?? fallbackId), caseId, c.version, transition, summary);
  }
}

const PROBLEMS: Array<{ type: CaseType; subject: string; description: string }> = [
  { type: 'complaint', subject: 'Facturé deux fois en octobre', description: 'Le client a reçu deux prélèvements pour la facture d’octobre et demande le remboursement du second.' },
  { type: 'delivery', subject: 'Livraison incomplète', description: 'Deux terminaux manquent sur les cinq commandés ; le bon de livraison indique pourtant cinq colis.' },
  { type: 'technical', subject: 'Ligne coupée depuis lundi', description: 'La ligne principale du standard ne reçoit plus d’appels depuis lundi matin.' },
  { type: 'billing', subject: 'Remise contractuelle non appliquée', description: 'La remise de 15 % prévue au contrat n’apparaît pas sur les deux dernières factures.' },
  { type: 'information', subject: 'Demande de duplicata de contrat', description: 'Le client souhaite une copie signée de son contrat de maintenance.' },
  { type: 'complaint', subject: 'Technicien absent au rendez-vous', description: 'Le rendez-vous d’installation de jeudi 14 h n’a pas été honoré et personne n’a prévenu.' },
  { type: 'technical', subject: 'Débit très inférieur au contrat', description: 'Le client mesure 20 Mb/s pour une offre à 500 Mb/s, sur plusieurs postes.' },
  { type: 'delivery', subject: 'Matériel livré endommagé', description: 'Le carton du copieur est arrivé éventré ; le capot avant est fissuré.' },
];
const PRIORITIES: CasePriority[] = ['low', 'normal', 'normal', 'normal', 'high', 'high', 'critical'];
const CHANNELS: CaseChannel[] = ['phone', 'phone', 'phone', 'email', 'visit', 'web'];

export interface DemoCasesInput {
  rng: Rng;
  /** Per region: the inbound advisor who opens its cases and the accounts they serve. */
  regions: Array<{ advisorId: string; accountIds: string[] }>;
  /** Who moves a case nobody could be given (the administrator). */
  fallbackId: string;
  perRegion: number;
  /** The responsibility showcase: the IDF advisor opens a delivery complaint on this account. */
  showcase: { accountId: string; advisorId: string; responsibleAgencyId: string; contesterId: string; transferToPoolId: string };
}

export async function seedDemoCases(db: Db, input: DemoCasesInput): Promise<{ cases: number }> {
  const { rng } = input;
  let cases = 0;
  const openAs = async (advisorId: string, accountId: string, problem: (typeof PROBLEMS)[number], priority: CasePriority) => {
    cases++;
    return openCase(await actingAs(db, advisorId), {
      accountId,
      type: problem.type,
      priority,
      subject: problem.subject,
      description: problem.description,
      channel: rng.pick(CHANNELS),
    });
  };

  for (const region of input.regions) {
    for (let i = 0; i < input.perRegion && region.accountIds.length > 0; i++) {
      const id = await openAs(region.advisorId, rng.pick(region.accountIds), rng.pick(PROBLEMS), rng.pick(PRIORITIES));
      const roll = rng.int(1, 100);
      // Most stay in the queue; some are being worked, wait for the customer, or are done.
      if (roll <= 40) continue;
      if (roll <= 65) await walk(db, id, [['start']], input.fallbackId);
      else if (roll <= 80) await walk(db, id, [['start'], ['wait_customer']], input.fallbackId);
      else if (roll <= 93) await walk(db, id, [['start'], ['resolve', 'Avoir émis et envoyé au client ; le client confirme par téléphone.']], input.fallbackId);
      else await walk(db, id, [['start'], ['resolve', 'Problème réglé à distance par le support.'], ['close']], input.fallbackId);
    }
  }

  // The showcase: a delivery complaint on the showcase account, sent from Lyon incomplete. The IDF back office
  // holds the Lyon agency responsible; Lyon's manager contests; the lowest manager common to both sides is
  // the national director, who has a ruling to make.
  const s = input.showcase;
  const delivery = PROBLEMS[1]!;
  const showcaseId = await openAs(s.advisorId, s.accountId, delivery, 'high');
  await walk(db, showcaseId, [['start']], input.fallbackId);
  const c = await current(db, showcaseId);
  await setCaseResponsibility(await actingAs(db, c.assignee_id ?? input.fallbackId), showcaseId, c.version, { type: 'agency', id: s.responsibleAgencyId }, 'Colis préparé et expédié incomplet par l’entrepôt de l’agence de Lyon (bon de préparation n° 4471).');
  await contestCaseResponsibility(
    await actingAs(db, s.contesterId),
    showcaseId,
    'Notre bon de préparation montre cinq colis remis au transporteur ; la perte a eu lieu pendant le transport, pas chez nous.',
  );

  // A billing case the IDF back office sends on to the Lyon back office, which manages that contract.
  const billing = PROBLEMS[3]!;
  const transferredId = await openAs(s.advisorId, s.accountId, billing, 'normal');
  const t = await current(db, transferredId);
  await transferCase(await actingAs(db, t.assignee_id ?? input.fallbackId), transferredId, t.version, s.transferToPoolId, 'Le contrat est géré par le back-office de Lyon, qui a établi les factures.');
  return { cases };
}
