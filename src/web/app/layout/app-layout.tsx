import { AppShell, Avatar, Burger, Group, Kbd, Menu, NavLink, SegmentedControl, Stack, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconBuildingSkyscraper, IconChartHistogram, IconChecklist, IconCoins, IconFolders, IconGavel, IconLayoutDashboard, IconLayoutKanban, IconChevronDown, IconKey, IconLogout, IconPhoneCall, IconScale, IconSearch, IconSend, IconSettings, IconShieldCheck,
  IconSunHigh,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterNavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useCurrentUser } from '../../features/auth/api/get-session.ts';
import { useSignOut } from '../../features/auth/api/use-sign-out.ts';
import { NotificationBell } from '../../features/notifications/components/notification-bell.tsx';
import { openSearchPalette, SearchSpotlight } from '../../features/search/components/search-spotlight.tsx';
import { paths } from '../../lib/paths.ts';
import { STEERING_PATH } from '../../features/steering/steering-params.ts';
import { Logo } from './logo.tsx';
import { canRelay, hasMyDay, isManagerial, sells, takesCalls, worksCases } from './nav-abilities.ts';
import classes from './app-layout.module.css';

function initials(name: string) {
  return name.split(/\s+/).map((p) => p[0]).filter(Boolean).slice(0, 2).join('').toUpperCase();
}

export function LanguageSwitch() {
  const { i18n, t } = useTranslation();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('nav.language')}
      data-testid="language-switch"
      value={i18n.language.slice(0, 2)}
      onChange={(lng) => void i18n.changeLanguage(lng)}
      data={[{ value: 'fr', label: 'FR' }, { value: 'en', label: 'EN' }]}
    />
  );
}

export function AppLayout() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const location = useLocation();
  const [opened, { toggle, close }] = useDisclosure();

  const links = [
    ...(isManagerial(user) ? [{ to: paths.myUnit, label: t('steering.myUnit.nav'), icon: IconLayoutDashboard, testId: 'nav-my-unit', end: false }] : []),
    ...(hasMyDay(user) ? [{ to: paths.myDay, label: t('nav.myDay'), icon: IconSunHigh, testId: 'nav-my-day', end: false }] : []),
    ...(takesCalls(user) ? [{ to: paths.console, label: t('nav.console'), icon: IconPhoneCall, testId: 'nav-console', end: false }] : []),
    { to: paths.search, label: t('nav.search'), icon: IconSearch, testId: 'nav-search', end: true },
    { to: paths.accounts, label: t('nav.accounts'), icon: IconBuildingSkyscraper, testId: 'nav-accounts', end: false },
    ...(canRelay(user) ? [{ to: paths.myRelays, label: t('nav.myRelays'), icon: IconSend, testId: 'nav-my-relays', end: false }] : []),
    ...(isManagerial(user) ? [{ to: paths.unitLeads, label: t('nav.unitLeads'), icon: IconChecklist, testId: 'nav-unit-leads', end: false }] : []),
    ...(worksCases(user) ? [{ to: paths.cases, label: t('nav.cases'), icon: IconFolders, testId: 'nav-cases', end: false }] : []),
    ...(sells(user) || isManagerial(user) ? [{ to: paths.deals, label: t('nav.deals'), icon: IconLayoutKanban, testId: 'nav-deals', end: false }] : []),
    { to: STEERING_PATH, label: t('steering.nav'), icon: IconChartHistogram, testId: 'nav-steering', end: false },
    { to: paths.credits, label: t('nav.credits'), icon: IconCoins, testId: 'nav-credits', end: false },
    { to: paths.disputes, label: t('nav.disputes'), icon: IconGavel, testId: 'nav-disputes', end: false },
    { to: paths.rules, label: t('nav.rules'), icon: IconScale, testId: 'nav-rules', end: false },
    ...(user.abilities.manageOrganisation ? [{ to: paths.admin, label: t('nav.admin'), icon: IconSettings, testId: 'nav-admin', end: false }] : []),
    ...(user.abilities.exploreTrace ? [{ to: paths.trace, label: t('nav.trace'), icon: IconShieldCheck, testId: 'nav-trace', end: false }] : []),
  ];
  const isActive = (to: string, end: boolean) => (end ? location.pathname === to : location.pathname.startsWith(to));

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 232, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="lg">
      <AppShell.Header className={classes.header}>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.menu')} />
            <Logo />
          </Group>
          <UnstyledButton className={classes.searchTrigger} onClick={openSearchPalette} aria-label={t('search.paletteLabel')} data-testid="open-palette" visibleFrom="sm">
            <Group gap="xs" wrap="nowrap">
              <IconSearch size={16} />
              <Text size="sm" c="dimmed" style={{ flex: 1 }}>{t('search.paletteTrigger')}</Text>
              <Kbd size="xs">Ctrl + K</Kbd>
            </Group>
          </UnstyledButton>
          <Group gap="md" wrap="nowrap">
            <LanguageSwitch />
            <NotificationBell />
            <Menu position="bottom-end" width={240} shadow="md">
              <Menu.Target>
                <UnstyledButton className={classes.user} data-testid="user-menu" aria-label={t('nav.userMenu')}>
                  <Group gap="xs" wrap="nowrap">
                    <Avatar size={32} radius="xl" color="relais">{initials(user.name)}</Avatar>
                    <Stack gap={0} visibleFrom="md">
                      <Text size="sm" fw={600} lh={1.2}>{user.name}</Text>
                      <Text size="xs" c="dimmed" lh={1.2}>{user.poolKinds.map((k) => t(`enums.pool.${k}`)).join(', ') || user.roles.map((r) => t(`enums.role.${r}`)).join(', ')}</Text>
                    </Stack>
                    <IconChevronDown size={14} />
                  </Group>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{user.email}</Menu.Label>
                <Menu.Item leftSection={<IconKey size={16} />} onClick={() => navigate(paths.tokens)} data-testid="menu-tokens">
                  {t('nav.tokens')}
                </Menu.Item>
                <Menu.Divider />
                <Menu.Item
                  color="red"
                  leftSection={<IconLogout size={16} />}
                  data-testid="sign-out"
                  onClick={() => signOut.mutate(undefined, { onSettled: () => navigate(paths.signIn, { replace: true }) })}
                >
                  {t('nav.signOut')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" className={classes.navbar}>
        <nav aria-label={t('nav.main')}>
          <Stack gap={4}>
            {links.map((l) => (
              <NavLink
                key={l.to}
                component={RouterNavLink}
                to={l.to}
                end={l.end}
                label={l.label}
                leftSection={<l.icon size={18} stroke={1.7} />}
                active={isActive(l.to, l.end)}
                onClick={close}
                data-testid={l.testId}
                className={classes.link}
              />
            ))}
          </Stack>
        </nav>
      </AppShell.Navbar>

      <AppShell.Main>
        <div className={classes.main}>
          <Outlet />
        </div>
      </AppShell.Main>
      <SearchSpotlight />
    </AppShell>
  );
}
