import { QueryClient } from '@tanstack/react-query';

/**
 * Server state for the whole page. No automatic retries (the pages offer "Try again" and say what went wrong at
 * once) and no refetch on focus (lists and forms would shift under the user); changes invalidate what they touch.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: false, staleTime: 30_000 },
      mutations: { retry: false },
    },
  });
}

export const queryClient = createQueryClient();

