// Message text is shown as a safe subset of Markdown, built from React elements only: markup in a message is always
// displayed as typed, never interpreted. The server keeps and searches the raw text; this is display only.
import { useMemo } from 'react';
import '../../styles/markdown.css';
import type { Block } from './markdown/ast.ts';
import { MarkdownView } from './markdown/MarkdownView.tsx';
import { parseMarkdown } from './markdown/parseMarkdown.ts';

export { splitLinks, type TextPart } from './markdown/links.ts';

export function MessageText({ content }: { content: string }) {
  // A room re-renders often (presence, typing, new messages); long messages need not be parsed again each time.
  const blocks = useMemo(() => parseSafely(content), [content]);
  return (
    <div className="message-text">
      <MarkdownView blocks={blocks} />
    </div>
  );
}

/** The parser is meant never to throw; should a bug make it, one message falls back to plain text, not the whole room. */
function parseSafely(content: string): Block[] {
  try {
    return parseMarkdown(content);
  } catch {
    return [{ kind: 'paragraph', children: [{ kind: 'text', text: content }] }];
  }
}
