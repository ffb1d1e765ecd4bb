import { Group, Loader, Text } from '@mantine/core';
import { Spotlight, spotlight } from '@mantine/spotlight';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { paths } from '../../../lib/paths.ts';
import { useCaseLookup } from '../../cases/api/lookup-case.ts';
import { CaseHitRow } from '../../cases/components/case-hit-row.tsx';
import { useSearchAccounts } from '../api/search-accounts.ts';
import { SearchHitRow } from './search-hit-row.tsx';

export const openSearchPalette = () => spotlight.open();

/** Ctrl+K from anywhere: the same search as the home page (a case reference finds the case). */
export function SearchSpotlight() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [query, setQuery] = useState('');
  const search = useSearchAccounts(query);
  const lookup = useCaseLookup(query);
  const items = query.trim() ? (search.data?.items ?? []) : [];
  const caseHits = query.trim() ? lookup.items : [];

  return (
    <Spotlight.Root query={query} onQueryChange={setQuery} shortcut={['mod + K']} size="xl" scrollable maxHeight={520}>
      <Spotlight.Search
        placeholder={t('search.placeholder')}
        aria-label={t('search.paletteLabel')}
        data-testid="spotlight-input"
        leftSection={<IconSearch size={20} />}
        rightSection={search.isFetching || lookup.isFetching ? <Loader size="xs" /> : null}
      />
      <Spotlight.ActionsList>
        {caseHits.map((c) => (
          <Spotlight.Action key={`case-${c.id}`} onClick={() => navigate(paths.case(c.id))} data-testid="spotlight-case-hit">
            <CaseHitRow c={c} />
          </Spotlight.Action>
        ))}
        {items.map((hit) => (
          <Spotlight.Action key={hit.id} onClick={() => navigate(paths.account(hit.id))} data-testid="spotlight-hit">
            <SearchHitRow hit={hit} query={search.q} />
          </Spotlight.Action>
        ))}
        {query.trim() && items.length === 0 && caseHits.length === 0 && search.settled && !search.isFetching && !lookup.isFetching && (
          <Spotlight.Empty>{t('search.noResults')}</Spotlight.Empty>
        )}
        {!query.trim() && (
          <Spotlight.Empty>
            <Group justify="center"><Text size="sm" c="dimmed">{t('search.paletteHint')}</Text></Group>
          </Spotlight.Empty>
        )}
      </Spotlight.ActionsList>
    </Spotlight.Root>
  );
}
