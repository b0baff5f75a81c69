import { useState, type SubmitEvent } from 'react';
import { SEARCH_QUERY_MAX_LENGTH } from '../../api/search.ts';
import { TextField } from '../Field.tsx';

export const SEARCH_INPUT_ID = 'search-messages';

/**
 * The search box: `applied` is the search the address holds (shown again after back, forward or reload); `onSearch`
 * gets the trimmed words. An empty search is refused here, next to the field.
 */
export function SearchForm({ applied, onSearch }: { applied: string; onSearch: (q: string) => void }) {
  const [draft, setDraft] = useState(applied);
  const [shownFor, setShownFor] = useState(applied);
  const [error, setError] = useState<string | undefined>(undefined);

  // Back and forward change the address: the field shows the search it now holds.
  if (shownFor !== applied) {
    setShownFor(applied);
    setDraft(applied);
    setError(undefined);
  }

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const q = draft.trim();
    if (q === '') {
      setError('Enter the words to search for.');
      document.getElementById(SEARCH_INPUT_ID)?.focus();
      return;
    }
    setError(undefined);
    onSearch(q);
  }

  return (
    <form role="search" aria-label="Messages" className="search-form" noValidate onSubmit={submit}>
      <TextField
        id={SEARCH_INPUT_ID}
        label="Search messages"
        type="search"
        name="q"
        value={draft}
        maxLength={SEARCH_QUERY_MAX_LENGTH}
        autoComplete="off"
        enterKeyHint="search"
        hint={'"Quotes" find an exact phrase, "or" finds either word, and -word leaves a word out.'}
        error={error}
        onChange={(event) => {
          setDraft(event.target.value);
        }}
      />
      <button type="submit" className="search-submit">
        Search
      </button>
    </form>
  );
}
