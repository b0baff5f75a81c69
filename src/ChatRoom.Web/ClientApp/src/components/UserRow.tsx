import { useMutation } from '@tanstack/react-query';
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
  const [confirming, setConfirming] = useState(false);
  const failed = (what: string) => (error: unknown) => {
    events.onError(`Could not ${what} ${user.userName}: ${describeError(error)}`);
  };
  const roleChange = useMutation({
    mutationFn: (role: AssignableRole) => changeRole(user.id, role),
    onSuccess: events.onUpdated,
    onError: failed('change the role of'),
  });
  const deletion = useMutation({
    mutationFn: () => deleteUser(user.id),
    onSuccess: () => {
      events.onDeleted(user);
    },
    onError: failed('delete'),
  });
  const busy = roleChange.isPending || deletion.isPending;
  // Shown while the change is on its way; the server's answer (or the old role, on failure) replaces it.
  const pendingRole = roleChange.isPending ? roleChange.variables : null;
  const confirmButton = useRef<HTMLButtonElement>(null);
  const deleteButton = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);

  // Keyboard follows the question: onto "Yes, delete" when asked, back to "Delete" when cancelled.
  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
    else if (wasConfirming.current) deleteButton.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  function onRoleChange(role: AssignableRole) {
    if (!busy) roleChange.mutate(role);
  }

  function onConfirmDelete() {
    if (!busy) deletion.mutate();
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
