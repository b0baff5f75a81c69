import { useRef, useState, type SubmitEvent } from 'react';
import {
  ACTION_KINDS,
  MAX_DURATION_MINUTES,
  takeAction,
  type ActionKind,
  type ModerationAction,
  type NewAction,
} from '../../api/moderation.ts';
import { formErrors, type FormErrors } from '../../api/problems.ts';
import { nameOf } from '../../realtime/contracts.ts';
import { ErrorAlert, SelectField, TextAreaField, TextField } from '../Field.tsx';
import { useFocusFirstInvalid } from '../useFocusFirstInvalid.ts';
import type { ActionTarget } from './ReportCard.tsx';
import { RoomSelect } from './RoomSelect.tsx';

const LABELS = {
  kind: 'Action',
  userId: 'User id',
  roomId: 'Room',
  messageId: 'Message id',
  durationMinutes: 'Duration in minutes',
  reason: 'Reason',
};
type FieldName = keyof typeof LABELS;
const NO_ERRORS: FormErrors<FieldName> = { fields: {}, general: null };

export const KIND_LABELS: Record<ActionKind, string> = {
  Warn: 'Warn',
  Mute: 'Mute',
  Unmute: 'Unmute',
  Kick: 'Kick from a room',
  Ban: 'Ban',
  Unban: 'Unban',
  DeleteMessage: 'Delete a message',
};

interface Values {
  kind: ActionKind;
  userId: string;
  roomId: string;
  messageId: string;
  durationMinutes: string;
  reason: string;
}

function initial(preset: ActionTarget | null): Values {
  return {
    kind: 'Warn',
    userId: preset?.user.id ?? '',
    roomId: preset?.roomId ?? '',
    messageId: preset?.messageId ?? '',
    durationMinutes: '',
    reason: '',
  };
}

/** The contract's rules per kind, checked here first so the moderator hears about them next to the field. */
function validate(v: Values): Partial<Record<FieldName, string>> {
  const errors: Partial<Record<FieldName, string>> = {};
  if (v.kind !== 'DeleteMessage' && v.userId.trim() === '') errors.userId = 'Enter the id of the user to act on.';
  if (v.kind === 'Kick' && v.roomId === '') errors.roomId = 'Choose the room to kick the user from.';
  if (v.kind === 'DeleteMessage' && v.messageId.trim() === '') errors.messageId = 'Enter the id of the message to delete.';
  const minutes = v.durationMinutes.trim();
  if (v.kind === 'Mute' && minutes === '') errors.durationMinutes = 'A mute needs a duration.';
  else if ((v.kind === 'Mute' || v.kind === 'Ban') && minutes !== '') {
    const n = Number(minutes);
    if (!Number.isInteger(n) || n < 1 || n > MAX_DURATION_MINUTES) {
      errors.durationMinutes = `Use a whole number of minutes from 1 to ${String(MAX_DURATION_MINUTES)} (30 days).`;
    }
  }
  return errors;
}

function toRequest(v: Values): NewAction {
  const request: NewAction = { kind: v.kind };
  if (v.kind !== 'DeleteMessage') request.userId = v.userId.trim();
  if (v.roomId !== '' && v.kind !== 'DeleteMessage') request.roomId = v.roomId;
  if (v.kind === 'DeleteMessage') request.messageId = v.messageId.trim();
  if ((v.kind === 'Mute' || v.kind === 'Ban') && v.durationMinutes.trim() !== '') request.durationMinutes = Number(v.durationMinutes);
  if (v.reason.trim() !== '') request.reason = v.reason.trim();
  return request;
}

