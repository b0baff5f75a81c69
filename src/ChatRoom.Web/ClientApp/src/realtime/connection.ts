// The one module that owns the hub connection (STYLE.md; its events are listed in hubEvents.ts): typed wrappers for
// the server's methods, the connection state for the UI, heartbeats, and keeping joined rooms converged: a hole in
// a room's changes is caught up without a reconnect, and a reconnect re-joins after the last change applied without
// a hole, so the server sends exactly what was missed.
import { session as defaultSession, type Session } from '../api/session.ts';
import { endsSession } from '../api/errorCodes.ts';
import type { CatchUpResult, JoinRoomResult, MessageExtras, ModerationNoticeEvent, SendAck, SessionRevokedEvent } from './contracts.ts';
import { hubError } from './hubErrors.ts';
import { HubEvents, HubMethods, type HubEventName, type HubEventPayloads } from './hubEvents.ts';
import { RoomSync } from './roomSync.ts';
import { createSignalRHub, type HubLike } from './signalRHub.ts';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'disconnected';

type SessionPort = Pick<Session, 'getAccessToken' | 'subscribe' | 'getState' | 'end' | 'refresh'>;

/** SessionRevoked reasons after which the refresh cookie still works: a guest registered in place, a role changed. */
const RENEWED_SESSION_REASONS: ReadonlySet<string> = new Set(['upgraded', 'role_changed']);

export interface ChatConnectionOptions {
  session: SessionPort;
  createHub: (accessTokenFactory: () => Promise<string>) => HubLike;
  heartbeatMs?: number;
  catchUpGraceMs?: number;
}

/** A joined room's answer after a reconnect: what changed while away (or why re-joining failed). */
export type RejoinListener = (roomId: string, outcome: { result: JoinRoomResult } | { error: Error }) => void;

/** Changes a joined room missed while connected (lost broadcasts), oldest first. */
export type CatchUpListener = (roomId: string, result: CatchUpResult) => void;

export const HEARTBEAT_MS = 30_000;

export class ChatConnection {
  readonly #options: ChatConnectionOptions;
  #hub: HubLike | null = null;
  #starting: Promise<void> | null = null;
  #state: ConnectionState = 'disconnected';
  #heartbeat: ReturnType<typeof setInterval> | null = null;
  /** Joined rooms and how far each has applied the server's changes. */
  readonly #rooms: RoomSync;
  readonly #stateListeners = new Set<() => void>();
  readonly #eventListeners = new Map<HubEventName, Set<(payload: never) => void>>();
  readonly #rejoinListeners = new Set<RejoinListener>();
  readonly #catchUpListeners = new Set<CatchUpListener>();

  constructor(options: ChatConnectionOptions) {
    this.#options = options;
    this.#rooms = new RoomSync({
      catchUp: (roomId, after) => {
        if (this.#state !== 'connected') return Promise.reject(new Error('Not connected to the chat server.'));
        return this.#invoke<CatchUpResult>(this.#requireHub(), HubMethods.CatchUp, roomId, after);
      },
      deliver: (roomId, result) => {
        for (const listener of this.#catchUpListeners) listener(roomId, result);
      },
      graceMs: options.catchUpGraceMs,
    });
    options.session.subscribe(() => {
      if (options.session.getState().status === 'signedOut') void this.stop();
    });
  }

  // Arrow properties so React can take them unbound (useSyncExternalStore).
  readonly subscribe = (listener: () => void): (() => void) => {
    this.#stateListeners.add(listener);
    return () => this.#stateListeners.delete(listener);
  };

  readonly getState = (): ConnectionState => this.#state;

  /** Listens to one hub event; returns the unsubscribe. */
  on<E extends HubEventName>(event: E, handler: (payload: HubEventPayloads[E]) => void): () => void {
    let set = this.#eventListeners.get(event);
    if (!set) {
      set = new Set();
      this.#eventListeners.set(event, set);
    }
    const listeners = set;
    listeners.add(handler);
    return () => listeners.delete(handler);
  }

  onRejoined(listener: RejoinListener): () => void {
    this.#rejoinListeners.add(listener);
    return () => this.#rejoinListeners.delete(listener);
  }

