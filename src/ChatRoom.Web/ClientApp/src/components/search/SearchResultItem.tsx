import { Fragment, useId, type Ref } from 'react';
import { Link } from 'react-router-dom';
import type { SearchHit, SnippetPart } from '../../api/search.ts';
import { nameOf } from '../../realtime/contracts.ts';
import { conversationPath } from '../../routing/paths.ts';

const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Where a hit was written, in words: "#room" for a lounge's room, "Direct message" for a conversation. */
export function hitPlace({ roomKind, roomName }: SearchHit): string {
  if (roomKind === 'Conversation') return 'Direct message';
  return roomKind === 'Lounge' ? `#${roomName}` : roomName;
}

/** The room or conversation that holds the hit's message. */
export function hitTarget({ roomKind, message }: SearchHit): string {
  return roomKind === 'Conversation' ? conversationPath(message.roomId) : `/rooms/${encodeURIComponent(message.roomId)}`;
}

/**
 * One hit: where, who and when, then the snippet as the link to its room. The link is named by the snippet's text
 * and described by the line above it.
 */
export function SearchResultItem({ hit, linkRef }: { hit: SearchHit; linkRef?: Ref<HTMLAnchorElement> | undefined }) {
  const metaId = useId();
  const { message } = hit;
  return (
    <li className="search-result">
      <p id={metaId} className="search-result-meta">
        <span className="search-result-place">{hitPlace(hit)}</span>
        <span aria-hidden="true" className="search-result-separator">
          {' · '}
        </span>
        <span className="search-result-author">{nameOf(message.author)}</span>
        <span aria-hidden="true" className="search-result-separator">
          {' · '}
        </span>
        <time dateTime={message.createdAt} className="search-result-time">
          {dateTimeFormat.format(new Date(message.createdAt))}
        </time>
      </p>
      <Link ref={linkRef} to={hitTarget(hit)} className="search-result-link" aria-describedby={metaId}>
        {hit.snippet.length > 0 ? <Snippet parts={hit.snippet} /> : message.content}
      </Link>
    </li>
  );
}

/**
 * The matched words in <mark>, the rest as plain text; every piece is React text, so markup in a message shows as
 * the characters it is. Spaces around a match stay outside its mark.
 */
export function Snippet({ parts }: { parts: readonly SnippetPart[] }) {
  return parts.map((part, index) => {
    if (!part.match) return <Fragment key={index}>{part.text}</Fragment>;
    const [, before = '', words = '', after = ''] = /^(\s*)([\s\S]*?)(\s*)$/.exec(part.text) ?? [];
    return (
      <Fragment key={index}>
        {before}
        <mark className="search-match">{words}</mark>
        {after}
      </Fragment>
    );
  });
}
