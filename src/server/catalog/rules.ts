// Channel eligibility and incentive shares: which pools may sell a product directly, and what the
// owner rep receives when another channel sells on their account. Pure; the texts are what everyone reads.
import type { AttributionConfig, EligibilityConfig, IncentiveConfig, StageProbabilityConfig } from '../../contract/credit.ts';
import type { Bilingual } from '../../contract/values.ts';
import type { PoolKind, SalesRuleKind } from '../db/schema.ts';
import { attributionText } from '../credit/rules.ts';
import { stageProbabilityText } from '../deals/rules.ts';

export type Complexity = 'basic' | 'complex';

/** Basic products are sold by every customer-facing channel; complex ones by field reps only. */
export function defaultEligibility(complexity: Complexity): EligibilityConfig {
  return { poolKinds: complexity === 'basic' ? ['inbound', 'telemarketing', 'associate_seller', 'sales'] : ['sales'] };
}

/** 20 % to the owner rep on complex families, nothing on basic ones. */
export function defaultIncentive(familyIsComplex: boolean): IncentiveConfig {
  return { ownerSharePct: familyIsComplex ? 20 : 0 };
}

const POOL_WORDS: Record<PoolKind, { en: string; fr: string }> = {
  sales: { en: 'field reps', fr: 'les commerciaux' },
  sales_assistant: { en: 'sales assistants', fr: 'les assistantes commerciales' },
  inbound: { en: 'inbound phone advisors', fr: 'les télé-conseillers' },
  telemarketing: { en: 'telemarketers', fr: 'les télévendeurs' },
  associate_seller: { en: 'associate sellers', fr: 'les vendeurs associés' },
  back_office: { en: 'the back office', fr: 'le back-office' },
  marketing: { en: 'marketing', fr: 'le marketing' },
};
const ORDER: PoolKind[] = ['sales', 'inbound', 'telemarketing', 'associate_seller', 'sales_assistant', 'back_office', 'marketing'];

function list(words: string[], and: string): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${and} ${words.at(-1)}`;
}

export function poolKindsInWords(kinds: readonly PoolKind[], lang: 'en' | 'fr'): string {
  const sorted = ORDER.filter((k) => kinds.includes(k));
  return list(
    sorted.map((k) => POOL_WORDS[k][lang]),
    lang === 'en' ? 'and' : 'et',
  );
}

export function eligibilityText(productName: string, config: EligibilityConfig): Bilingual {
  const onlyReps = config.poolKinds.length === 1 && config.poolKinds[0] === 'sales';
  return {
    en: `${productName} can be sold directly by ${poolKindsInWords(config.poolKinds, 'en')}${onlyReps ? ' only' : ''}; any other channel relays a lead to the account's rep.`,
    fr: `${productName} peut être vendu directement par ${poolKindsInWords(config.poolKinds, 'fr')}${onlyReps ? ' seulement' : ''} ; tout autre canal relaie une piste au commercial du compte.`,
  };
}

export function incentiveText(family: string, config: IncentiveConfig): Bilingual {
  if (config.ownerSharePct === 0) {
    return {
      en: `${family}: when another channel sells on a rep's account, the rep receives no incentive share.`,
      fr: `${family} : quand un autre canal vend sur le compte d'un commercial, celui-ci ne reçoit pas d'intéressement.`,
    };
  }
  return {
    en: `${family}: when another channel sells on a rep's account, the rep receives ${config.ownerSharePct} % of the credit.`,
    fr: `${family} : quand un autre canal vend sur le compte d'un commercial, celui-ci reçoit ${config.ownerSharePct} % du crédit.`,
  };
}

export type EligibilityCheck = { eligible: true } | { eligible: false; allowed: PoolKind[] };

/** A seller may close a product when one of their pools is of a kind the rule allows. */
export function checkEligibility(sellerPoolKinds: readonly PoolKind[], config: EligibilityConfig): EligibilityCheck {
  if (sellerPoolKinds.some((k) => config.poolKinds.includes(k))) return { eligible: true };
  return { eligible: false, allowed: [...config.poolKinds] };
}

/** The plain-language text of any sales rule, from its kind and data (stored with each version). */
export function salesRuleText(kind: SalesRuleKind, subjectLabel: string, config: Record<string, unknown>): Bilingual {
  switch (kind) {
    case 'eligibility':
      return eligibilityText(subjectLabel, config as EligibilityConfig);
    case 'incentive':
      return incentiveText(subjectLabel, config as IncentiveConfig);
    case 'attribution':
      return attributionText(config as AttributionConfig);
    case 'stage_probability':
      return stageProbabilityText(config as StageProbabilityConfig);
  }
}
