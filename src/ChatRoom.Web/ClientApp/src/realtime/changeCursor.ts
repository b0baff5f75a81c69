// How far a room's changes have been applied, as pure functions. The server numbers every change of a room without
// gaps, but a client legitimately never sees some numbers (another user's pending message), and broadcasts can be
// lost or arrive slightly out of order. So the cursor only moves over numbers it has seen one after another, or
// over what a catch-up answer says it covers; anything seen past a hole waits above it until the hole is settled.

export interface ChangeCursor {
  /** Every change up to this one has been applied: what a catch-up or a re-join asks after. */
  readonly applied: number;
  /** Changes applied past a hole (all above `applied + 1`), ascending. */
  readonly ahead: readonly number[];
  /** The room's latest change as the server last announced it. */
  readonly head: number;
}

export const emptyCursor: ChangeCursor = { applied: 0, ahead: [], head: 0 };

/** A live change was applied. */
export function observeChange(cursor: ChangeCursor, changeSeq: number): ChangeCursor {
  if (changeSeq <= cursor.applied || cursor.ahead.includes(changeSeq)) return cursor;
  const ahead = [...cursor.ahead, changeSeq].sort((a, b) => a - b);
  return absorb({ ...cursor, ahead, head: Math.max(cursor.head, changeSeq) });
}

/** A join or catch-up answer covers every change up to `changeSeq`, including ones this user may not see. */
export function coverTo(cursor: ChangeCursor, changeSeq: number): ChangeCursor {
  if (changeSeq <= cursor.applied) return cursor;
  const ahead = cursor.ahead.filter((n) => n > changeSeq);
  return absorb({ applied: changeSeq, ahead, head: Math.max(cursor.head, changeSeq) });
}

/** The server announced the room's latest change. */
export function observeHead(cursor: ChangeCursor, changeSeq: number): ChangeCursor {
  return changeSeq > cursor.head ? { ...cursor, head: changeSeq } : cursor;
}

/** Whether some change up to the known head is neither applied nor settled: a catch-up would say. */
export function isBehind(cursor: ChangeCursor): boolean {
  return cursor.ahead.length > 0 || cursor.head > cursor.applied;
}

function absorb(cursor: ChangeCursor): ChangeCursor {
  let { applied } = cursor;
  let taken = 0;
  for (const n of cursor.ahead) {
    if (n !== applied + 1) break;
    applied = n;
    taken++;
  }
  return taken === 0 ? cursor : { ...cursor, applied, ahead: cursor.ahead.slice(taken) };
}
