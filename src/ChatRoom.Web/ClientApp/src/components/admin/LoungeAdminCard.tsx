import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { updateLounge, type AdminLounge, type AdminRoom } from '../../api/adminLounges.ts';
import { describeError } from '../../api/problems.ts';
import { AdultsOnlyBadge } from '../AdultsOnlyBadge.tsx';
import { ActionsCell, HeadWithActions } from '../DataTable.tsx';
import { Dialog } from '../Dialog.tsx';
import { LoungeForm } from './LoungeForm.tsx';
import { MODE_LABELS, RoomForm } from './RoomForm.tsx';

export interface LoungeEvents {
  onChanged: (message: string) => void;
  onError: (message: string) => void;
}

type Editing = { kind: 'lounge' } | { kind: 'newRoom' } | { kind: 'room'; room: AdminRoom } | null;

export function LoungeAdminCard({ lounge, events }: { lounge: AdminLounge; events: LoungeEvents }) {
  const [editing, setEditing] = useState<Editing>(null);
  const headingId = `admin-lounge-${lounge.id}`;
  const archived = lounge.archivedAt !== null;
  const close = () => {
    setEditing(null);
  };
  const archiving = useMutation({
    mutationFn: (archive: boolean) => updateLounge(lounge.id, { archived: archive }),
    onSuccess: (saved) => {
      events.onChanged(`${saved.name} is ${saved.archivedAt === null ? 'open again' : 'archived'}.`);
    },
    onError: (error, archive) => {
      events.onError(`Could not ${archive ? 'archive' : 'restore'} ${lounge.name}: ${describeError(error)}`);
    },
  });
  const busy = archiving.isPending;

  return (
    <section aria-labelledby={headingId} className={archived ? 'card lounge lounge-archived' : 'card lounge'} aria-busy={busy}>
      <header className="report-header">
        <h2 id={headingId}>
          {lounge.name}
          {archived && <> <span className="badge">archived</span></>}
        </h2>
        <span className="muted">
          /{lounge.slug} · order {lounge.sortOrder}
        </span>
      </header>
      {lounge.description && <p className="lounge-description">{lounge.description}</p>}
      {(lounge.adultsOnly || lounge.requiresVerifiedPhone) && <p className="muted">In every room: {loungeRules(lounge)}.</p>}
      <div className="form-actions">
        <button
          type="button"
          className="secondary"
          aria-label={`Edit lounge ${lounge.name}`}
          onClick={() => {
            setEditing({ kind: 'lounge' });
          }}
        >
          Edit lounge
        </button>
        <button
          type="button"
          className="secondary"
          aria-label={`${archived ? 'Restore' : 'Archive'} lounge ${lounge.name}`}
          onClick={() => {
            if (!busy) archiving.mutate(!archived);
          }}
        >
          {archived ? 'Restore' : 'Archive'}
        </button>
        <button
          type="button"
          aria-label={`Add a room to ${lounge.name}`}
          onClick={() => {
            setEditing({ kind: 'newRoom' });
          }}
        >
          Add a room
        </button>
      </div>
      {lounge.rooms.length === 0 ? (
        <p className="muted">No rooms in this lounge yet.</p>
      ) : (
        <div className="table-scroll" role="region" aria-label={`Rooms in ${lounge.name}`} tabIndex={0}>
          <table className="data-table">
            <HeadWithActions columns={['Room', 'Language', 'Moderation', 'Slow mode', 'Guests']} />
            <tbody>
              {lounge.rooms.map((room) => (
                <tr key={room.id}>
                  <th scope="row" className="cell-name">
                    {room.name}
                    {room.archivedAt !== null && <> <span className="badge">archived</span></>}
                    {room.adultsOnly && <> <AdultsOnlyBadge /></>}
                    <div className="muted cell-text">{room.topic}</div>
                  </th>
                  <td>{room.languageCode}</td>
                  <td>{MODE_LABELS[room.moderationMode]}</td>
                  <td>{room.slowModeSeconds === 0 ? 'off' : `${String(room.slowModeSeconds)} s`}</td>
                  <td>{guestsText(room)}</td>
                  <ActionsCell>
                    <button
                      type="button"
                      className="secondary"
                      aria-label={`Edit ${room.name}`}
                      onClick={() => {
                        setEditing({ kind: 'room', room });
                      }}
                    >
                      Edit
                    </button>
                  </ActionsCell>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing?.kind === 'lounge' && (
        <Dialog title={`Edit ${lounge.name}`} onClose={close}>
          <LoungeForm
            lounge={lounge}
            onSaved={(saved) => {
              close();
              events.onChanged(`Saved ${saved.name}.`);
            }}
          />
          <CancelButton onClose={close} />
        </Dialog>
      )}
      {editing?.kind === 'newRoom' && (
        <Dialog title={`New room in ${lounge.name}`} onClose={close}>
          <RoomForm
            loungeId={lounge.id}
            onSaved={(room) => {
              close();
              events.onChanged(`Created ${room.name} in ${lounge.name}.`);
            }}
          />
          <CancelButton onClose={close} />
        </Dialog>
      )}
      {editing?.kind === 'room' && (
        <Dialog title={`Edit ${editing.room.name}`} onClose={close}>
          <RoomForm
            loungeId={lounge.id}
            room={editing.room}
            onSaved={(room) => {
              close();
              events.onChanged(`Saved ${room.name}${room.archivedAt === null ? '' : ' (archived)'}.`);
            }}
          />
          <CancelButton onClose={close} />
        </Dialog>
      )}
    </section>
  );
}

function CancelButton({ onClose }: { onClose: () => void }) {
  return (
    <div className="dialog-cancel">
      <button type="button" className="secondary" onClick={onClose}>
        Cancel
      </button>
    </div>
  );
}

function loungeRules(lounge: AdminLounge): string {
  const rules = [lounge.adultsOnly ? '18+ (age-verified members only)' : null, lounge.requiresVerifiedPhone ? 'a verified phone to write' : null];
  return rules.filter((rule) => rule !== null).join('; ');
}

function guestsText(room: AdminRoom): string {
  if (room.guestsCanWrite) return 'read and write';
  return room.guestsCanRead ? 'read only' : 'no access';
}
