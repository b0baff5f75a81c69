import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Session, SessionState } from '../api/session.ts';
import { ChatConnection } from './connection.ts';
import { HubEvents } from './hubEvents.ts';
import { reconnectDelay, type HubLike } from './signalRHub.ts';
import type { JoinRoomResult, MessageDto } from './contracts.ts';
import { signedIn } from '../test/fakeApi.ts';
import { fakeConnection, hubException } from '../test/fakeHub.ts';

/** A HubConnection stand-in: records invocations, lets the test raise events and reconnects. */
class FakeHub implements HubLike {
  readonly handlers = new Map<string, (payload: unknown) => void>();
  readonly invocations: { method: string; args: unknown[] }[] = [];
  readonly sent: { method: string; args: unknown[] }[] = [];
  #reconnecting: (() => void) | null = null;
  #reconnected: (() => void) | null = null;
  #closed: (() => void) | null = null;
  changeSeq = 10;

  start = vi.fn(() => Promise.resolve());
  stop = vi.fn(() => Promise.resolve());
  on(methodName: string, handler: (payload: unknown) => void) {
    this.handlers.set(methodName, handler);
  }
  invoke<T>(method: string, ...args: unknown[]): Promise<T> {
    this.invocations.push({ method, args });
    const result: JoinRoomResult = {
      room: {
        id: String(args[0]),
        loungeId: 'l1',
        slug: 's',
        name: 'Room',
        languageCode: 'en',
        topic: null,
        moderationMode: 'Post',
        slowModeSeconds: 0,
        guestsCanWrite: true,
        requiresVerifiedPhone: false,
  adultsOnly: false,
  kind: 'Lounge',
      },
      online: [],
      messages: [],
      changeSeq: this.changeSeq,
      hasMore: false,
    };
    if (method === 'CatchUp') return Promise.resolve({ messages: [], changeSeq: this.changeSeq, hasMore: false } as T);
    return Promise.resolve((method === 'JoinRoom' ? result : undefined) as T);
  }
  send(method: string, ...args: unknown[]) {
    this.sent.push({ method, args });
    return Promise.resolve();
  }
  onreconnecting(callback: () => void) {
    this.#reconnecting = callback;
  }
  onreconnected(callback: () => void) {
    this.#reconnected = callback;
  }
  onclose(callback: () => void) {
    this.#closed = callback;
  }
  raise(event: string, payload: unknown) {
    this.handlers.get(event)?.(payload);
  }
  dropAndReconnect() {
    this.#reconnecting?.();
    this.#reconnected?.();
  }
  close() {
    this.#closed?.();
  }
}