  onCaughtUp(listener: CatchUpListener): () => void {
    this.#catchUpListeners.add(listener);
    return () => this.#catchUpListeners.delete(listener);
  }

  /** Starts the connection if needed (shared by concurrent callers). */
  start(): Promise<void> {
    if (this.#state === 'connected' && this.#hub) return Promise.resolve();
    this.#starting ??= this.#start().finally(() => {
      this.#starting = null;
    });
    return this.#starting;
  }

  async #start(): Promise<void> {
    const hub = (this.#hub ??= this.#createHub());
    this.#setState('connecting');
    try {
      await hub.start();
    } catch (error) {
      this.#setState('disconnected');
      throw error;
    }
    this.#connected();
  }

  /** Joins a room and remembers it, so a reconnect re-joins it with catch-up. */
  async joinRoom(roomId: string): Promise<JoinRoomResult> {
    await this.start();
    const hub = this.#requireHub();
    // Tracked before the answer: changes broadcast while it is on its way count too.
    this.#rooms.track(roomId);
    let result: JoinRoomResult;
    try {
      result = await this.#invoke<JoinRoomResult>(hub, HubMethods.JoinRoom, roomId, null);
    } catch (error) {
      if (this.#rooms.applied(roomId) === null) this.#rooms.forget(roomId);
      throw error;
    }
    // A fresh join answers with history: its hasMore is about older messages, not about changes.
    this.#rooms.joined(roomId, result.changeSeq, false);
    return result;
  }

  async leaveRoom(roomId: string): Promise<void> {
    if (!this.#rooms.has(roomId)) return;
    this.#rooms.forget(roomId);
    if (this.#state === 'connected' && this.#hub) await this.#hub.invoke(HubMethods.LeaveRoom, roomId);
  }

  /**
   * Idempotent by clientMessageId. A reply or a message with files (its content may then be empty) goes as
   * SendMessageWith; a plain one keeps the plain, smaller call.
   */
  async sendMessage(roomId: string, content: string, clientMessageId: string, extras?: MessageExtras): Promise<SendAck> {
    await this.start();
    const hub = this.#requireHub();
    return extras?.replyToId != null || (extras?.attachmentIds?.length ?? 0) > 0
      ? this.#invoke<SendAck>(hub, HubMethods.SendMessageWith, roomId, content, clientMessageId, extras)
      : this.#invoke<SendAck>(hub, HubMethods.SendMessage, roomId, content, clientMessageId);
  }

  /** Fire and forget: a lost typing signal is harmless. */
  typing(roomId: string, isTyping: boolean): void {
    if (this.#state !== 'connected' || !this.#hub) return;
    this.#hub.send(HubMethods.Typing, roomId, isTyping).catch(() => undefined);
  }

  /** Every change of a joined room up to this one has been applied: what a re-join or a catch-up asks after. */
  appliedChangeSeq(roomId: string): number | null {
    return this.#rooms.applied(roomId);
  }

  async stop(): Promise<void> {
    this.#rooms.clear();
    this.#stopHeartbeat();
    // Also without a hub: one being renewed (#renewSession) has none for a moment, and its state is 'reconnecting'.
    this.#setState('disconnected');
    const hub = this.#hub;
    if (!hub) return;
    this.#hub = null;
    await hub.stop().catch(() => undefined);
  }

  /** After automatic reconnect gave up: start again and re-join every room still open. */
  async reconnect(): Promise<void> {
    await this.start();
    await this.#rejoinAll();
  }

  /**
   * The server closes this connection (its token names a session or role that no longer holds), but the person is
   * still signed in: a fresh token from the refresh cookie, then a new connection that re-joins every room after the
   * last change applied, as after any reconnect. Only when the refresh fails does the session end here.
   */
  async #renewSession(): Promise<void> {
    // Asked first: a hub started meanwhile (a page joining a room) waits for this token instead of the revoked one.
    const refreshed = this.#options.session.refresh();
    // The rooms stay, with how far each has applied: the new hub re-joins them.
    const hub = this.#hub;
    this.#hub = null;
    this.#stopHeartbeat();
    this.#setState('reconnecting');
    await hub?.stop().catch(() => undefined);
    // Down or rate limited: nothing tells whether the session survived, so it is treated as ended.
    if (!(await refreshed.catch(() => false))) {
      void this.stop();
      this.#options.session.end('Your session has ended. Sign in again.');
      return;
    }
    // A failed start leaves the state 'disconnected', where the page offers to reconnect.
    await this.reconnect().catch(() => undefined);
  }

  #createHub(): HubLike {
    const { session } = this.#options;
    const hub = this.#options.createHub(async () => (await session.getAccessToken()) ?? '');
    // A hub replaced by a new one (see #renewSession) may still report its closing: only the current one speaks.
    const current = () => this.#hub === hub;
    for (const name of Object.values(HubEvents)) {
      hub.on(name, (payload: unknown) => {
        if (current()) this.#dispatch(name, payload);
      });
    }
    hub.onreconnecting(() => {
      if (!current()) return;
      this.#stopHeartbeat();
      this.#setState('reconnecting');
    });
    hub.onreconnected(() => {
      if (!current()) return;
      this.#connected();
      void this.#rejoinAll();
    });
    hub.onclose(() => {
      if (!current()) return;
      this.#stopHeartbeat();
      this.#setState('disconnected');
    });
    return hub;
  }

  #dispatch(name: HubEventName, payload: unknown): void {
    this.#rooms.observe(name, payload);
    if (name === HubEvents.SessionRevoked) {
      const { reason } = payload as SessionRevokedEvent;
      if (RENEWED_SESSION_REASONS.has(reason)) {
        void this.#renewSession();
      } else {
        void this.stop();
        this.#options.session.end(reason ? `Your session has ended: ${reason}` : 'Your session has ended. Sign in again.');
      }
    }
    if (name === HubEvents.ModerationNotice) {
      // The server has already taken this connection out of the room: a reconnect must not re-join it.
      const { kind, roomId } = payload as ModerationNoticeEvent;
      if (kind === 'Kick' && roomId !== null) this.#rooms.forget(roomId);
    }
    for (const listener of this.#eventListeners.get(name) ?? []) (listener as (payload: unknown) => void)(payload);
  }

  async #rejoinAll(): Promise<void> {
    const hub = this.#hub;
    if (!hub) return;
    await Promise.all(
      this.#rooms.roomIds().map(async (roomId) => {
        try {
          const after = this.#rooms.applied(roomId);
          const result = await this.#invoke<JoinRoomResult>(hub, HubMethods.JoinRoom, roomId, after);
          if (!this.#rooms.has(roomId)) return; // left meanwhile
          for (const listener of this.#rejoinListeners) listener(roomId, { result });
          this.#rooms.joined(roomId, result.changeSeq, after !== null && result.hasMore);
        } catch (error) {
          const failure = error instanceof Error ? error : new Error(String(error));
          for (const listener of this.#rejoinListeners) listener(roomId, { error: failure });
        }
      }),
    );
  }

  /** Invokes a hub method; an answer that the session is over (auth.session_ended) ends it here too. */
  async #invoke<T>(hub: HubLike, method: string, ...args: unknown[]): Promise<T> {
    try {
      return await hub.invoke<T>(method, ...args);
    } catch (error) {
      const info = hubError(error);
      if (info && endsSession(info.code)) {
        void this.stop();
        this.#options.session.end(info.detail);
      }
      throw error;
    }
  }

  #connected(): void {
    this.#setState('connected');
    this.#stopHeartbeat();
    this.#heartbeat = setInterval(() => {
      if (this.#state === 'connected') this.#hub?.send(HubMethods.Heartbeat).catch(() => undefined);
    }, this.#options.heartbeatMs ?? HEARTBEAT_MS);
  }

  #stopHeartbeat(): void {
    if (this.#heartbeat !== null) clearInterval(this.#heartbeat);
    this.#heartbeat = null;
  }

  #requireHub(): HubLike {
    if (!this.#hub) throw new Error('Not connected to the chat server.');
    return this.#hub;
  }

  #setState(state: ConnectionState): void {
    if (this.#state === state) return;
    this.#state = state;
    for (const listener of this.#stateListeners) listener();
  }
}

/** The page's one hub connection. */
export const chatConnection = new ChatConnection({ session: defaultSession, createHub: createSignalRHub });
