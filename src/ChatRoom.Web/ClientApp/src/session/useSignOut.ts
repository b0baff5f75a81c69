import { useMutation } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { useSession } from './SessionContext.tsx';

/** Signs out (this page forgets the session even when the server cannot be told) and goes to sign in. */
export function useSignOut() {
  const { session } = useSession();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: () => session.signOut(),
    onSuccess: () => {
      // A plain /signin: the next person to sign in here should not be sent to this user's last page.
      void navigate('/signin', { replace: true });
    },
  });
}
