import type { RoomInfo } from '../../realtime/contracts.ts';
import { MuteToggle } from '../notifications/MuteToggle.tsx';
import { PageHeading } from '../PageHeading.tsx';

/** The room's name, language, topic and rules; RoomUpdated replaces `info` when an admin changes them. */
export function RoomHeader({ info }: { info: RoomInfo | null }) {
  return (
    <header className="chat-header">
      <PageHeading>{info?.name ?? 'Room'}</PageHeading>
      {info && (
        <p className="chat-room-meta">
          <span className="room-language" title="Language">
            {info.languageCode}
          </span>
          {info.topic && <span className="chat-topic">{info.topic}</span>}
          {info.slowModeSeconds > 0 && (
            <span className="chat-rule">Slow mode: one message every {slowModeText(info.slowModeSeconds)}</span>
          )}
          {info.adultsOnly && <span className="chat-rule">18+: for members whose age is verified</span>}
          {info.moderationMode === 'PreModerated' && (
            <span className="chat-rule">Messages appear after a moderator approves them</span>
          )}
          <MuteToggle roomId={info.id} />
        </p>
      )}
    </header>
  );
}

function slowModeText(seconds: number): string {
  if (seconds === 1) return 'second';
  if (seconds % 60 === 0) return seconds === 60 ? 'minute' : `${String(seconds / 60)} minutes`;
  return `${String(seconds)} seconds`;
}
