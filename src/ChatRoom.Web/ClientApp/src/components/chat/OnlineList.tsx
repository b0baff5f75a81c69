import type { ReactNode } from 'react';
import { nameOf, type UserSummary } from '../../realtime/contracts.ts';

/** Who is in the room now; anyone but yourself can be reported (and messaged or blocked, `personActions`) from here. */
export function OnlineList({
  id,
  online,
  meId,
  onReport,
  personActions,
}: {
  /** What the phones' "Online (N)" button shows and hides (wider screens always show the list). */
  id?: string;
  online: readonly UserSummary[];
  meId: string | null;
  onReport: (user: UserSummary) => void;
  personActions?: (user: UserSummary) => ReactNode;
}) {
  return (
    <aside id={id} className="chat-online" aria-labelledby="online-heading">
      <h2 id="online-heading">Online</h2>
      <ul className="online-list">
        {online.map((user) => (
          <li key={user.id}>
            <span className="online-name">{nameOf(user)}</span>
            {user.id !== meId && (
              <span className="online-actions">
                <button
                  type="button"
                  className="link-button"
                  aria-label={`Report ${nameOf(user)}`}
                  onClick={() => {
                    onReport(user);
                  }}
                >
                  Report
                </button>
                {personActions?.(user)}
              </span>
            )}
          </li>
        ))}
      </ul>
    </aside>
  );
}
