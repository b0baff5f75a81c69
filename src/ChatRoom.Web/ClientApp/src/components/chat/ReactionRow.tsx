import { useId, useRef, useState } from 'react';
import type { ReactionSummary } from '../../api/reactions.ts';
import type { MessageDto } from '../../realtime/contracts.ts';
import { ReactionPicker } from './ReactionPicker.tsx';
import type { useReactionToggle } from './useReactions.ts';

/** How many reactors a chip's tooltip names before "and N others". */
const NAMED_REACTORS = 5;

export type ReactionToggle = ReturnType<typeof useReactionToggle>;

/**
 * A message's reactions as toggle buttons (pressed: the user is among the reactors), under its text. `nameOf` knows
 * the people seen in the room (authors, the online list); others are counted, not named.
 */
export function ReactionChips({
  message,
  meId,
  nameOf,
  toggle,
}: {
  message: MessageDto;
  meId: string | null;
  nameOf: (userId: string) => string | null;
  toggle: ReactionToggle;
}) {
  const { busy, error, react } = toggle;
  const reactions = (message.reactions ?? []).filter((r) => r.count > 0);
  if (reactions.length === 0 && error === null) return null;
  return (
    <div className="reactions">
      {reactions.length > 0 && (
        <ul className="reaction-list" aria-label="Reactions">
          {reactions.map((reaction) => {
            const mine = meId !== null && reaction.userIds.includes(meId);
            return (
              <li key={reaction.emoji}>
                <button
                  type="button"
                  className="reaction-chip"
                  aria-pressed={mine}
                  aria-label={chipLabel(reaction, mine)}
                  title={reactorsText(reaction, meId, nameOf)}
                  disabled={busy}
                  onClick={() => {
                    react(reaction.emoji, !mine);
                  }}
                >
                  <span aria-hidden="true">{reaction.emoji}</span> {reaction.count}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {error !== null && (
        <p role="alert" className="message-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** "React", opening the picker; one of the message's actions. Focus comes back here when the picker closes. */
export function ReactButton({ toggle, onPickerChange }: { toggle: ReactionToggle; onPickerChange?: (open: boolean) => void }) {
  const [picking, setPicking] = useState(false);
  const reactButton = useRef<HTMLButtonElement>(null);
  const pickerId = useId();

  function setOpen(open: boolean) {
    setPicking(open);
    onPickerChange?.(open);
  }

  return (
    <span className="reaction-picker-anchor">
      <button
        ref={reactButton}
        type="button"
        className="message-action"
        aria-expanded={picking}
        aria-controls={picking ? pickerId : undefined}
        disabled={toggle.busy}
        onClick={() => {
          setOpen(!picking);
        }}
      >
        React
      </button>
      {picking && (
        <ReactionPicker
          id={pickerId}
          anchor={reactButton}
          onPick={(emoji) => {
            setOpen(false);
            reactButton.current?.focus();
            // Picking one already given takes nothing back: only the chip toggles.
            toggle.react(emoji, true);
          }}
          onClose={() => {
            setOpen(false);
            reactButton.current?.focus();
          }}
        />
      )}
    </span>
  );
}

/** The chip's accessible name: "👍 2 reactions, including you". */
export function chipLabel({ emoji, count }: ReactionSummary, mine: boolean): string {
  return `${emoji} ${String(count)} ${count === 1 ? 'reaction' : 'reactions'}${mine ? ', including you' : ''}`;
}

/** Who reacted, as far as the room tells: "You, Bob and 3 others". */
export function reactorsText({ count, userIds }: ReactionSummary, meId: string | null, nameOf: (userId: string) => string | null): string {
  const named = userIds
    .map((id) => (id === meId ? 'You' : nameOf(id)))
    .filter((name): name is string => name !== null)
    .slice(0, NAMED_REACTORS);
  const others = count - named.length;
  if (named.length === 0) return `${String(count)} ${count === 1 ? 'person' : 'people'}`;
  if (others <= 0) return named.length === 1 ? (named[0] ?? '') : `${named.slice(0, -1).join(', ')} and ${named.at(-1) ?? ''}`;
  return `${named.join(', ')} and ${String(others)} ${others === 1 ? 'other' : 'others'}`;
}
