import { useEffect, useRef, useState, type RefObject } from 'react';
import { previewOf, type MessageDto, type ReplyPreview } from '../../realtime/contracts.ts';

// How long an original brought into view from a quote stays marked.
const HIGHLIGHT_MS = 2500;

/**
 * What the room page holds about replies: the message the composer is replying to, the open thread (and the
 * control that opened it, for focus to go back to), and the original just brought into view from a quote.
 */
export function useReplyState(composer: RefObject<HTMLTextAreaElement | null>, loadedIds: ReadonlySet<string>) {
  const [replyingTo, setReplyingTo] = useState<ReplyPreview | null>(null);
  const [threadId, setThreadId] = useState<string | null>(null);
  const [highlightId, setHighlightId] = useState<string | null>(null);
  const opener = useRef<HTMLElement | null>(null);

  useEffect(() => {
    if (highlightId === null) return;
    const timer = setTimeout(() => {
      setHighlightId(null);
    }, HIGHLIGHT_MS);
    return () => {
      clearTimeout(timer);
    };
  }, [highlightId]);

  function openThread(messageId: string) {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setThreadId(messageId);
  }

  return {
    replyingTo,
    /** Reply mode: the composer quotes `message` and takes the keyboard. */
    startReply: (message: MessageDto) => {
      setReplyingTo(previewOf(message));
      composer.current?.focus();
    },
    cancelReply: () => {
      setReplyingTo(null);
      composer.current?.focus();
    },
    /** After a send: the next message is not a reply unless asked again. */
    replySent: () => {
      setReplyingTo(null);
    },
    threadId,
    openThread,
    closeThread: () => {
      setThreadId(null);
      // Back to what opened it ("N replies", a quote); gone meanwhile (scrolled out of a virtual list): the composer.
      const back = opener.current;
      opener.current = null;
      if (back?.isConnected) back.focus();
      else composer.current?.focus();
    },
    highlightId,
    /** A quote was activated: its original is brought into view when loaded, else its thread opens. */
    showOriginal: (replyTo: ReplyPreview) => {
      if (loadedIds.has(replyTo.messageId)) {
        setHighlightId(replyTo.messageId);
      } else {
        openThread(replyTo.messageId);
      }
    },
  };
}
