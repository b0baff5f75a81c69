// The real SignalR HubConnection behind the small interface the connection uses.
import { HubConnectionBuilder, LogLevel } from '@microsoft/signalr';

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

