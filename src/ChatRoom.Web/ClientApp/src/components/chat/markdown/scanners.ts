// Precomputed look-ups that let the inline parser find closing backticks and brackets without rescanning the text,
// which is what would otherwise make inputs like ``` `` ` `` ` … ``` or `[[[[…` quadratic or worse.

export function runLength(source: string, at: number, char: string): number {
  let end = at;
  while (source.charAt(end) === char) end++;
  return end - at;
}

/** CommonMark trims one space each side so `` ` `` can hold a backtick. */
export function trimCodeSpan(text: string): string {
  return text.length > 2 && text.startsWith(' ') && text.endsWith(' ') && text.trim() !== '' ? text.slice(1, -1) : text;
}

/** Where each backtick run of a given length starts, read with a cursor that only moves forward. */
export class BacktickRuns {
  private readonly starts = new Map<number, number[]>();
  private readonly cursors = new Map<number, number>();

  constructor(source: string) {
    for (let i = 0; i < source.length; ) {
      const run = runLength(source, i, '`');
      if (run === 0) {
        i++;
        continue;
      }
      const list = this.starts.get(run) ?? [];
      list.push(i);
      this.starts.set(run, list);
      i += run;
    }
  }

  /** The first run of exactly `length` backticks starting at or after `from`, or -1. */
  next(length: number, from: number): number {
    const list = this.starts.get(length) ?? [];
    let cursor = this.cursors.get(length) ?? 0;
    while (cursor < list.length && (list[cursor] ?? 0) < from) cursor++;
    this.cursors.set(length, cursor);
    return list[cursor] ?? -1;
  }
}

/** For each `[`, the `]` that closes it when no other bracket comes between; precomputed so `[[[[…` stays linear. */
export class Brackets {
  private readonly source: string;
  private readonly nextBracket: Int32Array;

  constructor(source: string) {
    this.source = source;
    this.nextBracket = new Int32Array(source.length + 1).fill(-1);
    for (let i = source.length - 1; i >= 0; i--) {
      const char = source.charAt(i);
      const escaped = i > 0 && source.charAt(i - 1) === '\\';
      this.nextBracket[i] = (char === '[' || char === ']') && !escaped ? i : (this.nextBracket[i + 1] ?? -1);
    }
  }

  closeFor(open: number): number {
    const next = this.nextBracket[open + 1] ?? -1;
    return next !== -1 && this.source.charAt(next) === ']' ? next : -1;
  }
}
