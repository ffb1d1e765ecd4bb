// A dashboard's tables as CSV for a spreadsheet: semicolon-separated with decimal commas in French, comma-
// separated with decimal points in English; ratios in percent, money in euros, durations in minutes.
import Papa from 'papaparse';
import { INDICATORS, type Dashboard, type Figures, type IndicatorDefinition } from '../../contract/steering.ts';

export type CsvLanguage = 'fr' | 'en';

const UNIT_SUFFIX: Record<IndicatorDefinition['format'], string> = { ratio: ' (%)', cents: ' (€)', minutes: ' (min)', count: '', decimal: '' };

function cell(value: number | null | undefined, format: IndicatorDefinition['format'], lang: CsvLanguage): string {
  if (value === null || value === undefined) return '';
  const n = format === 'ratio' ? value * 100 : format === 'cents' ? value / 100 : value;
  const digits = format === 'count' ? 0 : format === 'minutes' ? 0 : format === 'cents' ? 2 : 1;
  const text = n.toFixed(digits);
  return lang === 'fr' ? text.replace('.', ',') : text;
}

const indicatorColumns = (lang: CsvLanguage) => INDICATORS.map((i) => `${i.name[lang]}${UNIT_SUFFIX[i.format]}`);
const indicatorCells = (figures: Figures, lang: CsvLanguage) => INDICATORS.map((i) => cell(figures[i.id]?.value, i.format, lang));

const TYPE_WORDS: Record<CsvLanguage, Record<string, string>> = {
  fr: { nation: 'National', region: 'Région', agency: 'Agence', pool: 'Pool', person: 'Personne' },
  en: { nation: 'National', region: 'Region', agency: 'Agency', pool: 'Pool', person: 'Person' },
};

/** The next-level table (one row per sub-unit or person) or the trend table (one row per period). */
export function dashboardCsv(d: Dashboard, table: 'children' | 'trend', lang: CsvLanguage): string {
  const delimiter = lang === 'fr' ? ';' : ',';
  let fields: string[];
  let data: string[][];
  if (table === 'children') {
    fields = [lang === 'fr' ? 'Type' : 'Type', lang === 'fr' ? 'Nom' : 'Name', lang === 'fr' ? 'Effectif' : 'Headcount', ...indicatorColumns(lang)];
    data = [{ ...d.unit, figures: d.figures }, ...d.children].map((row) => [
      TYPE_WORDS[lang][row.type]!,
      row.name,
      cell(row.headcount, 'decimal', lang),
      ...indicatorCells(row.figures, lang),
    ]);
  } else {
    const withTrend = INDICATORS.filter((i) => d.trend.series[i.id]);
    fields = [lang === 'fr' ? 'Période' : 'Period', lang === 'fr' ? 'Du' : 'From', lang === 'fr' ? 'Au' : 'To', ...withTrend.map((i) => `${i.name[lang]}${UNIT_SUFFIX[i.format]}`)];
    data = d.trend.periods.map((p, index) => [p.label, p.from, p.to, ...withTrend.map((i) => cell(d.trend.series[i.id]![index], i.format, lang))]);
  }
  // The byte-order mark tells spreadsheets the file is UTF-8 (accents in names).
  return '\uFEFF' + Papa.unparse({ fields, data }, { delimiter, newline: '\r\n' });
}
