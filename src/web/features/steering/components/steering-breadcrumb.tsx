import { Anchor, Breadcrumbs, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Dashboard, IndicatorId } from '../../../../contract/steering.ts';
import { steeringHref, type PeriodParams } from '../steering-params.ts';

/** From the nation down to the unit shown: each level opens its dashboard over the same period. */
export function SteeringBreadcrumb({ dashboard, period, indicator }: { dashboard: Dashboard; period: PeriodParams; indicator: IndicatorId }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('steering.breadcrumb')} data-testid="steering-breadcrumb">
      <Breadcrumbs separatorMargin={6} mb="xs" style={{ flexWrap: 'wrap' }}>
        {dashboard.parents.map((p) => (
          <Anchor key={`${p.type}-${p.id ?? 'nation'}`} component={Link} to={steeringHref(p, period, indicator)} size="sm" data-testid={`breadcrumb-${p.type}`}>
            {p.name}
          </Anchor>
        ))}
        <Text size="sm" c="dimmed" aria-current="page" data-testid="breadcrumb-current">
          {dashboard.unit.name}
        </Text>
      </Breadcrumbs>
    </nav>
  );
}
