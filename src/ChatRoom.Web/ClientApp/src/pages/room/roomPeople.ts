// Who the room page names: reactors (by the people it has seen) and typists.
import { useMemo } from 'react';
import { nameOf, type MessageDto, type UserSummary } from '../../realtime/contracts.ts';

/** Reactions name the people this page has seen (authors, the online list); the server sends only their ids. */
export function useReactorNames(meId: string | null, messages: readonly MessageDto[], online: readonly UserSummary[]) {
  return useMemo(() => {
    const names = new Map<string, string>();
    for (const m of messages) names.set(m.author.id, nameOf(m.author));
    for (const u of online) names.set(u.id, nameOf(u));
    return { meId, nameOf: (userId: string) => names.get(userId) ?? null };
  }, [meId, messages, online]);
}

export function typingText(names: string[]): string {
  if (names.length === 0) return '';
  if (names.length === 1) return `${names[0] ?? ''} is typing…`;
  if (names.length === 2) return `${names[0] ?? ''} and ${names[1] ?? ''} are typing…`;
  return 'Several people are typing…';
}
