import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { searchUsers, type User } from '../api/users.ts';
import { describeError } from '../api/problems.ts';
import { queryKeys } from '../api/queryKeys.ts';
import { nameOf } from '../realtime/contracts.ts';

const MIN_CHARS = 2;
const LIMIT = 8;
const DEBOUNCE_MS = 200;

interface UserSearchProps {
  onChoose: (user: User) => void;
  /** The field's label: "User" where a moderator looks up the one person an action is for. */
  label?: string;
  /** People not to offer, e.g. yourself and those chosen already. */
  exclude?: (user: User) => boolean;
  /** Empties the box after a choice, to pick several people one after another. */
  clearOnChoose?: boolean;
}

/**
 * A combobox that looks users up by the start of their user name; choosing one hands it to `onChoose`.
 * Arrow keys move through the suggestions, Enter chooses, Escape closes the list.
 */
export function UserSearch({ onChoose, label = 'User', exclude, clearOnChoose = false }: UserSearchProps) {
  const id = useId();
  const listId = `${id}-list`;
  const hintId = `${id}-hint`;
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const query = text.trim();
  const searching = query.length >= MIN_CHARS;
  // Asks once the typing pauses, not at every key.
  const [settled, setSettled] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => {
      setSettled(query);
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
    };
  }, [query]);
  const search = useQuery({
    queryKey: queryKeys.users.search(settled),
    queryFn: ({ signal }) => searchUsers(settled, LIMIT, { signal }),
    enabled: settled.length >= MIN_CHARS,
  });

  // Only answers for exactly what the box says now.
  const current =
    searching && settled === query && !search.isPending
      ? {
          users: (search.data?.items ?? []).filter((user) => !exclude?.(user)),
          error: search.isError ? describeError(search.error) : null,
        }
      : null;
  const users = current?.users ?? [];
  const expanded = open && users.length > 0;
  const message = !searching
    ? ''
    : current === null
      ? ''
      : current.error ?? (users.length === 0 ? `No user name starts with “${query}”.` : `${String(users.length)} users found.`);

  function choose(user: User) {
    onChoose(user);
    setText(clearOnChoose ? '' : user.userName);
    setOpen(false);
    setActive(-1);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' && users.length > 0) {
      event.preventDefault();
      setOpen(true);
      setActive((i) => (i + 1) % users.length);
    } else if (event.key === 'ArrowUp' && users.length > 0) {
      event.preventDefault();
      setOpen(true);
      setActive((i) => (i <= 0 ? users.length - 1 : i - 1));
    } else if (event.key === 'Enter' && expanded && active >= 0) {
      // Choosing, not submitting the form.
      event.preventDefault();
      const user = users[active];
      if (user) choose(user);
    } else if (event.key === 'Escape' && expanded) {
      event.preventDefault();
      setOpen(false);
      setActive(-1);
    }
  }

  return (
    <div className="field user-search">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? `${id}-option-${String(active)}` : undefined}
        aria-describedby={hintId}
        autoComplete="off"
        spellCheck={false}
        autoCapitalize="none"
        maxLength={64}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => {
          setOpen(false);
        }}
      />
      <ul id={listId} role="listbox" aria-label="Matching users" className="user-search-list" hidden={!expanded}>
        {users.map((user, i) => (
          <li
            key={user.id}
            id={`${id}-option-${String(i)}`}
            role="option"
            aria-selected={i === active}
            // Keeps focus in the input, so the list is not closed by its blur first.
            onMouseDown={(e) => {
              e.preventDefault();
            }}
            onClick={() => {
              choose(user);
            }}
          >
            {nameOf(user)} (@{user.userName}) · {user.role}
          </li>
        ))}
      </ul>
      <p id={hintId} className="field-hint">
        Type at least {MIN_CHARS} letters of a user name to look it up.
      </p>
      <p role="status" className="visually-hidden">
        {message}
      </p>
    </div>
  );
}
