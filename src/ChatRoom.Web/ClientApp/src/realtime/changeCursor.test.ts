import { describe, expect, it } from 'vitest';
import { coverTo, emptyCursor, isBehind, observeChange, observeHead, type ChangeCursor } from './changeCursor.ts';

const at = (applied: number): ChangeCursor => coverTo(emptyCursor, applied);
const observeAll = (cursor: ChangeCursor, ...changes: number[]) => changes.reduce(observeChange, cursor);

describe('change cursor', () => {
  it('advances over changes that follow one another', () => {
    const cursor = observeAll(at(5), 6, 7, 8);
    expect(cursor).toEqual({ applied: 8, ahead: [], head: 8 });
    expect(isBehind(cursor)).toBe(false);
  });

  it('holds at a hole and absorbs what was seen past it once an out-of-order change fills it', () => {
    let cursor = observeAll(at(5), 7, 9);
    expect(cursor.applied).toBe(5);
    expect(cursor.ahead).toEqual([7, 9]);
    expect(isBehind(cursor)).toBe(true);

    cursor = observeChange(cursor, 6);
    expect(cursor).toMatchObject({ applied: 7, ahead: [9] });
    cursor = observeChange(cursor, 8);
    expect(cursor).toEqual({ applied: 9, ahead: [], head: 9 });
    expect(isBehind(cursor)).toBe(false);
  });

  it('ignores changes it has already counted', () => {
    const cursor = observeAll(at(5), 4, 5, 7, 7);
    expect(cursor).toMatchObject({ applied: 5, ahead: [7] });
  });

  it('moves past numbers this user never sees when a catch-up answer covers them', () => {
    // 6 is someone else's pending message: only the answer can settle it.
    let cursor = observeAll(at(5), 7, 8, 10);
    cursor = coverTo(cursor, 8);
    expect(cursor).toMatchObject({ applied: 8, ahead: [10] });
    expect(isBehind(cursor)).toBe(true);

    cursor = coverTo(cursor, 9);
    expect(cursor).toEqual({ applied: 10, ahead: [], head: 10 });
    expect(isBehind(cursor)).toBe(false);
  });

  it('never moves back on an older answer', () => {
    const cursor = observeAll(at(5), 6);
    expect(coverTo(cursor, 3)).toBe(cursor);
  });

  it('is behind while the announced head is above what was applied', () => {
    let cursor = observeHead(at(5), 7);
    expect(isBehind(cursor)).toBe(true);
    expect(observeHead(cursor, 6)).toBe(cursor);

    cursor = observeAll(cursor, 6, 7);
    expect(isBehind(cursor)).toBe(false);
    expect(isBehind(observeHead(at(7), 7))).toBe(false);
  });
});
