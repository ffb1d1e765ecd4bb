import { Group, Text } from '@mantine/core';
import { Link } from 'react-router';

export function Logo({ size = 28 }: { size?: number }) {
  return (
    <Link to="/" style={{ textDecoration: 'none', color: 'inherit' }} aria-label="Relais">
      <Group gap={8} wrap="nowrap">
        <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden>
          <rect width="32" height="32" rx="8" fill="var(--mantine-color-relais-6)" />
          <path d="M9 23V9h7.5a4.5 4.5 0 0 1 0 9H13m3 0 5 5" stroke="white" strokeWidth="3" fill="none" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
        <Text fw={750} size="lg" lts={-0.3}>Relais</Text>
      </Group>
    </Link>
  );
}