function fakeSession() {
  let state: SessionState = { status: 'signedIn', user: { id: 'u1', userName: 'me', displayName: null, avatarUrl: null, role: 'User', createdAt: '', phoneVerified: false, ageVerified: false } };
  const listeners = new Set<() => void>();
  return {
    getAccessToken: vi.fn(() => Promise.resolve('token-1')),
    getState: () => state,
    subscribe: (listener: () => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    end: vi.fn((notice: string) => {
      state = { status: 'signedOut', notice };
      for (const listener of listeners) listener();
    }),
    refresh: vi.fn(() => Promise.resolve(true)),
  } satisfies Pick<Session, 'getAccessToken' | 'getState' | 'subscribe' | 'end' | 'refresh'>;
}

function setup() {
  const hub = new FakeHub();
  const session = fakeSession();
  let tokenFactory: (() => Promise<string>) | null = null;
  const connection = new ChatConnection({
    session,
    createHub: (factory) => {
      tokenFactory = factory;
      return hub;
    },
    heartbeatMs: 1000,
  });
  return { hub, session, connection, token: () => tokenFactory?.() };
}

function change(roomId: string, changeSeq: number): MessageDto {
  return {
    id: `m${String(changeSeq)}`,
    roomId,
    seq: changeSeq,
    changeSeq,
    author: { id: 'u2', userName: 'bob', displayName: null, avatarUrl: null, role: 'User', phoneVerified: false },
    content: 'hi',
    status: 'Approved',
    clientMessageId: `c${String(changeSeq)}`,
    createdAt: '2025-01-01T00:00:00Z',
    editedAt: null,
    deleted: false,
    replyCount: 0,
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('ChatConnection', () => {
  it('starts once, takes the token from the session and reports its state', async () => {
    const { hub, connection, token } = setup();
    const states: string[] = [];
    connection.subscribe(() => states.push(connection.getState()));

    await Promise.all([connection.joinRoom('r1'), connection.joinRoom('r2')]);

    expect(hub.start).toHaveBeenCalledTimes(1);
    expect(await token()).toBe('token-1');
    expect(states).toEqual(['connecting', 'connected']);
    expect(hub.invocations).toEqual([
      { method: 'JoinRoom', args: ['r1', null] },
      { method: 'JoinRoom', args: ['r2', null] },
    ]);
  });

  it('re-joins joined rooms after a reconnect after the last change applied without a hole in each', async () => {
    const { hub, connection } = setup();
    const rejoined = vi.fn();
    connection.onRejoined(rejoined);
    await connection.joinRoom('r1');
    await connection.joinRoom('r2');
    await connection.joinRoom('r3');
    await connection.leaveRoom('r3');

    hub.raise(HubEvents.MessageCreated, change('r1', 11));
    hub.raise(HubEvents.MessageDeleted, { roomId: 'r1', messageId: 'm9', seq: 9, changeSeq: 13 });
    hub.raise(HubEvents.MessageUpdated, change('r1', 12)); // fills the hole before 13
    hub.raise(HubEvents.MessageCreated, change('r1', 15)); // past a hole: 14 may be lost
    hub.raise(HubEvents.MessageCreated, change('elsewhere', 99)); // not joined: ignored
    expect(connection.appliedChangeSeq('r1')).toBe(13);
    hub.invocations.length = 0;

    const states: string[] = [];
    connection.subscribe(() => states.push(connection.getState()));
    hub.changeSeq = 20;
    hub.dropAndReconnect();
    await vi.waitFor(() => {
      expect(rejoined).toHaveBeenCalledTimes(2);
    });

    expect(states).toEqual(['reconnecting', 'connected']);
    expect(hub.invocations).toEqual([
      { method: 'JoinRoom', args: ['r1', 13] },
      { method: 'JoinRoom', args: ['r2', 10] },
    ]);
    expect(rejoined).toHaveBeenCalledWith('r1', { result: expect.objectContaining({ changeSeq: 20 }) as unknown });
    expect(connection.appliedChangeSeq('r1')).toBe(20);
  });

  it('delivers events to listeners until they unsubscribe', async () => {
    const { hub, connection } = setup();
    const listener = vi.fn();
    const off = connection.on(HubEvents.MessageCreated, listener);
    await connection.joinRoom('r1');
    hub.raise(HubEvents.MessageCreated, change('r1', 11));
    off();
    hub.raise(HubEvents.MessageCreated, change('r1', 12));
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('sends a heartbeat every interval while connected only', async () => {
    vi.useFakeTimers();
    const { hub, connection } = setup();
    await connection.joinRoom('r1');
    vi.advanceTimersByTime(2500);
    expect(hub.sent.filter((s) => s.method === 'Heartbeat')).toHaveLength(2);
    hub.close();
    vi.advanceTimersByTime(5000);
    expect(hub.sent.filter((s) => s.method === 'Heartbeat')).toHaveLength(2);
    expect(connection.getState()).toBe('disconnected');
  });

  it('stops and ends the session when the server revokes it', async () => {
    const { hub, session, connection } = setup();
    await connection.joinRoom('r1');
    hub.raise(HubEvents.SessionRevoked, { reason: 'Signed out everywhere.' });
    expect(session.end).toHaveBeenCalledWith('Your session has ended: Signed out everywhere.');
    await vi.waitFor(() => {
      expect(hub.stop).toHaveBeenCalled();
    });
    expect(connection.getState()).toBe('disconnected');
    expect(connection.appliedChangeSeq('r1')).toBeNull();
  });
});

describe('moderation and room events', () => {
  it('registers every event name with the hub', async () => {
    const { hub, connection } = setup();
    await connection.joinRoom('r1');
    expect([...hub.handlers.keys()]).toEqual(expect.arrayContaining(['ModerationNotice', 'RoomUpdated']));
  });

  it('delivers room changes and moderation notices to listeners', async () => {
    const { hub, connection } = setup();
    const updated = vi.fn();
    const noticed = vi.fn();
    connection.on(HubEvents.RoomUpdated, updated);
    connection.on(HubEvents.ModerationNotice, noticed);
    await connection.joinRoom('r1');
    const warn = { kind: 'Warn', roomId: null, reason: 'Be kind.', expiresAt: null };
    hub.raise(HubEvents.ModerationNotice, warn);
    hub.raise(HubEvents.RoomUpdated, { id: 'r1', topic: 'New topic' });
    expect(noticed).toHaveBeenCalledWith(warn);
    expect(updated).toHaveBeenCalledWith({ id: 'r1', topic: 'New topic' });
  });

  it('does not re-join a room the user was kicked from after a reconnect', async () => {
    const { hub, connection } = setup();
    const rejoined = vi.fn();
    connection.onRejoined(rejoined);
    await connection.joinRoom('r1');
    await connection.joinRoom('r2');
    hub.raise(HubEvents.ModerationNotice, { kind: 'Kick', roomId: 'r1', reason: null, expiresAt: null });
    hub.invocations.length = 0;

    hub.dropAndReconnect();
    await vi.waitFor(() => {
      expect(rejoined).toHaveBeenCalledTimes(1);
    });
    expect(hub.invocations.map((i) => i.args[0])).toEqual(['r2']);
    expect(connection.appliedChangeSeq('r1')).toBeNull();
  });
});

describe('reconnectDelay', () => {
  it('retries at once, then backs off to every 30 seconds and never gives up', () => {
    expect(reconnectDelay(0, 0.5)).toBe(0);
    expect(reconnectDelay(1, 0.5)).toBe(2_000);
    expect(reconnectDelay(3, 0.5)).toBe(10_000);
    expect(reconnectDelay(4, 0.5)).toBe(30_000);
    expect(reconnectDelay(500, 0.5)).toBe(30_000);
    expect(reconnectDelay(500, 0)).toBe(24_000);
    expect(reconnectDelay(500, 1)).toBe(36_000);
  });
});

describe('a hub call the server refuses because the session is over', () => {
  it('ends the session here too, with the server’s detail', async () => {
    const session = await signedIn('User');
    const hub = fakeConnection(session, (method) =>
      Promise.reject(hubException(method, 'auth.session_ended', 'Your session was ended by an administrator.')),
    );

    await expect(hub.connection.joinRoom('r1')).rejects.toThrow(/auth\.session_ended/);

    expect(session.getState()).toEqual({ status: 'signedOut', notice: 'Your session was ended by an administrator.' });
    expect(hub.connection.getState()).toBe('disconnected');
  });
});
