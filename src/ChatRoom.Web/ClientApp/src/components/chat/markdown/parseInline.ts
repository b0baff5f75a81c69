// Inline Markdown: code spans, escapes, links, bare URLs, then emphasis. Every step is a single forward pass over the
// text (or over the tokens), so no input can make it backtrack: a chat message is attacker-controlled.
import type { Inline } from './ast.ts';
import { bareUrlLengthAt, safeHref, safeLinkHref } from './links.ts';
import { BacktickRuns, Brackets, runLength, trimCodeSpan } from './scanners.ts';

type Token = Inline | Delimiter;

interface Delimiter {
  kind: 'delim';
  char: '*' | '_' | '~';
  length: 1 | 2;
  canOpen: boolean;
  canClose: boolean;
}

const ESCAPABLE = /[!-/:-@[-`{-~]/;
const PUNCTUATION = /[\p{P}\p{S}]/u;
const WHITESPACE = /\s/u;
const MAX_LINK_TARGET = 2048;

/** Parses one paragraph's (or list item's) text. Links are not allowed inside link text, hence `allowLinks`. */
export function parseInline(source: string, allowLinks = true): Inline[] {
  const tokens = tokenize(source, allowLinks);
  return buildTree(tokens, pairDelimiters(tokens));
}

function tokenize(source: string, allowLinks: boolean): Token[] {
  const tokens: Token[] = [];
  const closers = new BacktickRuns(source);
  const brackets = allowLinks ? new Brackets(source) : null;
  let text = '';
  const flush = () => {
    if (text !== '') tokens.push({ kind: 'text', text });
    text = '';
  };
  let i = 0;
  while (i < source.length) {
    const char = source.charAt(i);
    if (char === '\\' && ESCAPABLE.test(source.charAt(i + 1))) {
      text += source.charAt(i + 1);
      i += 2;
    } else if (char === '`') {
      const run = runLength(source, i, '`');
      const close = closers.next(run, i + run);
      if (close === -1) {
        text += source.slice(i, i + run);
      } else {
        flush();
        tokens.push({ kind: 'code', text: trimCodeSpan(source.slice(i + run, close)) });
      }
      i = close === -1 ? i + run : close + run;
    } else if (char === '[' && brackets !== null) {
      const link = readLink(source, i, brackets);
      if (link === null) {
        text += char;
        i++;
      } else {
        flush();
        tokens.push(link.node);
        i = link.end;
      }
    } else if ((char === 'h' || char === 'H') && allowLinks && bareUrlLengthAt(source, i) > 0) {
      const url = source.slice(i, i + bareUrlLengthAt(source, i));
      const href = safeHref(url);
      if (href === null) {
        text += url;
      } else {
        flush();
        tokens.push({ kind: 'link', href, children: [{ kind: 'text', text: url }], explicit: false });
      }
      i += url.length;
    } else if (char === '*' || char === '_' || char === '~') {
      const run = runLength(source, i, char);
      flush();
      tokens.push(...delimiters(source, i, run, char));
      i += run;
    } else {
      text += char;
      i++;
    }
  }
  flush();
  return tokens;
}

/** CommonMark's flanking rules, so `2 * 3 * 4` and snake_case_names stay plain. Runs we cannot use become text. */
function delimiters(source: string, at: number, run: number, char: Delimiter['char']): Token[] {
  const before = source.charAt(at - 1);
  const after = source.charAt(at + run);
  const leftFlanking = after !== '' && !WHITESPACE.test(after) && (!PUNCTUATION.test(after) || before === '' || WHITESPACE.test(before) || PUNCTUATION.test(before));
  const rightFlanking = before !== '' && !WHITESPACE.test(before) && (!PUNCTUATION.test(before) || after === '' || WHITESPACE.test(after) || PUNCTUATION.test(after));
  const canOpen = char === '_' ? leftFlanking && (!rightFlanking || PUNCTUATION.test(before)) : leftFlanking;
  const canClose = char === '_' ? rightFlanking && (!leftFlanking || PUNCTUATION.test(after)) : rightFlanking;
  const make = (length: 1 | 2): Delimiter => ({ kind: 'delim', char, length, canOpen, canClose });
  if (char === '~') return run === 2 ? [make(2)] : [{ kind: 'text', text: char.repeat(run) }];
  if (run === 1) return [make(1)];
  if (run === 2) return [make(2)];
  // ***both*** opens strong then em, and closes them in the opposite order.
  if (run === 3) return canOpen ? [make(2), make(1)] : [make(1), make(2)];
  return [{ kind: 'text', text: char.repeat(run) }];
}

/**
 * Matches closers to openers with a stack. Openers skipped over by a match can never close any more and become text,
 * and per-kind counts spare a search when nothing could match: linear in the number of delimiters.
 */
function pairDelimiters(tokens: Token[]): Map<number, number> {
  const pairs = new Map<number, number>();
  const stack: number[] = [];
  const open = new Map<string, number>();
  const keyOf = (index: number) => {
    const token = tokens[index] as Delimiter;
    return token.char + String(token.length);
  };
  tokens.forEach((token, index) => {
    if (token.kind !== 'delim') return;
    const key = keyOf(index);
    if (token.canClose && (open.get(key) ?? 0) > 0) {
      for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
        open.set(keyOf(top), (open.get(keyOf(top)) ?? 1) - 1);
        if (keyOf(top) === key) {
          pairs.set(top, index);
          break;
        }
      }
    } else if (token.canOpen) {
      stack.push(index);
      open.set(key, (open.get(key) ?? 0) + 1);
    }
  });
  return pairs;
}

function buildTree(tokens: Token[], pairs: Map<number, number>): Inline[] {
  const closing = new Set(pairs.values());
  const root: Inline[] = [];
  const frames: { kind: 'strong' | 'em' | 'del'; children: Inline[] }[] = [];
  const target = () => frames.at(-1)?.children ?? root;
  tokens.forEach((token, index) => {
    if (token.kind !== 'delim') {
      append(target(), token);
    } else if (pairs.has(index)) {
      frames.push({ kind: token.char === '~' ? 'del' : token.length === 2 ? 'strong' : 'em', children: [] });
    } else if (closing.has(index)) {
      const frame = frames.pop();
      if (frame) target().push(frame);
    } else {
      append(target(), { kind: 'text', text: token.char.repeat(token.length) });
    }
  });
  return root;
}

function append(into: Inline[], node: Inline) {
  const last = into.at(-1);
  if (node.kind === 'text' && last?.kind === 'text') last.text += node.text;
  else into.push(node);
}

/** `[text](target)` with a vetted target, or null so the caller shows the brackets as typed. */
function readLink(source: string, open: number, brackets: Brackets): { node: Inline; end: number } | null {
  const close = brackets.closeFor(open);
  if (close === -1 || source.charAt(close + 1) !== '(') return null;
  // The target ends at the first unbalanced `)`, so Wikipedia-style URLs with parentheses work; spaces end it too.
  let depth = 0;
  let end = -1;
  for (let at = close + 2; end === -1 && at < source.length && at - close < MAX_LINK_TARGET; at++) {
    const char = source.charAt(at);
    if (WHITESPACE.test(char)) return null;
    if (char === '(') depth++;
    else if (char === ')' && depth-- === 0) end = at;
  }
  if (end === -1) return null;
  const href = safeLinkHref(source.slice(close + 2, end));
  if (href === null) return null;
  const label = source.slice(open + 1, close);
  const children = label.trim() === '' ? [{ kind: 'text' as const, text: href }] : parseInline(label, false);
  return { node: { kind: 'link', href, children, explicit: true }, end: end + 1 };
}
