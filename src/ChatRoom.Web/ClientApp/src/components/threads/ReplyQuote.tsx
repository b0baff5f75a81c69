import { nameOf, type ReplyPreview } from '../../realtime/contracts.ts';
import '../../styles/threads.css';

/** How much of the excerpt the quote's name reads out; the box shows two lines of it. */
const NAMED_EXCERPT = 100;

/** "Reply to NAME: EXCERPT" (the excerpt cut to 100 characters with "…"): the quote's accessible name. */
export function quoteLabel(replyTo: ReplyPreview): string {
  const excerpt = replyTo.excerpt.length > NAMED_EXCERPT ? `${replyTo.excerpt.slice(0, NAMED_EXCERPT)}…` : replyTo.excerpt;
  return `Reply to ${nameOf(replyTo.author)}: ${excerpt}`;
}

/**
 * What a reply answers, above its text: the original's author and the start of its text. Activating it goes to the
 * original (or its thread). A deleted original is only said to be gone: there is nothing to go to.
 */
export function ReplyQuote({ replyTo, onActivate }: { replyTo: ReplyPreview; onActivate?: (replyTo: ReplyPreview) => void }) {
  if (replyTo.deleted) {
    return (
      <p className="reply-quote reply-quote-deleted">
        <span aria-hidden="true">↩ </span>Original message deleted
      </p>
    );
  }
  const body = (
    <>
      <span className="reply-quote-author">{nameOf(replyTo.author)}</span>
      <span className="reply-quote-excerpt">{replyTo.excerpt}</span>
    </>
  );
  if (!onActivate) {
    return (
      <p className="reply-quote">
        <span className="visually-hidden">Reply to </span>
        <span className="reply-quote-author">{nameOf(replyTo.author)}</span>
        <span className="visually-hidden">: </span>
        <span className="reply-quote-excerpt">{replyTo.excerpt}</span>
      </p>
    );
  }
  return (
    <button
      type="button"
      className="reply-quote"
      aria-label={quoteLabel(replyTo)}
      onClick={() => {
        onActivate(replyTo);
      }}
    >
      {body}
    </button>
  );
}

/** "3 replies" under an original: opens its thread. */
export function ReplyCount({ count, onOpen }: { count: number; onOpen: () => void }) {
  if (count <= 0) return null;
  const text = count === 1 ? '1 reply' : `${String(count)} replies`;
  return (
    <button type="button" className="reply-count" aria-label={`${text}, open thread`} onClick={onOpen}>
      <span aria-hidden="true">💬 </span>
      {text}
    </button>
  );
}

/** Above the composer while replying: to whom and what, and how to stop (Escape in the box does the same). */
export function ReplyBar({ id, replyTo, onCancel }: { id: string; replyTo: ReplyPreview; onCancel: () => void }) {
  const name = nameOf(replyTo.author);
  return (
    <div className="composer-reply" role="group" aria-label={`Replying to ${name}`}>
      <p id={id} className="composer-reply-text">
        <span className="composer-reply-to">Replying to {name}</span>
        <span className="visually-hidden">: </span>
        <span className="composer-reply-excerpt">{replyTo.excerpt}</span>
      </p>
      <button type="button" className="link-button composer-reply-cancel" onClick={onCancel}>
        Cancel reply
      </button>
    </div>
  );
}
