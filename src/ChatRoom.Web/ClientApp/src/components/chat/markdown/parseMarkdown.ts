// Block Markdown for chat: fenced code, quotes, lists and paragraphs. Deliberately no headings, tables, images, HTML
// or indented code: in chat a leading `#` or four spaces are far more often just text.
import type { Block } from './ast.ts';
import { parseInline } from './parseInline.ts';

const FENCE_OPEN = /^ {0,3}(`{3,})[ \t]*([\w+#.-]*)[ \t]*$/;
const FENCE_CLOSE = /^ {0,3}(`{3,})[ \t]*$/;
const QUOTE = /^ {0,3}>(?: |$)/;
const BULLET = /^ {0,3}[-*] +(?=\S)/;
const ORDERED = /^ {0,3}(\d{1,9})\. +(?=\S)/;
const CONTINUATION = /^(?: {2,}|\t)\S/;
// `* * *` or `- - -` is a horizontal rule in Markdown; we have none, and nested empty bullets would be worse than text.
const RULE = /^(?:-{3,}|\*{3,}|_{3,})$/;
// Quotes and lists nest by recursion; past this depth their markers stay text, so `> > > …` cannot exhaust the stack.
const MAX_DEPTH = 4;

export function parseMarkdown(source: string): Block[] {
  return parseBlocks(source.replace(/\r\n?/g, '\n').split('\n'), 0);
}

function parseBlocks(lines: string[], depth: number): Block[] {
  const blocks: Block[] = [];
  const fences = new Fences(lines);
  const nested = depth < MAX_DEPTH;
  const quotes = quoteEnds(lines);
  const quoteEnd = (at: number) => (nested ? (quotes[at] ?? -1) : -1);
  const startsBlock = (at: number) => {
    const line = lines[at] ?? '';
    return line.trim() === '' || fences.closeFor(at) !== -1 || quoteEnd(at) !== -1 || (nested && listItem(line) !== null);
  };
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    const fenceEnd = fences.closeFor(i);
    if (line.trim() === '') {
      i++;
    } else if (fenceEnd !== -1) {
      const language = FENCE_OPEN.exec(line)?.[2] ?? '';
      blocks.push({ kind: 'code', language: language === '' ? null : language, text: lines.slice(i + 1, fenceEnd).join('\n') });
      i = fenceEnd + 1;
    } else if (quoteEnd(i) !== -1) {
      const end = quoteEnd(i);
      const inner = lines.slice(i, end).map((quoted) => quoted.replace(QUOTE, ''));
      blocks.push({ kind: 'quote', children: parseBlocks(inner, depth + 1) });
      i = end;
    } else if (nested && listItem(line) !== null) {
      i = readList(lines, i, depth, blocks);
    } else {
      // A paragraph keeps its line breaks: chat users press Shift+Enter and expect to see them.
      let end = i + 1;
      while (end < lines.length && !startsBlock(end)) end++;
      blocks.push({ kind: 'paragraph', children: parseInline(lines.slice(i, end).join('\n')) });
      i = end;
    }
  }
  return blocks;
}

/**
 * For each line, where the quote starting there ends, or -1 when the line starts no quote. A quote with nothing but
 * `>` in it stays text. Computed in one backward pass so checking every line of a paragraph stays linear.
 */
function quoteEnds(lines: string[]): Int32Array {
  const ends = new Int32Array(lines.length).fill(-1);
  let runEnd = -1;
  let hasText = false;
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i] ?? '';
    if (!QUOTE.test(line)) {
      runEnd = -1;
      hasText = false;
      continue;
    }
    if (runEnd === -1) runEnd = i + 1;
    hasText ||= line.replace(QUOTE, '').trim() !== '';
    ends[i] = hasText ? runEnd : -1;
  }
  return ends;
}

interface ListItem {
  ordered: boolean;
  start: number;
  indent: number;
}

function listItem(line: string): ListItem | null {
  if (RULE.test(line.replace(/[ \t]/g, ''))) return null;
  const bullet = BULLET.exec(line);
  if (bullet) return { ordered: false, start: 1, indent: bullet[0].length };
  const ordered = ORDERED.exec(line);
  return ordered ? { ordered: true, start: Number(ordered[1]), indent: ordered[0].length } : null;
}

/** One list; an item takes the indented lines under it, so a sub-list or a code block can belong to it. */
function readList(lines: string[], from: number, depth: number, blocks: Block[]): number {
  const first = listItem(lines[from] ?? '');
  if (first === null) return from + 1;
  const items: Block[][] = [];
  let i = from;
  for (let item = first; item.ordered === first.ordered; ) {
    const body = [(lines[i] ?? '').slice(item.indent)];
    for (i++; i < lines.length && CONTINUATION.test(lines[i] ?? ''); i++) body.push(dedent(lines[i] ?? '', item.indent));
    items.push(parseBlocks(body, depth + 1));
    const next = i < lines.length ? listItem(lines[i] ?? '') : null;
    if (next === null) break;
    item = next;
  }
  blocks.push({ kind: 'list', ordered: first.ordered, start: first.start, items });
  return i;
}

function dedent(line: string, width: number): string {
  let cut = 0;
  while (cut < width && line.charAt(cut) === ' ') cut++;
  return line.charAt(0) === '\t' ? line.slice(1) : line.slice(cut);
}

/**
 * Finds the closing fence for an opening one. A fence without a closer stays text (like any unclosed marker), and
 * once a fence of some length has no closer, no later fence at least as long can have one: remembering that keeps
 * a message full of fences from being rescanned for each of them.
 */
class Fences {
  private readonly lines: string[];
  private readonly closers = new Map<number, number>();
  private shortestUnclosed = Infinity;

  constructor(lines: string[]) {
    this.lines = lines;
  }

  closeFor(open: number): number {
    const cached = this.closers.get(open);
    if (cached !== undefined) return cached;
    const length = FENCE_OPEN.exec(this.lines[open] ?? '')?.[1]?.length ?? 0;
    let close = -1;
    if (length > 0 && length < this.shortestUnclosed) {
      for (let i = open + 1; i < this.lines.length && close === -1; i++) {
        if ((FENCE_CLOSE.exec(this.lines[i] ?? '')?.[1]?.length ?? 0) >= length) close = i;
      }
      if (close === -1) this.shortestUnclosed = length;
    }
    this.closers.set(open, close);
    return close;
  }
}
