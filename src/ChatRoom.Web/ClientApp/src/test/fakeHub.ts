// Test helper: a HubConnection stand-in whose events the test raises, answering invocations with `invoke`.
import { act } from '@testing-library/react';
import type { Session } from '../api/session.ts';
import { ChatConnection, type HubLike } from '../realtime/connection.ts';

export type Invoke = (method: string, args: unknown[]) => Promise<unknown>;

export function fakeConnection(session: Session, invoke: Invoke = () => Promise.resolve(undefined)) {
  const handlers = new Map<string, (payload: unknown) => void>();
  const hub: HubLike = {
    start: () => Promise.resolve(),
    stop: () => Promise.resolve(),
    on: (name, handler) => handlers.set(name, handler),
    invoke: <T,>(method: string, ...args: unknown[]) => invoke(method, args) as Promise<T>,
    send: () => Promise.resolve(),
    onreconnecting: () => undefined,
    onreconnected: () => undefined,
    onclose: () => undefined,
  };
  const connection = new ChatConnection({ session, createHub: () => hub, heartbeatMs: 60_000 });
  return {
    connection,
    /** Raises a hub event; the hub's handlers exist once the connection has started. */
    raise: (name: string, payload: unknown) => {
      act(() => handlers.get(name)?.(payload));
    },
  };
}
