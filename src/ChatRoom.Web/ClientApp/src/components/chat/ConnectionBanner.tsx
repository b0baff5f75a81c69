import type { ReactNode } from 'react';

/** Says when the room is joining, reconnecting or cut off (with a way back); empty otherwise. */
export function ConnectionBanner({
  state,
  joining,
  place = 'the room',
  onReconnect,
}: {
  state: string;
  joining: boolean;
  /** What is being joined: "the room" or "the conversation". */
  place?: string;
  onReconnect: () => void;
}) {
  let content: ReactNode = null;
  if (joining) content = `Joining ${place}…`;
  else if (state === 'reconnecting' || state === 'connecting') content = 'Reconnecting…';
  else if (state === 'disconnected')
    content = (
      <>
        Disconnected from the chat server.{' '}
        <button type="button" onClick={onReconnect}>
          Reconnect
        </button>
      </>
    );
  return (
    <div
      role="status"
      aria-label="Connection"
      className={content === null ? 'connection-banner connection-banner-empty' : 'connection-banner'}
    >
      {content}
    </div>
  );
}
