const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

export function formatTime(iso: string): string {
  return timeFormat.format(new Date(iso));
}

/**
 * Who wrote a message and when. A continued message (same author, moments later) shows only its time, in the
 * gutter on hover; its author stays in the text for screen readers, so each message still says who wrote it. Its
 * "(edited)" goes after its text (MessageItem).
 */
export function MessageMeta({
  author,
  verified,
  createdAt,
  edited,
  continued = false,
}: {
  author: string;
  verified: boolean;
  createdAt: string;
  edited: boolean;
  continued?: boolean;
}) {
  if (continued) {
    return (
      <div className="message-meta message-meta-continued">
        <span className="visually-hidden">{author}, </span>
        <time dateTime={createdAt} className="message-time">
          {formatTime(createdAt)}
        </time>
      </div>
    );
  }
  return (
    <div className="message-meta">
      <span className="message-author">{author}</span>
      {verified && <VerifiedMark />}{' '}
      <time dateTime={createdAt} className="message-time">
        {formatTime(createdAt)}
      </time>
      {edited && <span className="message-edited"> (edited)</span>}
    </div>
  );
}

/** The account proved a phone number; the number itself is never shown. */
export function VerifiedMark() {
  return (
    <span className="verified-mark" title="Verified phone" role="img" aria-label="verified phone">
      ✓
    </span>
  );
}
