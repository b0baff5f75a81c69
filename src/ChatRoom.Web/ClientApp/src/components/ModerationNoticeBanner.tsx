import { useEffect, useState } from 'react';
import { useChatConnection } from '../realtime/ChatConnectionContext.tsx';
import { HubEvents } from '../realtime/hubEvents.ts';
import type { ModerationNoticeEvent } from '../realtime/contracts.ts';
import { useIdentityDecisions } from './useIdentityDecisions.ts';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** One sentence for what a moderator did to this user, with the reason when they gave one. */
export function describeNotice({ kind, reason, expiresAt }: ModerationNoticeEvent): string {
  const until = expiresAt === null ? null : dateTime.format(new Date(expiresAt));
  const because = reason?.trim() ? ` Reason: ${reason.trim()}` : '';
  switch (kind) {
    case 'Warn':
      return `A moderator sent you a warning.${because}`;
    case 'Mute':
      return `A moderator muted you${until === null ? '' : ` until ${until}`}: you cannot send messages meanwhile.${because}`;
    case 'Unmute':
      return 'A moderator lifted your mute: you can send messages again.';
    case 'Kick':
      return `A moderator removed you from the room.${because}`;
    case 'Ban':
      return `A moderator banned you${until === null ? '' : ` until ${until}`}.${because}`;
    case 'IdentityApproved':
      return `Your identity document was approved: you are age verified.${reason?.trim() ? ` Note: ${reason.trim()}` : ''}`;
    case 'IdentityRejected':
      return reason?.trim()
        ? `Your identity document was rejected: ${reason.trim()}`
        : 'Your identity document was rejected. You can send another one from your profile.';
  }
}

/**
 * Shows the latest moderation notice on whatever page is open, and keeps it there across navigation (a kick
 * sends the user from the room to the lounges) until they dismiss it.
 */
export function ModerationNoticeBanner() {
  const connection = useChatConnection();
  const [notice, setNotice] = useState<ModerationNoticeEvent | null>(null);

  useEffect(() => connection.on(HubEvents.ModerationNotice, setNotice), [connection]);
  useIdentityDecisions();

  // The alert region stays in the page, so each new notice is announced.
  return (
    <div role="alert" className={notice === null ? 'moderation-notice moderation-notice-empty' : 'moderation-notice notice'}>
      {notice !== null && (
        <>
          <p>{describeNotice(notice)}</p>
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setNotice(null);
            }}
          >
            Dismiss
          </button>
        </>
      )}
    </div>
  );
}