/** Warn, mute, kick, ban, unban or delete; `preset` comes from "Act on …" in a report (remount with a new key). */
export function ActionForm({ preset, onDone }: { preset: ActionTarget | null; onDone: (action: ModerationAction) => void }) {
  const [values, setValues] = useState<Values>(() => initial(preset));
  const [errors, setErrors] = useState(NO_ERRORS);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(form, attempt);
  const knownUser = preset !== null && preset.user.id === values.userId.trim() ? preset.user : null;

  function fail(next: FormErrors<FieldName>) {
    setErrors(next);
    setAttempt((n) => n + 1);
  }

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    setStatus('');
    const invalid = validate(values);
    if (Object.keys(invalid).length > 0) {
      fail({ fields: invalid, general: null });
      return;
    }
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      const action = await takeAction(toRequest(values));
      setStatus(describeDone(action));
      setValues((v) => ({ ...v, reason: '', durationMinutes: '' }));
      onDone(action);
    } catch (error) {
      fail(formErrors(error, LABELS));
    } finally {
      setBusy(false);
    }
  }

  function set<K extends keyof Values>(name: K, value: Values[K]) {
    setValues((v) => ({ ...v, [name]: value }));
  }

  const { kind } = values;
  return (
    <form ref={form} onSubmit={(e) => void submit(e)} noValidate className="stack" aria-busy={busy}>
      <p role="status" className="status-line">
        {status}
      </p>
      <ErrorAlert message={errors.general} />
      <div className="field-row">
        <SelectField
          label="Action"
          value={kind}
          error={errors.fields.kind}
          onChange={(e) => {
            set('kind', e.target.value as ActionKind);
          }}
        >
          {ACTION_KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_LABELS[k]}
            </option>
          ))}
        </SelectField>
        {kind !== 'DeleteMessage' && (
          <TextField
            label="User id"
            hint={knownUser ? `${nameOf(knownUser)} (@${knownUser.userName})` : 'From a report, or the Admin: Users page.'}
            spellCheck={false}
            autoComplete="off"
            value={values.userId}
            error={errors.fields.userId}
            onChange={(e) => {
              set('userId', e.target.value);
            }}
          />
        )}
        {kind === 'DeleteMessage' && (
          <TextField
            label="Message id"
            spellCheck={false}
            autoComplete="off"
            value={values.messageId}
            error={errors.fields.messageId}
            onChange={(e) => {
              set('messageId', e.target.value);
            }}
          />
        )}
      </div>
      <div className="field-row">
        {kind !== 'DeleteMessage' && (
          <RoomSelect
            value={values.roomId}
            hint={kind === 'Kick' ? 'Required for a kick.' : 'Optional.'}
            error={errors.fields.roomId}
            onChange={(roomId) => {
              set('roomId', roomId);
            }}
          />
        )}
        {(kind === 'Mute' || kind === 'Ban') && (
          <TextField
            label="Duration in minutes"
            hint={kind === 'Ban' ? 'Leave empty for a permanent ban.' : 'Up to 43200 (30 days).'}
            type="number"
            inputMode="numeric"
            min={1}
            max={MAX_DURATION_MINUTES}
            value={values.durationMinutes}
            error={errors.fields.durationMinutes}
            onChange={(e) => {
              set('durationMinutes', e.target.value);
            }}
          />
        )}
      </div>
      <TextAreaField
        label="Reason"
        hint="Optional. The user sees it with the notice."
        rows={2}
        maxLength={1000}
        value={values.reason}
        error={errors.fields.reason}
        onChange={(e) => {
          set('reason', e.target.value);
        }}
      />
      <div>
        <button type="submit">Take action</button>
      </div>
    </form>
  );
}

function describeDone(action: ModerationAction): string {
  const who = nameOf(action.targetUser);
  const until = action.expiresAt === null ? '' : ` until ${new Date(action.expiresAt).toLocaleString()}`;
  switch (action.kind) {
    case 'Warn':
      return `Warned ${who}.`;
    case 'Mute':
      return `Muted ${who}${until}.`;
    case 'Unmute':
      return `Unmuted ${who}.`;
    case 'Kick':
      return `Kicked ${who} from the room.`;
    case 'Ban':
      return `Banned ${who}${until || ' permanently'}.`;
    case 'Unban':
      return `Unbanned ${who}.`;
    case 'DeleteMessage':
      return `Deleted the message from ${who}.`;
  }
}
