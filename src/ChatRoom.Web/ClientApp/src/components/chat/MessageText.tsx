// Message text is rendered as text, never as HTML. Only absolute http(s) URLs become links; anything else that
// looks like a link (javascript:, data:, …) stays plain text.
import type { ReactNode } from 'react';

const URL_CANDIDATE = /\bhttps?:\/\/[^\s<>"]+/gi;
// Sentence punctuation right after a URL belongs to the sentence.
const TRAILING_PUNCTUATION = /[.,;:!?)\]}'’”]+$/;

export interface TextPart {
  text: string;
  href: string | null;
}

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

function safeHref(candidate: string): string | null {
  try {
    const url = new URL(candidate);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

export function MessageText({ content }: { content: string }) {
  const nodes: ReactNode[] = splitLinks(content).map((part, index) =>
    part.href === null ? (
      part.text
    ) : (
      <a key={index} href={part.href} rel="noopener noreferrer" target="_blank">
        {part.text}
      </a>
    ),
  );
  return <p className="message-text">{nodes}</p>;
}
