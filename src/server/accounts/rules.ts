// Pure rules of the shared record: completeness, duplicate matching, what a search string is.
import { compactDigits, isValidSiren, isValidSiret, normalizePhone, phoneSearchDigits } from '../../contract/values.ts';
import type { Segment } from '../db/schema.ts';

/** The facts completeness is judged on: the account's own fields and what its contacts provide. */
export interface CompletenessInput {
  segment: Segment;
  name: string;
  siren: string | null;
  siret: string | null;
  sector: string | null;
  sizeBand: string | null;
  revenueCents: number | null;
  addressLine: string | null;
  postalCode: string | null;
  city: string | null;
  phones: string[];
  emails: string[];
  ownerId: string | null;
  contactCount: number;
  hasDecisionMaker: boolean;
}

export type CompletenessField =
  | 'siren'
  | 'addressLine'
  | 'postalCode'
  | 'city'
  | 'phones'
  | 'sector'
  | 'sizeBand'
  | 'emails'
  | 'ownerId'
  | 'contacts'
  | 'siret'
  | 'revenueCents'
  | 'decisionMaker';

export interface MissingField {
  field: CompletenessField;
  reason: 'missing' | 'imprecise';
}

/** What each segment must know: a key account needs far more than a small customer. */
export const REQUIRED_FIELDS: Record<Segment, CompletenessField[]> = {
  mass: ['siren', 'addressLine', 'postalCode', 'city', 'phones'],
  intermediate: ['siren', 'addressLine', 'postalCode', 'city', 'phones', 'sector', 'sizeBand', 'emails', 'ownerId', 'contacts'],
  key: [
    'siren',
    'addressLine',
    'postalCode',
    'city',
    'phones',
    'sector',
    'sizeBand',
    'emails',
    'ownerId',
    'contacts',
    'siret',
    'revenueCents',
    'decisionMaker',
  ],
};

// A generic mailbox reaches nobody in particular: present, but imprecise.
const GENERIC_MAILBOX = /^(contact|info|infos|accueil|hello|bonjour|admin|noreply|no-reply|secretariat)@/;

function check(field: CompletenessField, a: CompletenessInput): MissingField['reason'] | null {
  switch (field) {
    case 'siren':
      if (!a.siren) return 'missing';
      return isValidSiren(a.siren) ? null : 'imprecise';
    case 'siret':
      if (!a.siret) return 'missing';
      return isValidSiret(a.siret) && (!a.siren || a.siret.startsWith(a.siren)) ? null : 'imprecise';
    case 'addressLine':
      return a.addressLine?.trim() ? null : 'missing';
    case 'postalCode':
      if (!a.postalCode) return 'missing';
      return /^\d{5}$/.test(a.postalCode) ? null : 'imprecise';
    case 'city':
      return a.city?.trim() ? null : 'missing';
    case 'phones':
      return a.phones.length ? null : 'missing';
    case 'emails':
      if (!a.emails.length) return 'missing';
      return a.emails.every((e) => GENERIC_MAILBOX.test(e)) ? 'imprecise' : null;
    case 'sector':
      return a.sector?.trim() ? null : 'missing';
    case 'sizeBand':
      return a.sizeBand ? null : 'missing';
    case 'ownerId':
      return a.ownerId ? null : 'missing';
    case 'contacts':
      return a.contactCount > 0 ? null : 'missing';
    case 'revenueCents':
      return a.revenueCents !== null ? null : 'missing';
    case 'decisionMaker':
      return a.hasDecisionMaker ? null : 'missing';
  }
}

/** Score 0–100 over the fields the segment requires (imprecise counts half), and the list to fix. */
export function completeness(a: CompletenessInput): { score: number; missing: MissingField[] } {
  const required = REQUIRED_FIELDS[a.segment];
  const missing: MissingField[] = [];
  let points = 0;
  for (const field of required) {
    const reason = check(field, a);
    if (reason === null) points += 2;
    else {
      if (reason === 'imprecise') points += 1;
      missing.push({ field, reason });
    }
  }
  return { score: Math.round((100 * points) / (2 * required.length)), missing };
}

