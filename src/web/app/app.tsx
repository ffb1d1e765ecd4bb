import '@mantine/charts/styles.css';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect } from 'react';
import { RouterProvider } from 'react-router';
import { setUnauthenticatedHandler } from '../lib/api-client.ts';
import { queryClient } from '../lib/query-client.ts';
import { queryKeys } from '../lib/query-keys.ts';
import { router } from './router.tsx';
import { theme } from './theme.ts';

export function App() {
  useEffect(() => {
    // Any 401 drops the session; the route guard then sends the user to /sign-in.
    setUnauthenticatedHandler(() => queryClient.setQueryData(queryKeys.session, null));
    return () => setUnauthenticatedHandler(null);
  }, []);
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  );
}
