import { useEffect, useState } from 'react';

export type PrivateFile = { kind: 'loading' } | { kind: 'shown'; url: string } | { kind: 'failed'; message: string };

/**
 * A private file's object URL while the component is on screen: `load` fetches it with the session's token (the Api
 * has no cookie to read, so no `src` could reach it) and answers it as a blob of a type the browser may show; the URL
 * is revoked when the component goes (a closed review, a row the virtual list unmounts). Deliberately not in the
 * query cache: the bytes are kept no longer than they are shown. `key` names the file: a new key loads again.
 */
export function usePrivateFileUrl(key: string, load: (signal: AbortSignal) => Promise<Blob>, explain: (error: unknown) => string): PrivateFile {
  const [file, setFile] = useState<PrivateFile>({ kind: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    let url: string | null = null;
    load(controller.signal).then(
      (blob) => {
        if (controller.signal.aborted) return;
        url = URL.createObjectURL(blob);
        setFile({ kind: 'shown', url });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setFile({ kind: 'failed', message: explain(error) });
      },
    );
    return () => {
      controller.abort();
      if (url !== null) URL.revokeObjectURL(url);
    };
    // The file is named by its key; `load` and `explain` are read when it changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return file;
}
