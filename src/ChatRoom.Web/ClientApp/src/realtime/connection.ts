// The one module that owns the hub connection (STYLE.md): the single list of event names, typed wrappers for
// the server's methods, the connection state for the UI, heartbeats, and re-joining rooms after a reconnect
// with the highest change sequence seen, so the server sends exactly what was missed.
import { HubConnectionBuilder, LogLevel } from '@microsoft/signalr';
import { session as defaultSession, type Session } from '../api/session.ts';
import type {
  JoinRoomResult,
  MessageDeletedEvent,
  MessageDto,
  ModerationNoticeEvent,
  PresenceEvent,
  RoomInfo,
  RoomMemberEvent,
  SendAck,
  SessionRevokedEvent,
  TypingEvent,
} from './contracts.ts';

/** Every event the hub sends; nothing else in the app spells these names. */
export const HubEvents = {
  MessageCreated: 'MessageCreated',
  MessageUpdated: 'MessageUpdated',
  MessageDeleted: 'MessageDeleted',
  UserJoined: 'UserJoined',
  UserLeft: 'UserLeft',
  Typing: 'Typing',
  PresenceChanged: 'PresenceChanged',
  SessionRevoked: 'SessionRevoked',
  ModerationNotice: 'ModerationNotice',
  RoomUpdated: 'RoomUpdated',
} as const;

export type HubEventName = (typeof HubEvents)[keyof typeof HubEvents];

export interface HubEventPayloads {
  MessageCreated: MessageDto;
  MessageUpdated: MessageDto;
  MessageDeleted: MessageDeletedEvent;
  UserJoined: RoomMemberEvent;
  UserLeft: RoomMemberEvent;
  Typing: TypingEvent;
  PresenceChanged: PresenceEvent;
  SessionRevoked: SessionRevokedEvent;
  ModerationNotice: ModerationNoticeEvent;
  RoomUpdated: RoomInfo;
}

const HubMethods = {
  JoinRoom: 'JoinRoom',
  LeaveRoom: 'LeaveRoom',
  SendMessage: 'SendMessage',
  Typing: 'Typing',
  Heartbeat: 'Heartbeat',
} as const;

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'disconnected';

/** The part of @microsoft/signalr's HubConnection used here; tests pass a fake. */
export interface HubLike {
  start(): Promise<void>;
  stop(): Promise<void>;
  on(methodName: string, handler: (...args: unknown[]) => void): void;
  invoke<T = unknown>(methodName: string, ...args: unknown[]): Promise<T>;
  send(methodName: string, ...args: unknown[]): Promise<void>;
  onreconnecting(callback: (error?: Error) => void): void;
  onreconnected(callback: (connectionId?: string) => void): void;
  onclose(callback: (error?: Error) => void): void;
}

type SessionPort = Pick<Session, 'getAccessToken' | 'subscribe' | 'getState' | 'end'>;

export interface ChatConnectionOptions {
  session: SessionPort;
  createHub: (accessTokenFactory: () => Promise<string>) => HubLike;
  heartbeatMs?: number;
}

/** A joined room's answer after a reconnect: what changed while away (or why re-joining failed). */
export type RejoinListener = (roomId: string, outcome: { result: JoinRoomResult } | { error: Error }) => void;

export const HEARTBEAT_MS = 30_000;

export class ChatConnection {
  readonly #options: ChatConnectionOptions;
  #hub: HubLike | null = null;
  #starting: Promise<void> | null = null;
  #state: ConnectionState = 'disconnected';
  #heartbeat: ReturnType<typeof setInterval> | null = null;
  /** Joined rooms and the highest changeSeq seen in each (null until the join answers). */
  readonly #rooms = new Map<string, number | null>();
  readonly #stateListeners = new Set<() => void>();
  readonly #eventListeners = new Map<HubEventName, Set<(payload: never) => void>>();
  readonly #rejoinListeners = new Set<RejoinListener>();

  constructor(options: ChatConnectionOptions) {
    this.#options = options;
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
    const result = await hub.invoke<JoinRoomResult>(HubMethods.JoinRoom, roomId, null);
    this.#rooms.set(roomId, maxChangeSeq(this.#rooms.get(roomId) ?? null, result));
    return result;
  }

