// Which strings may become links. Only absolute URLs with a scheme we allow ever reach an href: a relative target would
// resolve against this site, and javascript:/data: would run or render attacker content.

const URL_CANDIDATE = /\bhttps?:\/\/[^\s<>"`]+/gi;
const BARE_URL_START = /^https?:\/\//i;
// Sentence punctuation right after a URL belongs to the sentence; so do Markdown markers that wrap it (**https://…**).
const TRAILING_PUNCTUATION = /[.,;:!?)\]}'’”*_~]+$/;
const URL_CHAR = /[^\s<>"`]/;
// Beyond this a "URL" is noise; capping the scan keeps adversarial input linear.
const MAX_URL_LENGTH = 2048;
// Something a reader would take for a host name: labels joined by dots, ending in letters (bank.test, пример.рф).
const HOST_IN_TEXT = /((?:[\p{L}\p{N}-]+\.)+\p{L}{2,})/u;
const MAX_WORD_LENGTH = 300;

export interface TextPart {
  text: string;
  href: string | null;
}

/** Plain text cut into text and http(s) links, for callers that want links without the rest of Markdown. */
export function splitLinks(content: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of content.matchAll(URL_CANDIDATE)) {
    const start = match.index;
    const raw = match[0].replace(TRAILING_PUNCTUATION, '');
    const href = safeHref(raw);
    if (href === null) continue;
    if (start > last) parts.push({ text: content.slice(last, start), href: null });
    parts.push({ text: raw, href });
    last = start + raw.length;
  }
  if (last < content.length) parts.push({ text: content.slice(last), href: null });
  return parts;
}

/** The normalised href for a bare URL typed in a message, or null: bare links are only ever http(s). */
export function safeHref(candidate: string): string | null {
  const url = parseUrl(candidate);
  return url !== null && (url.protocol === 'http:' || url.protocol === 'https:') ? url.href : null;
}

/** The normalised href for the target of `[text](target)`, or null. mailto: is fine here because the text is explicit. */
export function safeLinkHref(candidate: string): string | null {
  const url = parseUrl(candidate);
  if (url === null) return null;
  return url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'mailto:' ? url.href : null;
}

/** What a reader must see to know where a link goes: the host (punycode, so look-alike letters show), or the address. */
export function linkDestination(href: string): string {
  const url = parseUrl(href);
  if (url === null) return href;
  return url.protocol === 'mailto:' ? decodeSafely(url.pathname) : url.host;
}

/**
 * True when the visible text names a different place than the link goes to, e.g. `[https://bank.test](https://evil.test)`.
 * Such links also show their real host as text, since a title only appears on hover and never on touch screens.
 */
export function textMisleads(text: string, href: string): boolean {
  const target = parseUrl(href);
  if (target === null) return true;
  for (const word of text.split(/\s+/)) {
    // Words are capped so that a long link text cannot make the search quadratic.
    const named = HOST_IN_TEXT.exec(word.slice(0, MAX_WORD_LENGTH))?.[1];
    if (named === undefined) continue;
    if (target.protocol === 'mailto:') {
      if (!text.includes(linkDestination(href))) return true;
      continue;
    }
    const shown = parseUrl(`https://${named}`);
    if (shown === null || withoutWww(shown.hostname) !== withoutWww(target.hostname)) return true;
  }
  return false;
}

/**
 * The length of a bare http(s) URL starting at `start`, or 0. Same rules as splitLinks, without rescanning the text,
 * except that a Markdown marker may come right before it (_https://…_).
 */
export function bareUrlLengthAt(text: string, start: number): number {
  if (/[\p{L}\p{N}]/u.test(text.charAt(start - 1))) return 0;
  if (!BARE_URL_START.test(text.slice(start, start + 8))) return 0;
  let end = start;
  while (end < text.length && end - start < MAX_URL_LENGTH && URL_CHAR.test(text.charAt(end))) end++;
  const raw = text.slice(start, end).replace(TRAILING_PUNCTUATION, '');
  return safeHref(raw) === null ? 0 : raw.length;
}

function parseUrl(candidate: string): URL | null {
  try {
    return new URL(candidate);
  } catch {
    return null;
  }
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function withoutWww(host: string): string {
  return host.startsWith('www.') ? host.slice(4) : host;
}
