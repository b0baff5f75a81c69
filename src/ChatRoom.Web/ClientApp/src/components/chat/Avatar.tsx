import { nameOf, type UserSummary } from '../../realtime/contracts.ts';

const COLOURS = 8;

/** "Ana Lima" → "AL", "bob" → "B": the first letters of the first two words (whole characters, not UTF-16 halves). */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter((w) => w !== '');
  return words
    .slice(0, 2)
    .map((w) => Array.from(w)[0] ?? '')
    .join('')
    .toLocaleUpperCase();
}

/** The same person gets the same colour everywhere: a small hash of the id picks one of theme.css's avatar colours. */
export function avatarColour(userId: string): number {
  let hash = 0;
  for (const char of userId) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return hash % COLOURS;
}

/**
 * A round picture by the author's name. Decorative: the name is written next to it. Only a picture from this site
 * or over https is shown (what the CSP lets load); otherwise the initials on the person's colour.
 */
export function Avatar({ user }: { user: UserSummary }) {
  const url = user.avatarUrl;
  if (url !== null && (url.startsWith('https://') || (url.startsWith('/') && !url.startsWith('//')))) {
    return <img className="avatar" src={url} alt="" aria-hidden="true" />;
  }
  return (
    <span className={`avatar avatar-c${String(avatarColour(user.id))}`} aria-hidden="true">
      {initials(nameOf(user))}
    </span>
  );
}
