import { useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { useState } from 'react';
import { describeError } from '../api/problems.ts';
import { queryKeys } from '../api/queryKeys.ts';
import { listUsers, type Page, type User } from '../api/users.ts';
import { CreateUserForm } from '../components/CreateUserForm.tsx';
import { HeadWithActions } from '../components/DataTable.tsx';
import { ErrorAlert } from '../components/Field.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { UserRow, type RowEvents } from '../components/UserRow.tsx';
import { useSession } from '../session/SessionContext.tsx';

export const USERS_PAGE_SIZE = 25;

export function AdminUsersPage() {
  const { state: session } = useSession();
  const selfId = session.status === 'signedIn' ? session.user.id : null;
  // The cursors of the pages before this one and this one's own: the Api pages forward only.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const queryClient = useQueryClient();
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);
  const cursor = cursors.at(-1) ?? null;
  const pageNumber = cursors.length;
  const hasPrevious = cursors.length > 1;
  const users = useQuery({
    queryKey: queryKeys.users.page(cursor),
    queryFn: ({ signal }) => listUsers(cursor, USERS_PAGE_SIZE, { signal }),
  });
  const nextCursor = users.data?.nextCursor ?? null;

  function reload() {
    void queryClient.invalidateQueries({ queryKey: queryKeys.users.all });
  }

  function goTo(next: (string | null)[]) {
    setStatus('');
    setError(null);
    setCursors(next);
  }

  const events: RowEvents = {
    onUpdated: (user) => {
      setError(null);
      setStatus(`${user.userName} is now ${user.role}.`);
      // The row takes the server's answer at once; other pages (and searches) load afresh when next shown.
      queryClient.setQueryData<Page<User>>(queryKeys.users.page(cursor), (page) =>
        page && { ...page, items: page.items.map((u) => (u.id === user.id ? user : u)) },
      );
      void queryClient.invalidateQueries({ queryKey: queryKeys.users.all, refetchType: 'none' });
    },
    onDeleted: (user) => {
      setError(null);
      setStatus(`Deleted ${user.userName}.`);
      reload();
    },
    onError: (message) => {
      setStatus('');
      setError(message);
    },
  };

  return (
    <>
      <PageHeading>Admin: Users</PageHeading>
      <p role="status" className="status-line">
        {status}
      </p>
      <ErrorAlert message={error} />

      <section aria-labelledby="users-list-heading" className="stack">
        <h2 id="users-list-heading">All users</h2>
        <UsersTable query={users} selfId={selfId} events={events} pageNumber={pageNumber} />
        {/* aria-disabled, not disabled: a button that disables itself under the keyboard drops focus. */}
        <nav aria-label="Pages of users" className="pager">
          <button
            type="button"
            className="secondary"
            aria-disabled={!hasPrevious}
            onClick={() => {
              if (hasPrevious) goTo(cursors.slice(0, -1));
            }}
          >
            Previous page
          </button>
          <span className="muted">Page {pageNumber}</span>
          <button
            type="button"
            className="secondary"
            aria-disabled={nextCursor === null}
            onClick={() => {
              if (nextCursor !== null) goTo([...cursors, nextCursor]);
            }}
          >
            Next page
          </button>
        </nav>
      </section>

      <section aria-labelledby="create-user-heading" className="stack card panel">
        <h2 id="create-user-heading">Create a user</h2>
        <CreateUserForm
          onCreated={(user) => {
            setError(null);
            setStatus(`Created ${user.userName} (${user.role}).`);
            reload();
          }}
        />
      </section>
    </>
  );
}

function UsersTable(props: { query: UseQueryResult<Page<User>>; selfId: string | null; events: RowEvents; pageNumber: number }) {
  const { query } = props;
  if (query.isError && !query.isFetching) {
    return (
      <div role="alert" className="notice notice-error">
        <p>Could not load the users: {describeError(query.error)}</p>
        <button type="button" onClick={() => void query.refetch()}>
          Try again
        </button>
      </div>
    );
  }
  const page = query.data;
  if (!page) return <p className="notice">Loading users…</p>;
  if (page.items.length === 0) return <p className="notice">No users on this page.</p>;
  return (
    // Scrolls sideways on a phone; focusable so the keyboard can scroll it too.
    <div className="table-scroll" role="region" aria-label="Users" tabIndex={0}>
      <table className="data-table">
        <caption className="visually-hidden">Users, page {props.pageNumber}</caption>
        <HeadWithActions columns={['User name', 'Display name', 'Role', 'Created']} />
        <tbody>
          {page.items.map((user) => (
            <UserRow key={user.id} user={user} isSelf={user.id === props.selfId} events={props.events} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
