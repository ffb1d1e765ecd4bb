import type { TFunction } from 'i18next';
import type { RoutingRuleConfig } from '../../../../contract/leads.ts';

/** Business hours as people say them: 9 h = 1 jour ouvré. */
export function hoursLabel(t: TFunction, hours: number): string {
  return hours % 9 === 0 ? t('rules.businessDays', { count: hours / 9 }) : t('rules.businessHours', { count: hours });
}

/**
 * The rule in plain words. The server writes it in English (shown as is in English); in French we say the same
 * from the rule's data, so the text can never disagree with what the rule does.
 */
export function ruleText(t: TFunction, lang: string, rule: { config: RoutingRuleConfig; text: string }): string {
  if (lang.startsWith('en')) return rule.text;
  const c = rule.config;
  return t('rules.text', {
    key: hoursLabel(t, c.deadlineHours.key),
    intermediate: hoursLabel(t, c.deadlineHours.intermediate),
    mass: hoursLabel(t, c.deadlineHours.mass),
    warn: Math.round(c.warnRatio * 100),
    expire: c.expireAfterDays,
  });
}
