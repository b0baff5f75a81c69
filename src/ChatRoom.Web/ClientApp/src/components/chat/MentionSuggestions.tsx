import type { User } from '../../api/users.ts';

/** The people offered for an "@name": a listbox the composer's box points at (aria-activedescendant). */
export function MentionSuggestions({
  id,
  people,
  active,
  onChoose,
}: {
  id: string;
  people: User[];
  active: number;
  onChoose: (person: User) => void;
}) {
  return (
    <ul id={id} role="listbox" aria-label="Mention someone" className="mention-suggestions">
      {people.map((person, index) => (
        <li
          key={person.id}
          id={`${id}-${String(index)}`}
          role="option"
          aria-selected={index === active}
          className={index === active ? 'mention-option mention-option-active' : 'mention-option'}
          // Keeps the focus (and the caret) in the box while the pointer chooses.
          onMouseDown={(event) => {
            event.preventDefault();
          }}
          onClick={() => {
            onChoose(person);
          }}
        >
          <span className="mention-name">{person.displayName ?? person.userName}</span>{' '}
          <span className="mention-handle">@{person.userName}</span>
        </li>
      ))}
    </ul>
  );
}
