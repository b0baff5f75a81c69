import { useEffect, useRef, useState } from 'react';
import { describeError } from '../api/problems.ts';
import { ASSIGNABLE_ROLES, changeRole, deleteUser, type AssignableRole, type User } from '../api/users.ts';
import { ActionsCell } from './DataTable.tsx';

export interface RowEvents {
  onUpdated: (user: User) => void;
  onDeleted: (user: User) => void;
  onError: (message: string) => void;
}

export function UserRow({ user, isSelf, events }: { user: User; isSelf: boolean; events: RowEvents }) {
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  // Shown while the change is on its way; the server's answer (or the old role, on failure) replaces it.
  const [pendingRole, setPendingRole] = useState<AssignableRole | null>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const deleteButton = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);

  // Keyboard follows the question: onto "Yes, delete" when asked, back to "Delete" when cancelled.
  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
    else if (wasConfirming.current) deleteButton.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  async function run(action: () => Promise<void>, what: string) {
    setBusy(true);
    try {
      await action();
    } catch (error) {
      events.onError(`Could not ${what} ${user.userName}: ${describeError(error)}`);
    } finally {
      setBusy(false);
    }
  }

  function onRoleChange(role: AssignableRole) {
    if (busy) return;
    setPendingRole(role);
    void run(async () => {
      events.onUpdated(await changeRole(user.id, role));
    }, 'change the role of').finally(() => {
      setPendingRole(null);
    });
  }

  function onConfirmDelete() {
    if (busy) return;
    void run(async () => {
      await deleteUser(user.id);
      events.onDeleted(user);
    }, 'delete');
  }

  return (
    <tr aria-busy={busy}>
      <th scope="row" className="cell-name">
        {user.userName}
        {isSelf && <span className="badge">you</span>}
      </th>
      <td>{user.displayName ?? <span className="muted">—</span>}</td>
      <td>
        {user.role === 'Guest' ? (
          <span className="muted">Guest</span>
        ) : (
          <select
            aria-label={`Role for ${user.userName}`}
            value={pendingRole ?? user.role}
            onChange={(e) => {
              onRoleChange(e.target.value as AssignableRole);
            }}
          >
            {ASSIGNABLE_ROLES.map((role) => (
              <option key={role} value={role}>
                {role}
              </option>
            ))}
          </select>
        )}
      </td>
      <td>
        <time dateTime={user.createdAt}>{new Date(user.createdAt).toLocaleDateString()}</time>
      </td>
      <ActionsCell>
        {confirming ? (
          <span className="confirm" role="group" aria-label={`Delete ${user.userName}?`}>
            <span aria-hidden="true">Delete {user.userName}?</span>
            <button ref={confirmButton} type="button" className="danger" onClick={onConfirmDelete}>
              Yes, delete <span className="visually-hidden">{user.userName}</span>
            </button>
            <button
              type="button"
              className="secondary"
              onClick={() => {
                setConfirming(false);
              }}
            >
              Cancel
            </button>
          </span>
        ) : (
          <button
            ref={deleteButton}
            type="button"
            className="secondary"
            onClick={() => {
              setConfirming(true);
            }}
          >
            Delete <span className="visually-hidden">{user.userName}</span>
          </button>
        )}
      </ActionsCell>
    </tr>
  );
}
