import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { fetchCurrentUser } from '../api/profile.ts';
import { queryKeys } from '../api/queryKeys.ts';
import { useChatConnection } from '../realtime/ChatConnectionContext.tsx';
import { HubEvents } from '../realtime/hubEvents.ts';
import { useSession } from '../session/SessionContext.tsx';

/**
 * A moderator decided on this user's identity document: the profile's verification status and the user's
 * `ageVerified` are read again from the server, so every page shows the decision without a reload.
 */
export function useIdentityDecisions(): void {
  const connection = useChatConnection();
  const queryClient = useQueryClient();
  const { session } = useSession();

  useEffect(
    () =>
      connection.on(HubEvents.ModerationNotice, ({ kind }) => {
        if (kind !== 'IdentityApproved' && kind !== 'IdentityRejected') return;
        void queryClient.invalidateQueries({ queryKey: queryKeys.verification });
        // Not worth an alert of its own when it fails: the banner has said what happened, and the next token refresh
        // brings the user as the server has it.
        fetchCurrentUser().then(
          (user) => {
            session.updateUser(user);
          },
          () => undefined,
        );
      }),
    [connection, queryClient, session],
  );
}