/** Lower-case, accents and legal forms stripped, punctuation to spaces: how names are compared. */
export function normalizeCompanyName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    // "S.A.R.L." and "S.A." are legal forms too, once their dots are gone.
    .replace(/\b([a-z])\.(?=[a-z]\.)/g, '$1')
    .replace(/\b([a-z])\.(?![a-z])/g, '$1')
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/\b(sas|sasu|sa|sarl|eurl|sci|snc|scop|ets|etablissements|societe|ste|groupe|group)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export type DuplicateReason = 'same_siren' | 'same_siret' | 'same_phone' | 'same_email' | 'similar_name_same_city';

export interface DuplicateProbe {
  name: string;
  siren: string | null;
  siret: string | null;
  city: string | null;
  phones: string[];
  emails: string[];
}

export interface DuplicateCandidateFacts extends DuplicateProbe {
  /** pg_trgm similarity of the normalised names, computed by the database. */
  nameSimilarity: number;
}

/** Names at least this similar (trigram) in the same city are flagged. */
export const SIMILAR_NAME_THRESHOLD = 0.6;

const sameCity = (a: string | null, b: string | null) =>
  Boolean(a && b && normalizeCompanyName(a) === normalizeCompanyName(b));

export function duplicateReasons(probe: DuplicateProbe, candidate: DuplicateCandidateFacts): DuplicateReason[] {
  const reasons: DuplicateReason[] = [];
  if (probe.siren && candidate.siren === probe.siren) reasons.push('same_siren');
  if (probe.siret && candidate.siret === probe.siret) reasons.push('same_siret');
  if (probe.phones.some((p) => candidate.phones.includes(p))) reasons.push('same_phone');
  if (probe.emails.some((e) => candidate.emails.includes(e.toLowerCase()))) reasons.push('same_email');
  if (sameCity(probe.city, candidate.city) && candidate.nameSimilarity >= SIMILAR_NAME_THRESHOLD) {
    reasons.push('similar_name_same_city');
  }
  return reasons;
}

export type SearchIntent =
  | { kind: 'siren'; siren: string; phoneDigits: string }
  | { kind: 'siret'; siret: string }
  | { kind: 'phone'; e164: string; phoneDigits: string }
  | { kind: 'phone_fragment'; phoneDigits: string }
  | { kind: 'email'; email: string }
  | { kind: 'name'; text: string };

/** "+33 1 23…", "0033…" and "33…" are dialled in France as "01 23…": fragments are matched that way. */
export function nationalDigits(digits: string): string {
  if (digits.startsWith('0033')) return '0' + digits.slice(4);
  if (digits.startsWith('33') && digits.length >= 11) return '0' + digits.slice(2);
  return digits;
}

/** Decides what the person typed: an identifier, a phone number or fragment, an email, or a name. */
export function classifySearch(raw: string): SearchIntent {
  const q = raw.trim();
  if (q.includes('@')) return { kind: 'email', email: q.toLowerCase() };
  if (/^[\d\s.\-+()/]+$/.test(q)) {
    // "+33 (0)1 47…": the (0) is the trunk prefix written for national callers, not a digit of the number.
    const digits = compactDigits(q.replace(/^(\+\s*33|0033)\s*\(0\)/, '$1')).replace(/[+()]/g, '');
    const plus = q.trimStart().startsWith('+');
    if (digits.length === 14 && isValidSiret(digits)) return { kind: 'siret', siret: digits };
    if (digits.length === 9 && !plus && isValidSiren(digits)) return { kind: 'siren', siren: digits, phoneDigits: digits };
    const e164 = normalizePhone(q);
    if (e164) return { kind: 'phone', e164, phoneDigits: phoneSearchDigits(e164) };
    const national = plus ? nationalDigits(digits.startsWith('33') ? '00' + digits : digits) : nationalDigits(digits);
    if (digits.length >= 3) return { kind: 'phone_fragment', phoneDigits: national };
  }
  return { kind: 'name', text: q };
}
