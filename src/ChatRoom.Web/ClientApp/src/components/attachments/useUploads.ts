import { useEffect, useRef, useState } from 'react';
import { MAX_ATTACHMENTS, uploadAttachment } from '../../api/attachments.ts';
import type { AttachmentDto } from '../../realtime/contracts.ts';
import { describeUploadError, TOO_MANY_FILES } from './uploadErrors.ts';

/** One chosen file: on its way up, uploaded (its id goes with the send), or refused (why, in words). */
export interface Upload {
  key: string;
  name: string;
  sizeBytes: number;
  state: 'uploading' | 'ready' | 'failed';
  attachment: AttachmentDto | null;
  error: string | null;
}

/**
 * The files chosen for the next message in a room. Each uploads as soon as it is chosen, so the send only carries
 * ids; removing one still uploading cancels it. Refused files stay (with why) until removed or sent past.
 */
export function useUploads(roomId: string) {
  const [uploads, setUploads] = useState<Upload[]>([]);
  const controllers = useRef(new Map<string, AbortController>());

  // Leaving the room cancels what is still on its way.
  useEffect(() => {
    const live = controllers.current;
    return () => {
      for (const controller of live.values()) controller.abort();
      live.clear();
    };
  }, []);

  function update(key: string, change: Partial<Upload>) {
    setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...change } : u)));
  }

  function start(key: string, file: File) {
    const controller = new AbortController();
    controllers.current.set(key, controller);
    uploadAttachment(roomId, file, { signal: controller.signal })
      .then(
        (attachment) => {
          if (!controller.signal.aborted) update(key, { state: 'ready', attachment });
        },
        (error: unknown) => {
          if (!controller.signal.aborted) update(key, { state: 'failed', error: describeUploadError(file.name, error) });
        },
      )
      .finally(() => {
        controllers.current.delete(key);
      });
  }

  function add(files: readonly File[]) {
    if (files.length === 0) return;
    let free = MAX_ATTACHMENTS - uploads.filter((u) => u.state !== 'failed').length;
    const added: Upload[] = [];
    for (const file of files) {
      const key = crypto.randomUUID();
      const base = { key, name: file.name, sizeBytes: file.size, attachment: null };
      if (free <= 0) {
        added.push({ ...base, state: 'failed', error: TOO_MANY_FILES(file.name, MAX_ATTACHMENTS) });
        continue;
      }
      free--;
      added.push({ ...base, state: 'uploading', error: null });
      start(key, file);
    }
    setUploads((list) => [...list, ...added]);
  }

  function remove(key: string) {
    controllers.current.get(key)?.abort();
    controllers.current.delete(key);
    setUploads((list) => list.filter((u) => u.key !== key));
  }

  const ready = uploads.flatMap((u) => (u.state === 'ready' && u.attachment !== null ? [u.attachment] : []));
  return {
    uploads,
    /** Uploaded and waiting for the send. */
    ready,
    uploading: uploads.some((u) => u.state === 'uploading'),
    /** No room for another file. */
    full: uploads.filter((u) => u.state !== 'failed').length >= MAX_ATTACHMENTS,
    add,
    remove,
    /** After a send: every chip goes (nothing is uploading then: Send waits for the uploads). */
    clear: () => {
      setUploads([]);
    },
  };
}

export type Uploads = ReturnType<typeof useUploads>;