  async leaveRoom(roomId: string): Promise<void> {
    if (!this.#rooms.delete(roomId)) return;
    if (this.#state === 'connected' && this.#hub) await this.#hub.invoke(HubMethods.LeaveRoom, roomId);
  }

  async sendMessage(roomId: string, content: string, clientMessageId: string): Promise<SendAck> {
    await this.start();
    return this.#requireHub().invoke<SendAck>(HubMethods.SendMessage, roomId, content, clientMessageId);
  }

  /** Fire and forget: a lost typing signal is harmless. */
  typing(roomId: string, isTyping: boolean): void {
    if (this.#state !== 'connected' || !this.#hub) return;
    this.#hub.send(HubMethods.Typing, roomId, isTyping).catch(() => undefined);
  }

  /** The highest changeSeq seen in a joined room (what a re-join would ask after). */
  lastChangeSeq(roomId: string): number | null {
    return this.#rooms.get(roomId) ?? null;
  }

  async stop(): Promise<void> {
    this.#rooms.clear();
    this.#stopHeartbeat();
    const hub = this.#hub;
    if (!hub) return;
    this.#hub = null;
    this.#setState('disconnected');
    await hub.stop().catch(() => undefined);
  }

  /** After automatic reconnect gave up: start again and re-join every room still open. */
  async reconnect(): Promise<void> {
    await this.start();
    await this.#rejoinAll();
  }

  #createHub(): HubLike {
    const { session } = this.#options;
    const hub = this.#options.createHub(async () => (await session.getAccessToken()) ?? '');
    for (const name of Object.values(HubEvents)) {
      hub.on(name, (payload: unknown) => {
        this.#dispatch(name, payload);
      });
    }
    hub.onreconnecting(() => {
      this.#stopHeartbeat();
      this.#setState('reconnecting');
    });
    hub.onreconnected(() => {
      this.#connected();
      void this.#rejoinAll();
    });
    hub.onclose(() => {
      this.#stopHeartbeat();
      this.#setState('disconnected');
    });
    return hub;
  }

  #dispatch(name: HubEventName, payload: unknown): void {
    this.#track(name, payload);
    if (name === HubEvents.SessionRevoked) {
      const { reason } = payload as SessionRevokedEvent;
      void this.stop();
      this.#options.session.end(reason ? `Your session has ended: ${reason}` : 'Your session has ended. Sign in again.');
    }
    if (name === HubEvents.ModerationNotice) {
      // The server has already taken this connection out of the room: a reconnect must not re-join it.
      const { kind, roomId } = payload as ModerationNoticeEvent;
      if (kind === 'Kick' && roomId !== null) this.#rooms.delete(roomId);
    }
    for (const listener of this.#eventListeners.get(name) ?? []) (listener as (payload: unknown) => void)(payload);
  }

  /** Keeps the highest changeSeq per joined room from the live events. */
  #track(name: HubEventName, payload: unknown): void {
    let change: { roomId: string; changeSeq: number } | null = null;
    if (name === HubEvents.MessageCreated || name === HubEvents.MessageUpdated) change = payload as MessageDto;
    else if (name === HubEvents.MessageDeleted) change = payload as MessageDeletedEvent;
    if (change === null || !this.#rooms.has(change.roomId)) return;
    const seen = this.#rooms.get(change.roomId) ?? null;
    if (seen === null || change.changeSeq > seen) this.#rooms.set(change.roomId, change.changeSeq);
  }

  async #rejoinAll(): Promise<void> {
    const hub = this.#hub;
    if (!hub) return;
    await Promise.all(
      [...this.#rooms].map(async ([roomId, after]) => {
        try {
          const result = await hub.invoke<JoinRoomResult>(HubMethods.JoinRoom, roomId, after);
          if (!this.#rooms.has(roomId)) return; // left meanwhile
          this.#rooms.set(roomId, maxChangeSeq(this.#rooms.get(roomId) ?? null, result));
          for (const listener of this.#rejoinListeners) listener(roomId, { result });
        } catch (error) {
          const failure = error instanceof Error ? error : new Error(String(error));
          for (const listener of this.#rejoinListeners) listener(roomId, { error: failure });
        }
      }),
    );
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

function maxChangeSeq(seen: number | null, result: JoinRoomResult): number {
  let max = Math.max(seen ?? 0, result.changeSeq);
  for (const message of result.messages) max = Math.max(max, message.changeSeq);
  return max;
}

/**
 * How long to wait before reconnect attempt n (0-based): at once, then 2, 5 and 10 s, then every 30 s without
 * giving up, so an Api restart or deployment longer than a minute still ends with the room caught up, not with a
 * dead "Disconnected" page. A little jitter keeps a whole room from reconnecting in the same instant.
 */
export function reconnectDelay(attempt: number, jitter: number = Math.random()): number {
  const base = [0, 2_000, 5_000, 10_000][attempt] ?? 30_000;
  return base === 0 ? 0 : Math.round(base * (0.8 + 0.4 * jitter));
}

/** The real HubConnection: same origin (ChatRoom.Web proxies /hubs), token as `access_token`. */
export function createSignalRHub(accessTokenFactory: () => Promise<string>): HubLike {
  return new HubConnectionBuilder()
    .withUrl('/hubs/chat', { accessTokenFactory })
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (context) => reconnectDelay(context.previousRetryCount) })
    .withStatefulReconnect()
    .configureLogging(LogLevel.Warning)
    .build();
}

/** The server's HubException text without the client's "An unexpected error occurred invoking…" prefix. */
export function describeHubError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const match = /HubException: ([\s\S]*)$/.exec(message);
  return (match?.[1] ?? message).trim() || 'Something went wrong.';
}

/** The page's one hub connection. */
export const chatConnection = new ChatConnection({ session: defaultSession, createHub: createSignalRHub });
