import { useQuery } from '@tanstack/react-query';
import { useState, type KeyboardEvent } from 'react';
import { searchUsers, type User } from '../../api/users.ts';

// "@na" right before the caret, at the start or after a space or bracket (not inside an address): the name typed so far.
const MENTION_BEFORE_CARET = /(?:^|[\s([{])@([A-Za-z0-9_.-]{1,32})$/;
const SUGGESTIONS = 6;

export interface MentionQuery {
  /** Where the "@" is. */
  start: number;
  name: string;
}

export function mentionAt(text: string, caret: number): MentionQuery | null {
  const match = MENTION_BEFORE_CARET.exec(text.slice(0, caret));
  const name = match?.[1];
  return name === undefined ? null : { start: caret - name.length - 1, name };
}

/**
 * "@name" autocomplete for a composer: while the word at the caret starts with "@", people whose user name starts with
 * it are offered; arrows choose, Enter or Tab puts "@username " in its place, Escape closes. The server decides who is
 * told (people who can read where they were named); this only helps spell the name.
 */
export function useMentions(text: string, setText: (text: string) => void, input: () => HTMLTextAreaElement | null) {
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const query = mentionAt(text, Math.min(caret, text.length));
  const open = query !== null && dismissedAt !== query.start;
  const people = useQuery({
    queryKey: ['mention-suggestions', query?.name.toLowerCase() ?? ''],
    queryFn: ({ signal }) => searchUsers(query?.name ?? '', SUGGESTIONS, { signal }),
    enabled: open,
    staleTime: 30_000,
  });
  const suggestions: User[] = open ? (people.data?.items ?? []) : [];
  const shown = suggestions.length > 0;

  function track(element: HTMLTextAreaElement) {
    setCaret(element.selectionStart);
  }

  function choose(person: User) {
    if (query === null) return;
    const before = text.slice(0, query.start);
    const after = text.slice(query.start + query.name.length + 1);
    const inserted = `@${person.userName} `;
    setText(before + inserted + after);
    const at = before.length + inserted.length;
    setCaret(at);
    setActive(0);
    // The caret goes after the name once React has put the new text in the box.
    requestAnimationFrame(() => {
      input()?.setSelectionRange(at, at);
    });
  }

  /** True when the key was the autocomplete's (the composer then does nothing more with it). */
  function keyDown(event: KeyboardEvent<HTMLTextAreaElement>): boolean {
    if (!shown || query === null) return false;
    const index = Math.min(active, suggestions.length - 1);
    switch (event.key) {
      case 'ArrowDown':
        setActive((index + 1) % suggestions.length);
        break;
      case 'ArrowUp':
        setActive((index - 1 + suggestions.length) % suggestions.length);
        break;
      case 'Enter':
      case 'Tab': {
        const person = suggestions[index];
        if (person === undefined || event.shiftKey) return false;
        choose(person);
        break;
      }
      case 'Escape':
        setDismissedAt(query.start);
        break;
      default:
        return false;
    }
    event.preventDefault();
    return true;
  }

  return { suggestions, active: Math.min(active, Math.max(0, suggestions.length - 1)), shown, track, choose, keyDown };
}
