// Display formats: dates in Europe/Paris, phones nationally, identifiers grouped as people read them.
import { formatPhone } from '../../contract/values.ts';

export const TIME_ZONE = 'Europe/Paris';

const locales: Record<string, string> = { fr: 'fr-FR', en: 'en-GB' };
const localeOf = (lang: string) => locales[lang.slice(0, 2)] ?? 'fr-FR';

const cache = new Map<string, Intl.DateTimeFormat>();
function dtf(lang: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(localeOf(lang), { timeZone: TIME_ZONE, ...options });
    cache.set(key, f);
  }
  return f;
}

export function formatDateTime(iso: string | null | undefined, lang: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return dtf(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

export function formatDateTimeSeconds(iso: string | null | undefined, lang: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return dtf(lang, { dateStyle: 'short', timeStyle: 'medium' }).format(d);
}

export function formatDate(iso: string | null | undefined, lang: string): string {
  if (!iso) return '—';
  const d = new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso);
  if (Number.isNaN(d.getTime())) return iso;
  return dtf(lang, { dateStyle: 'medium' }).format(d);
}

/** With the weekday, for deadlines that may fall after a weekend: "lundi 5 mai 2025 à 09:00" (Paris time). */
export function formatWeekdayDateTime(iso: string | null | undefined, lang: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return dtf(lang, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(d);
}

/** Day label used to group a timeline ("mardi 3 mai 2025"). */
export function formatDay(iso: string, lang: string): string {
  const s = dtf(lang, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(iso));
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Logging a call within half an hour of it is normal; beyond that the claimed time is shown beside the recorded one. */
export function differ(a: string, b: string): boolean {
  return Math.abs(new Date(a).getTime() - new Date(b).getTime()) > 30 * 60_000;
}

export const phone = (e164: string) => formatPhone(e164);

export function formatSiren(siren: string | null | undefined): string {
  if (!siren) return '—';
  return siren.replace(/^(\d{3})(\d{3})(\d{3})$/, '$1 $2 $3');
}

export function formatSiret(siret: string | null | undefined): string {
  if (!siret) return '—';
  return siret.replace(/^(\d{3})(\d{3})(\d{3})(\d{5})$/, '$1 $2 $3 $4');
}

export function formatMoney(cents: number | null | undefined, lang: string, currency = 'EUR'): string {
  if (cents === null || cents === undefined) return '—';
  return new Intl.NumberFormat(localeOf(lang), { style: 'currency', currency, maximumFractionDigits: 0 }).format(cents / 100);
}

/** To the cent when there are cents (unit prices, discounted lines): "49,90 €", "1 200 €". */
export function formatMoneyPrecise(cents: number | null | undefined, lang: string, currency = 'EUR'): string {
  if (cents === null || cents === undefined) return '—';
  const digits = cents % 100 === 0 ? 0 : 2;
  return new Intl.NumberFormat(localeOf(lang), { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(cents / 100);
}

/** A datetime-local input value ("2025-05-03T10:14", Paris wall clock) → ISO with offset. */
export function parisLocalToIso(local: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return undefined;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  // Guess UTC, then correct by the Paris offset at that instant (twice, for DST edges).
  let utc = Date.UTC(y, mo - 1, d, h, mi);
  for (let i = 0; i < 2; i++) {
    const parts = dtf('en', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(utc))
      .reduce<Record<string, number>>((acc, p) => (p.type === 'literal' ? acc : { ...acc, [p.type]: Number(p.value) }), {});
    const shown = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!);
    utc += Date.UTC(y, mo - 1, d, h, mi) - shown;
  }
  return new Date(utc).toISOString();
}

export function shortHash(hash: string): string {
  return hash.length > 12 ? `${hash.slice(0, 8)}…${hash.slice(-4)}` : hash;
}
