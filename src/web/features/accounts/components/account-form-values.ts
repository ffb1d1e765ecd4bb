// Form state for an account ↔ the contract's request bodies.
import type { Account } from '../../../../contract/accounts.ts';

export interface AccountFormValues extends Record<string, unknown> {
  name: string;
  siren: string;
  siret: string;
  segment: string;
  status: string;
  sector: string;
  sizeBand: string | null;
  revenueEuros: number | string;
  addressLine: string;
  postalCode: string;
  city: string;
  phones: string[];
  emails: string[];
  ownerId: string | null;
  agencyId: string | null;
  parentId: string | null;
  parentName: string | null;
}

export const ACCOUNT_FORM_FIELDS = [
  'name', 'siren', 'siret', 'segment', 'status', 'sector', 'sizeBand', 'revenueCents', 'addressLine', 'postalCode', 'city',
  'phones', 'emails', 'ownerId', 'agencyId', 'parentId', 'version',
];

export function emptyAccountValues(defaults: Partial<AccountFormValues> = {}): AccountFormValues {
  return {
    name: '', siren: '', siret: '', segment: 'mass', status: 'prospect', sector: '', sizeBand: null, revenueEuros: '',
    addressLine: '', postalCode: '', city: '', phones: [], emails: [], ownerId: null, agencyId: null, parentId: null, parentName: null,
    ...defaults,
  };
}

export function accountToValues(a: Account): AccountFormValues {
  return {
    name: a.name,
    siren: a.siren ?? '',
    siret: a.siret ?? '',
    segment: a.segment,
    status: a.status,
    sector: a.sector ?? '',
    sizeBand: a.sizeBand,
    revenueEuros: a.revenueCents === null ? '' : a.revenueCents / 100,
    addressLine: a.addressLine ?? '',
    postalCode: a.postalCode ?? '',
    city: a.city ?? '',
    phones: a.phones,
    emails: a.emails,
    ownerId: a.ownerId,
    agencyId: a.agencyId,
    parentId: a.parentId,
    parentName: a.parentName,
  };
}

const text = (s: string) => (s.trim() === '' ? null : s.trim());

/** The request body fields (before zod parsing) the values describe. */
export function valuesToBody(v: AccountFormValues) {
  return {
    name: v.name,
    siren: text(v.siren),
    siret: text(v.siret),
    segment: v.segment,
    status: v.status,
    sector: text(v.sector),
    sizeBand: v.sizeBand || null,
    revenueCents: v.revenueEuros === '' || v.revenueEuros === null ? null : Math.round(Number(v.revenueEuros) * 100),
    addressLine: text(v.addressLine),
    postalCode: text(v.postalCode),
    city: text(v.city),
    phones: v.phones,
    emails: v.emails,
    ownerId: v.ownerId || null,
    agencyId: v.agencyId ?? '',
    parentId: v.parentId || null,
  };
}

/** Only what changed, so the trace records the real change. */
export function changedBody(v: AccountFormValues, a: Account): Record<string, unknown> {
  const next = valuesToBody(v) as Record<string, unknown>;
  const before = valuesToBody(accountToValues(a)) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(next)) {
    if (JSON.stringify(next[key]) !== JSON.stringify(before[key])) out[key] = next[key];
  }
  return out;
}
