import { useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { createPortal } from 'react-dom';
import type { ReactionEmoji } from '../../api/reactions.ts';
import { describeError } from '../../api/problems.ts';
import { useReactionEmoji } from './useReactions.ts';

/** Emoji per row of the grid: what the arrow keys move by up and down (the CSS lays them out the same). */
const COLUMNS = 8;

/**
 * What an emoji's button is called: the first two of the words it is found by, which name it ("thumbs up yes like" →
 * "thumbs up", "red heart love" → "red heart"); the rest are synonyms for the search (shown as its tooltip).
 */
export function emojiLabel({ name }: ReactionEmoji): string {
  return name.trim().split(/\s+/).slice(0, 2).join(' ');
}

/**
 * A small non-modal popover: a search box filtering by the emoji's words, and the emoji as buttons. Focus starts in
 * the search box; arrows move between emoji, Escape (or a click outside it and its `anchor`) closes and gives focus
 * back to "React". It is put at the end of the page, in the middle of the window: inside the scrolling message list
 * (whose rows are positioned by transforms) it would be cut off or misplaced.
 */
export function ReactionPicker({
  id,
  anchor,
  onPick,
  onClose,
}: {
  id: string;
  anchor: RefObject<HTMLElement | null>;
  onPick: (emoji: string) => void;
  onClose: () => void;
}) {
  const emoji = useReactionEmoji(true);
  const [search, setSearch] = useState('');
  const panel = useRef<HTMLDivElement>(null);
  const grid = useRef<HTMLUListElement>(null);

  useEffect(() => {
    const closeOnOutsideClick = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!panel.current?.contains(target) && !anchor.current?.contains(target)) onClose();
    };
    document.addEventListener('pointerdown', closeOnOutsideClick);
    return () => {
      document.removeEventListener('pointerdown', closeOnOutsideClick);
    };
  }, [anchor, onClose]);

  const words = search.trim().toLowerCase();
  const shown = (emoji.data ?? []).filter((e) => words === '' || e.name.toLowerCase().includes(words) || e.emoji === words);

  function keyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose();
      return;
    }
    const buttons = [...(grid.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const inSearch = event.target instanceof HTMLInputElement;
    const step = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: COLUMNS, ArrowUp: -COLUMNS }[event.key];
    if (step === undefined || buttons.length === 0) return;
    // From the search box only Down leads into the grid; Left and Right move the caret there.
    if (inSearch && event.key !== 'ArrowDown') return;
    event.preventDefault();
    const next = inSearch ? 0 : Math.min(buttons.length - 1, Math.max(0, at + step));
    buttons[next]?.focus();
  }

  return createPortal(
    <div ref={panel} id={id} role="dialog" aria-label="Choose a reaction" className="reaction-picker" onKeyDown={keyDown}>
      <label className="field">
        <span>Search reactions</span>
        <input
          type="search"
          value={search}
          // Focus belongs in the picker the user just opened.
          autoFocus
          onChange={(event) => {
            setSearch(event.target.value);
          }}
        />
      </label>
      {emoji.isError ? (
        <p role="alert" className="message-error">
          Could not load the reactions: {describeError(emoji.error)}
        </p>
      ) : emoji.data === undefined ? (
        <p role="status">Loading reactions…</p>
      ) : shown.length === 0 ? (
        <p role="status">No reaction matches “{search.trim()}”.</p>
      ) : (
        <ul ref={grid} className="reaction-grid" aria-label="Reactions to choose from">
          {shown.map((e) => (
            <li key={e.emoji}>
              <button
                type="button"
                className="reaction-choice"
                aria-label={`React with ${emojiLabel(e)}`}
                title={e.name}
                onClick={() => {
                  onPick(e.emoji);
                }}
              >
                {e.emoji}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>,
    document.body,
  );
}
