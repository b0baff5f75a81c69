// Keeps each joined room converged with the server. A lost broadcast leaves the connection up, so nothing would
// ever re-join: instead the change cursor notices the hole (a later change, or the server's announced head above
// it) and, after a short grace in which an out-of-order event may still fill it, asks the hub for what is missing.
import { coverTo, emptyCursor, isBehind, observeChange, observeHead, type ChangeCursor } from './changeCursor.ts';
import type { CatchUpResult, MessageDeletedEvent, MessageDto, RoomHeadEvent } from './contracts.ts';
import { HubEvents, type HubEventName } from './hubEvents.ts';

export const CATCH_UP_GRACE_MS = 1_000;
const MAX_RETRY_MS = 30_000;

export interface RoomSyncOptions {
  /** Asks the hub for every change after `afterChangeSeq`; rejects while not connected. */
  catchUp: (roomId: string, afterChangeSeq: number) => Promise<CatchUpResult>;
  /** Hands an answer to whoever shows the room. */
  deliver: (roomId: string, result: CatchUpResult) => void;
  graceMs?: number;
}

interface TrackedRoom {
  cursor: ChangeCursor;
  /** Whether a join has answered: before that the cursor only collects what arrives. */
  joined: boolean;
  timer: ReturnType<typeof setTimeout> | null;
  inFlight: boolean;
  failures: number;
}

export class RoomSync {
  readonly #options: RoomSyncOptions;
  readonly #rooms = new Map<string, TrackedRoom>();

  constructor(options: RoomSyncOptions) {
    this.#options = options;
  }

  /** Starts tracking a room being joined; a room tracked already keeps its cursor. */
  track(roomId: string): void {
    if (!this.#rooms.has(roomId)) {
      this.#rooms.set(roomId, { cursor: emptyCursor, joined: false, timer: null, inFlight: false, failures: 0 });
    }
  }

  has(roomId: string): boolean {
    return this.#rooms.has(roomId);
  }

  roomIds(): string[] {
    return [...this.#rooms.keys()];
  }

  /** Everything up to this change has been applied; null until the join answers. */
  applied(roomId: string): number | null {
    const room = this.#rooms.get(roomId);
    return room?.joined ? room.cursor.applied : null;
  }

  /** A join answered with its cursor; `more`: a catch-up join was cut short, so carry on at once. */
  joined(roomId: string, changeSeq: number, more: boolean): void {
    const room = this.#rooms.get(roomId);
    if (!room) return;
    room.joined = true;
    room.cursor = coverTo(room.cursor, changeSeq);
    if (more) room.cursor = observeHead(room.cursor, changeSeq + 1);
    this.#check(room, roomId, more ? 0 : undefined);
  }

  /** A live change event was applied. */
  change(roomId: string, changeSeq: number): void {
    const room = this.#rooms.get(roomId);
    if (!room) return;
    room.cursor = observeChange(room.cursor, changeSeq);
    this.#check(room, roomId);
  }

  /** Moves the room's change cursor for a hub event; a change past a hole, or a head above it, schedules a catch-up. */
  observe(name: HubEventName, payload: unknown): void {
    if (name === HubEvents.MessageCreated || name === HubEvents.MessageUpdated) {
      const { roomId, changeSeq } = payload as MessageDto;
      this.change(roomId, changeSeq);
    } else if (name === HubEvents.MessageDeleted) {
      const { roomId, changeSeq } = payload as MessageDeletedEvent;
      this.change(roomId, changeSeq);
    } else if (name === HubEvents.RoomHead) {
      const { roomId, changeSeq } = payload as RoomHeadEvent;
      this.head(roomId, changeSeq);
    }
  }

  /** The server announced the room's latest change. */
  head(roomId: string, changeSeq: number): void {
    const room = this.#rooms.get(roomId);
    if (!room) return;
    room.cursor = observeHead(room.cursor, changeSeq);
    this.#check(room, roomId);
  }

  forget(roomId: string): void {
    const room = this.#rooms.get(roomId);
    if (room?.timer != null) clearTimeout(room.timer);
    this.#rooms.delete(roomId);
  }

  clear(): void {
    for (const roomId of this.roomIds()) this.forget(roomId);
  }

  /** Schedules a catch-up when the room is behind and none is waiting or running (that one re-checks). */
  #check(room: TrackedRoom, roomId: string, delay?: number): void {
    if (this.#rooms.get(roomId) !== room || !room.joined || room.inFlight || !isBehind(room.cursor)) return;
    if (room.timer !== null) {
      if (delay !== 0) return;
      clearTimeout(room.timer);
    }
    const wait = delay ?? (room.failures === 0 ? this.#grace : Math.min(MAX_RETRY_MS, this.#grace * 2 ** room.failures));
    room.timer = setTimeout(() => {
      room.timer = null;
      void this.#catchUp(room, roomId);
    }, wait);
  }

  async #catchUp(room: TrackedRoom, roomId: string): Promise<void> {
    // The hole may have filled during the grace.
    if (this.#rooms.get(roomId) !== room || !isBehind(room.cursor)) return;
    room.inFlight = true;
    try {
      let more: boolean;
      do {
        const after = room.cursor.applied;
        const result = await this.#options.catchUp(roomId, after);
        if (this.#rooms.get(roomId) !== room) return; // left meanwhile
        room.cursor = coverTo(room.cursor, result.changeSeq);
        this.#options.deliver(roomId, result);
        more = result.hasMore && result.changeSeq > after;
      } while (more);
      room.failures = 0;
    } catch {
      // Not connected, or the server could not answer: try again later (a re-join after a reconnect also covers it).
      room.failures++;
    } finally {
      room.inFlight = false;
    }
    this.#check(room, roomId);
  }

  get #grace(): number {
    return this.#options.graceMs ?? CATCH_UP_GRACE_MS;
  }
}
