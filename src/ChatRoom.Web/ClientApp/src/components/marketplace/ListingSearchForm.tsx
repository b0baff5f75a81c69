import { useRef, useState, type SubmitEvent } from 'react';
import type { MarketplaceSearch } from '../../routing/paths.ts';
import { SelectField, TextField } from '../Field.tsx';
import { useFocusFirstInvalid } from '../useFocusFirstInvalid.ts';
import { moneyExample, parseMoney } from './money.ts';
import { useListingCategories } from './useListingCategories.ts';

type Invalid = Partial<Record<'min' | 'max', string>>;

/** The price range's own checks: amounts the currency can have, the lowest not above the highest. */
export function checkPriceRange({ min, max }: MarketplaceSearch, currency: string): Invalid {
  const invalid: Invalid = {};
  const amount = `Enter an amount such as ${moneyExample(currency)}, or leave it empty.`;
  const low = min === '' ? null : parseMoney(min, currency);
  const high = max === '' ? null : parseMoney(max, currency);
  if (min !== '' && low === null) invalid.min = amount;
  if (max !== '' && high === null) invalid.max = amount;
  if (low !== null && high !== null && low > high) invalid.max = 'The highest price is below the lowest.';
  return invalid;
}

/**
 * Words, category and price range. `applied` is the search the address holds (shown again after back, forward or
 * reload); `onSearch` gets it trimmed, once the prices are amounts.
 */
export function ListingSearchForm({ applied, currency, onSearch }: { applied: MarketplaceSearch; currency: string; onSearch: (search: MarketplaceSearch) => void }) {
  const categories = useListingCategories();
  const [draft, setDraft] = useState(applied);
  const [shownFor, setShownFor] = useState(applied);
  const [invalid, setInvalid] = useState<Invalid | null>(null);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(form, invalid);

  // Back and forward change the address: the fields show the search it now holds.
  if (!sameSearch(shownFor, applied)) {
    setShownFor(applied);
    setDraft(applied);
    setInvalid(null);
  }

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const search = { q: draft.q.trim(), category: draft.category, min: draft.min.trim(), max: draft.max.trim() };
    const found = checkPriceRange(search, currency);
    if (Object.keys(found).length > 0) {
      setInvalid(found);
      return;
    }
    setInvalid(null);
    onSearch(search);
  }

  function bind(name: keyof MarketplaceSearch) {
    return {
      value: draft[name],
      onChange: (event: { target: { value: string } }) => {
        setDraft((d) => ({ ...d, [name]: event.target.value }));
      },
    };
  }

  const priceHint = `In ${currency}.`;
  return (
    <form ref={form} role="search" aria-label="Listings" className="listing-search" noValidate onSubmit={submit}>
      <div className="listing-search-words">
        <TextField label="Search listings" name="q" maxLength={200} autoComplete="off" enterKeyHint="search" {...bind('q')} />
      </div>
      <SelectField label="Category" name="category" {...bind('category')}>
        <option value="">All categories</option>
        {categories.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
        {/* A category in the address the list does not (yet) have stays choosable. */}
        {draft.category !== '' && !categories.some((c) => c.value === draft.category) && <option value={draft.category}>{draft.category}</option>}
      </SelectField>
      <TextField label="Min price" name="min" inputMode="decimal" autoComplete="off" hint={priceHint} error={invalid?.min} {...bind('min')} />
      <TextField label="Max price" name="max" inputMode="decimal" autoComplete="off" hint={priceHint} error={invalid?.max} {...bind('max')} />
      <div className="listing-search-actions">
        <button type="submit">Search</button>
      </div>
    </form>
  );
}

export function sameSearch(a: MarketplaceSearch, b: MarketplaceSearch): boolean {
  return a.q === b.q && a.category === b.category && a.min === b.min && a.max === b.max;
}
