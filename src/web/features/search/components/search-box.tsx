import { Card, Kbd, Loader, Skeleton, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { IconSearch, IconSearchOff } from '@tabler/icons-react';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { EmptyBlock } from '../../../components/empty-block.tsx';
import { ErrorBlock } from '../../../components/error-block.tsx';
import { paths } from '../../../lib/paths.ts';
import { useCaseLookup } from '../../cases/api/lookup-case.ts';
import { CaseHitRow } from '../../cases/components/case-hit-row.tsx';
import { useSearchAccounts } from '../api/search-accounts.ts';
import { SearchHitRow } from './search-hit-row.tsx';
import classes from './search-box.module.css';

/** The advisor's first move: one box, results as you type, arrows and Enter to open; a case reference finds the case. */
export function SearchBox() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [input, setInput] = useState('');
  const [active, setActive] = useState(0);
  const search = useSearchAccounts(input);
  const lookup = useCaseLookup(input);
  const items = input.trim() ? (search.data?.items ?? []) : [];
  const caseHits = input.trim() ? lookup.items : [];
  // One list for the arrows: the case a reference names first, then the accounts.
  const targets = [...caseHits.map((c) => ({ id: `case-${c.id}`, to: paths.case(c.id) })), ...items.map((a) => ({ id: a.id, to: paths.account(a.id) }))];
  const listRef = useRef<HTMLDivElement>(null);

  useEffect(() => setActive(0), [search.data, lookup.data]);
  useEffect(() => {
    listRef.current?.querySelector<HTMLElement>(`[data-index="${active}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (!targets.length) return;
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive((i) => Math.min(targets.length - 1, i + 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((i) => Math.max(0, i - 1));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const hit = targets[active];
      if (hit) navigate(hit.to);
    }
  }

  const showSkeleton = input.trim() && search.isPending;
  return (
    <Stack gap="md">
      <TextInput
        size="xl"
        radius="md"
        autoFocus
        placeholder={t('search.placeholder')}
        aria-label={t('search.label')}
        data-testid="search-input"
        leftSection={<IconSearch size={22} />}
        rightSection={search.isFetching || lookup.isFetching ? <Loader size="sm" /> : null}
        value={input}
        onChange={(e) => setInput(e.currentTarget.value)}
        onKeyDown={onKeyDown}
        role="combobox"
        aria-expanded={targets.length > 0}
        aria-controls="search-results"
        aria-activedescendant={targets[active] ? `search-hit-${targets[active].id}` : undefined}
      />
      {!input.trim() ? (
        <Text c="dimmed" size="sm" ta="center">
          {t('search.hint')} <Kbd size="xs">Ctrl</Kbd> + <Kbd size="xs">K</Kbd>
        </Text>
      ) : showSkeleton && caseHits.length === 0 ? (
        <Stack gap="xs">{[0, 1, 2].map((i) => <Skeleton key={i} h={78} radius="md" />)}</Stack>
      ) : search.isError ? (
        <ErrorBlock error={search.error} onRetry={() => search.refetch()} />
      ) : items.length === 0 && caseHits.length === 0 && search.settled && !search.isFetching && !lookup.isFetching ? (
        <Card withBorder>
          <EmptyBlock icon={<IconSearchOff />} title={t('search.noResults')} description={t('search.noResultsHelp', { q: input.trim() })} />
        </Card>
      ) : (
        <Card withBorder padding={0} radius="md">
          <div id="search-results" role="listbox" aria-label={t('search.results')} ref={listRef} data-testid="search-results">
            {caseHits.map((c, index) => (
              <UnstyledButton
                key={`case-${c.id}`}
                id={`search-hit-case-${c.id}`}
                role="option"
                aria-selected={index === active}
                data-index={index}
                data-active={index === active || undefined}
                data-testid="search-case-hit"
                data-reference={c.reference}
                className={classes.hit}
                onMouseEnter={() => setActive(index)}
                onClick={() => navigate(paths.case(c.id))}
              >
                <CaseHitRow c={c} />
              </UnstyledButton>
            ))}
            {items.map((hit, i) => {
              const index = caseHits.length + i;
              return (
                <UnstyledButton
                  key={hit.id}
                  id={`search-hit-${hit.id}`}
                  role="option"
                  aria-selected={index === active}
                  data-index={index}
                  data-active={index === active || undefined}
                  data-testid="search-hit"
                  className={classes.hit}
                  onMouseEnter={() => setActive(index)}
                  onClick={() => navigate(paths.account(hit.id))}
                >
                  <SearchHitRow hit={hit} query={search.q} />
                </UnstyledButton>
              );
            })}
          </div>
        </Card>
      )}
    </Stack>
  );
}
