import { useEffect, useRef, useState } from 'react';
import type { Role } from '../../api/session.ts';
import { getUser } from '../../api/users.ts';

/**
 * The roles of the given users, looked up once each, for moderators only: messages carry no role, and the
 * quick actions must not be offered against an admin (the Api would refuse them anyway).
 */
export function useUserRoles(userIds: readonly string[], enabled: boolean): Readonly<Record<string, Role>> {
  const [roles, setRoles] = useState<Readonly<Record<string, Role>>>({});
  const asked = useRef(new Set<string>());
  const key = enabled ? [...new Set(userIds)].sort().join(',') : '';

  useEffect(() => {
    if (key === '') return;
    for (const id of key.split(',')) {
      if (asked.current.has(id)) continue;
      asked.current.add(id);
      getUser(id).then(
        (user) => {
          setRoles((known) => ({ ...known, [id]: user.role }));
        },
        () => {
          // Unknown or gone: no quick actions for this author; a later mount may ask again.
          asked.current.delete(id);
        },
      );
    }
  }, [key]);

  return roles;
}
