// Test helper: a HubConnection stand-in whose events the test raises, answering invocations with `invoke`.
import { act } from '@testing-library/react';
import type { Session } from '../api/session.ts';
import { ChatConnection } from '../realtime/connection.ts';
import type { HubLike } from '../realtime/signalRHub.ts';

export type Invoke = (method: string, args: unknown[]) => Promise<unknown>;

export function fakeConnection(session: Session, invoke: Invoke = () => Promise.resolve(undefined)) {
  const handlers = new Map<string, (payload: unknown) => void>();
  const invocations: { method: string; args: unknown[] }[] = [];
  let reconnecting: (() => void) | null = null;
  let reconnected: (() => void) | null = null;
  const hub: HubLike = {
    start: () => Promise.resolve(),
    stop: () => Promise.resolve(),
    on: (name, handler) => handlers.set(name, handler),
    invoke: <T,>(method: string, ...args: unknown[]) => {
      invocations.push({ method, args });
      return invoke(method, args) as Promise<T>;
    },
    send: () => Promise.resolve(),
    onreconnecting: (callback) => {
      reconnecting = callback;
    },
    onreconnected: (callback) => {
      reconnected = callback;
    },
    onclose: () => undefined,
  };
  const connection = new ChatConnection({ session, createHub: () => hub, heartbeatMs: 60_000 });
  return {
    connection,
    /** Every method invoked on the hub, in order. */
    invocations,
    /** Raises a hub event; the hub's handlers exist once the connection has started. */
    raise: (name: string, payload: unknown) => {
      act(() => handlers.get(name)?.(payload));
    },
    /** The transport drops and SignalR's automatic reconnect succeeds. */
    dropAndReconnect: () => {
      act(() => {
        reconnecting?.();
        reconnected?.();
      });
    },
  };
}

/** A failed hub call as the SignalR client reports it: the server's JSON error inside the client's sentence. */
export function hubException(method: string, code: string, detail: string, retryAfter: number | null = null): Error {
  const body = JSON.stringify({ code, detail, retryAfter });
  return new Error(`An unexpected error occurred invoking '${method}' on the server. HubException: ${body}`);
}
