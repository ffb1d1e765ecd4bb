// How an alert and an alert rule read: the figure against its threshold, in the indicator's own terms, and the
// way back from the thresholds people type (percent, euros) to the shares and cents the API counts in.
import type { TFunction } from 'i18next';
import type { Alert, IndicatorFormat } from '../../../contract/steering.ts';
import { indicatorDefinition } from '../../../contract/steering.ts';
import { formatValue, inLanguage } from './format-figure.ts';

/** "0 (seuil : au moins 1)": the value measured and what it should have been. */
export function alertFigures(t: TFunction, lang: string, a: Pick<Alert, 'indicator' | 'comparison' | 'threshold' | 'value'>) {
  const def = indicatorDefinition(a.indicator);
  return {
    indicator: inLanguage(def.name, lang),
    value: formatValue(def.format, a.value, lang),
    threshold: t(`steering.alerts.expected.${a.comparison}`, { value: formatValue(def.format, a.threshold, lang) }),
  };
}

/** What a threshold or a target is typed in: a share as a percentage, cents as euros, the rest as counted. */
export type EntryUnit = 'percent' | 'euros' | 'minutes' | 'number';
export const entryUnitOf = (format: IndicatorFormat): EntryUnit =>
  format === 'ratio' ? 'percent' : format === 'cents' ? 'euros' : format === 'minutes' ? 'minutes' : 'number';

/** The value typed → the API's terms (42 % → 0.42, 1 500 € → 150000 cents). '' stays undefined, for the schema to name. */
export function fromEntry(unit: EntryUnit, typed: number | string): number | undefined {
  if (typed === '' || typed === null || typed === undefined) return undefined;
  const n = typeof typed === 'number' ? typed : Number(String(typed).replace(',', '.'));
  if (!Number.isFinite(n)) return undefined;
  if (unit === 'percent') return Math.round(n * 100) / 10_000;
  if (unit === 'euros') return Math.round(n * 100);
  return n;
}

/** The API's value → what the field shows (0.42 → 42, 150000 cents → 1500). */
export function toEntry(unit: EntryUnit, value: number): number {
  if (unit === 'percent') return Math.round(value * 10_000) / 100;
  if (unit === 'euros') return value / 100;
  return value;
}

/** The suffix a field shows for its unit. */
export const entrySuffix = (unit: EntryUnit) => (unit === 'percent' ? ' %' : unit === 'euros' ? ' €' : unit === 'minutes' ? ' min' : undefined);
