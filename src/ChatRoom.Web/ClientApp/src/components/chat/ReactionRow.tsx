import { useId, useRef, useState } from 'react';
import type { ReactionSummary } from '../../api/reactions.ts';
import type { MessageDto } from '../../realtime/contracts.ts';
import { ReactionPicker } from './ReactionPicker.tsx';
import { useReactionToggle } from './useReactions.ts';

/** How many reactors a chip's tooltip names before "and N others". */
const NAMED_REACTORS = 5;

/**
 * A message's reactions as toggle buttons (pressed: the user is among the reactors), and "React" opening the picker.
 * `nameOf` knows the people seen in the room (authors, the online list); others are counted, not named.
 */
export function ReactionRow({
  message,
  meId,
  nameOf,
  onChanged,
}: {
  message: MessageDto;
  meId: string | null;
  nameOf: (userId: string) => string | null;
  onChanged: (message: MessageDto) => void;
}) {
  const [picking, setPicking] = useState(false);
  const reactButton = useRef<HTMLButtonElement>(null);
  const pickerId = useId();
  const { busy, error, react } = useReactionToggle(message, onChanged);
  const reactions = (message.reactions ?? []).filter((r) => r.count > 0);

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
      <span className="reaction-picker-anchor">
        <button
          ref={reactButton}
          type="button"
          className="link-button"
          aria-expanded={picking}
          aria-controls={picking ? pickerId : undefined}
          disabled={busy}
          onClick={() => {
            setPicking((p) => !p);
          }}
        >
          React
        </button>
        {picking && (
          <ReactionPicker
            id={pickerId}
            onPick={(emoji) => {
              setPicking(false);
              reactButton.current?.focus();
              // Picking one already given takes nothing back: only the chip toggles.
              react(emoji, true);
            }}
            onClose={() => {
              setPicking(false);
              reactButton.current?.focus();
            }}
          />
        )}
      </span>
      {error !== null && (
        <p role="alert" className="message-error">
          {error}
        </p>
      )}
    </div>
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
