import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  ACTION_KINDS,
  MAX_DURATION_MINUTES,
  takeAction,
  type ActionKind,
  type ModerationAction,
  type NewAction,
} from '../../api/moderation.ts';
import { queryKeys } from '../../api/queryKeys.ts';
import { nameOf, type UserSummary } from '../../realtime/contracts.ts';
import { FormMessages, SelectField, TextAreaField, TextField } from '../Field.tsx';
import { useForm } from '../useForm.ts';
import { UserSearch } from '../UserSearch.tsx';
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
  const queryClient = useQueryClient();
  const { form, values, setValues, errors, status, busy, submit, bind } = useForm<Values, FieldName, ModerationAction>(
    () => initial(preset),
    {
      labels: LABELS,
      validate,
      send: (v) => takeAction(toRequest(v)),
      onSuccess: (action, sent) => {
        void queryClient.invalidateQueries({ queryKey: queryKeys.moderationActions.all });
        sent.setStatus(describeDone(action));
        sent.setValues((v) => ({ ...v, reason: '', durationMinutes: '' }));
        onDone(action);
      },
    },
  );
  const [chosen, setChosen] = useState<UserSummary | null>(preset?.user ?? null);
  const knownUser = chosen !== null && chosen.id === values.userId.trim() ? chosen : null;

  function set<K extends keyof Values>(name: K, value: Values[K]) {
    setValues((v) => ({ ...v, [name]: value }));
  }

  const { kind } = values;
  return (
    <form ref={form} onSubmit={submit} noValidate className="stack" aria-busy={busy}>
      <FormMessages status={status} error={errors.general} />
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
          <UserSearch
            onChoose={(user) => {
              setChosen(user);
              set('userId', user.id);
            }}
          />
        )}
        {kind !== 'DeleteMessage' && (
          <TextField
            label="User id"
            hint={knownUser ? `${nameOf(knownUser)} (@${knownUser.userName})` : 'Look the user up above, or come from a report.'}
            spellCheck={false}
            autoComplete="off"
            {...bind('userId')}
          />
        )}
        {kind === 'DeleteMessage' && <TextField label="Message id" spellCheck={false} autoComplete="off" {...bind('messageId')} />}
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
            {...bind('durationMinutes')}
          />
        )}
      </div>
      <TextAreaField
        label="Reason"
        hint="Optional. The user sees it with the notice."
        rows={2}
        maxLength={1000}
        {...bind('reason')}
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
