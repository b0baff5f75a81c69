import { useQuery } from '@tanstack/react-query';
import { fetchCategories } from '../../api/listings.ts';
import { queryKeys } from '../../api/queryKeys.ts';
import { categoryLabel } from './labels.ts';

export interface CategoryOption {
  value: string;
  label: string;
}

/** The categories as options, in the server's order; empty until they arrive (they do not change while the app runs). */
export function useListingCategories(): CategoryOption[] {
  const query = useQuery({
    queryKey: queryKeys.marketplace.categories,
    queryFn: ({ signal }) => fetchCategories({ signal }),
    staleTime: Infinity,
  });
  return (query.data ?? []).map((value) => ({ value, label: categoryLabel(value) }));
}
