import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type SubmitEvent } from 'react';
import { ErrorCodes, isRateLimited } from '../../api/errorCodes.ts';
import { DOCUMENT_TYPES, MAX_DOCUMENT_BYTES, sizeText, submitDocument } from '../../api/identity.ts';
import { ApiError, describeError } from '../../api/problems.ts';
import { fetchCurrentUser } from '../../api/profile.ts';
import { queryKeys } from '../../api/queryKeys.ts';
import { useSession } from '../../session/SessionContext.tsx';
import { ErrorAlert, TextField } from '../Field.tsx';
import { useFocusFirstInvalid } from '../useFocusFirstInvalid.ts';

const LIMIT = sizeText(MAX_DOCUMENT_BYTES);
const TOO_LARGE = `The file is larger than ${LIMIT}, the limit. Send a smaller photo or scan.`;

/** What went wrong, for the file field or for the form as a whole. */
interface Complaint {
  field: string | null;
  general: string | null;
}

/** Choose a file, send it. The size is checked here first: nobody should wait for 10 MB to upload only to be refused. */
export function DocumentUploadForm({ onSent }: { onSent: () => void }) {
  const { session } = useSession();
  const queryClient = useQueryClient();
  const form = useRef<HTMLFormElement>(null);
  const [file, setFile] = useState<File | null>(null);
  // An object, so the same complaint twice still moves the keyboard to the field again.
  const [invalid, setInvalid] = useState<{ message: string } | null>(null);
  const send = useMutation({
    mutationFn: submitDocument,
    onSuccess: (status) => {
      queryClient.setQueryData(queryKeys.verification, status);
      onSent();
    },
    onError: (error) => {
      // The server knows better than this page: another tab sent one, or a moderator verified the age meanwhile.
      if (error instanceof ApiError && (error.code === ErrorCodes.identityPending || error.code === ErrorCodes.identityAlreadyVerified)) {
        void queryClient.invalidateQueries({ queryKey: queryKeys.verification });
        if (error.code === ErrorCodes.identityAlreadyVerified) void fetchCurrentUser().then((user) => { session.updateUser(user); });
      }
    },
  });
  const complaint: Complaint =
    invalid !== null ? { field: invalid.message, general: null } : send.error === null ? { field: null, general: null } : explain(send.error);
  useFocusFirstInvalid(form, invalid ?? send.error);

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (send.isPending) return;
    const problem = check(file);
    send.reset();
    setInvalid(problem === null ? null : { message: problem });
    if (problem === null && file !== null) send.mutate(file);
  }

  return (
    <form ref={form} onSubmit={submit} noValidate className="stack" aria-busy={send.isPending}>
      <ErrorAlert message={complaint.general} />
      <TextField
        label="Identity document"
        hint={`A JPEG, PNG or PDF file of at most ${LIMIT}.`}
        type="file"
        accept={DOCUMENT_TYPES}
        error={complaint.field ?? undefined}
        onChange={(event) => {
          setFile(event.target.files?.[0] ?? null);
          setInvalid(null);
          send.reset();
        }}
      />
      <div>
        <button type="submit">Send document</button>
      </div>
    </form>
  );
}

function check(file: File | null): string | null {
  if (file === null) return 'Choose the file of your identity document.';
  if (file.size > MAX_DOCUMENT_BYTES) return TOO_LARGE;
  return null;
}

/** The server's refusal in words that fit this form, chosen by its code; anything else as the server words it. */
function explain(error: unknown): Complaint {
  const code = error instanceof ApiError ? error.code : null;
  switch (code) {
    case ErrorCodes.identityTooLarge:
      return { field: TOO_LARGE, general: null };
    case ErrorCodes.identityUnsupportedType:
      return { field: 'This file is not a JPEG, PNG or PDF. Send a photo or scan in one of those formats.', general: null };
    case ErrorCodes.identityFileMissing:
      return { field: 'The file arrived empty. Choose it again.', general: null };
    case ErrorCodes.identityPending:
      return { field: null, general: 'A document of yours is already waiting for review.' };
    case ErrorCodes.identityAlreadyVerified:
      return { field: null, general: 'Your age is verified already.' };
    case ErrorCodes.identityGuest:
      return { field: null, general: 'Register this account first: guests cannot verify their age.' };
    case ErrorCodes.identityUnavailable:
      return { field: null, general: 'Age verification is not available on this server just now. Try again later.' };
    default: {
      // A limit's detail says why; the wait comes with the answer.
      const wait =
        error instanceof ApiError && isRateLimited(code) && error.problem?.detail && error.retryAfter !== null
          ? ` Try again in ${waitText(error.retryAfter)}.`
          : '';
      return { field: null, general: describeError(error) + wait };
    }
  }
}

/** The upload limit counts a day: its wait is hours, not thousands of seconds. */
function waitText(seconds: number): string {
  if (seconds >= 5400) return `about ${String(Math.round(seconds / 3600))} hours`;
  if (seconds >= 90) return `${String(Math.round(seconds / 60))} minutes`;
  return `${String(seconds)} seconds`;
}
