import { createContext, use, useSyncExternalStore } from 'react';
import { chatConnection, type ChatConnection, type ConnectionState } from './connection.ts';

/** The page's one connection; tests provide their own. */
export const ChatConnectionContext = createContext<ChatConnection>(chatConnection);

export function useChatConnection(): ChatConnection {
  return use(ChatConnectionContext);
}

export function useConnectionState(): ConnectionState {
  const connection = useChatConnection();
  return useSyncExternalStore(connection.subscribe, connection.getState);
}
