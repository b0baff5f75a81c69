import {
  createRoom,
  MODERATION_MODES,
  updateRoom,
  type AdminRoom,
  type ModerationMode,
} from '../../api/adminLounges.ts';
import { ApiError } from '../../api/problems.ts';
import { CheckboxField, FormMessages, SelectField, TextField } from '../Field.tsx';
import { useForm } from '../useForm.ts';
import { SLUG_PATTERN } from './LoungeForm.tsx';

const LABELS = {
  slug: 'Slug',
  name: 'Name',
  languageCode: 'Language code',
  topic: 'Topic',
  sortOrder: 'Sort order',
  moderationMode: 'Moderation',
  slowModeSeconds: 'Slow mode (seconds)',
};
type FieldName = keyof typeof LABELS;

export const MODE_LABELS: Record<ModerationMode, string> = {
  PostModerated: 'Post-moderated: visible at once',
  PreModerated: 'Pre-moderated: visible after approval',
};

interface Values {
  slug: string;
  name: string;
  languageCode: string;
  topic: string;
  sortOrder: string;
  moderationMode: ModerationMode;
  slowModeSeconds: string;
  guestsCanRead: boolean;
  guestsCanWrite: boolean;
  requiresVerifiedPhone: boolean;
  adultsOnly: boolean;
  archived: boolean;
}

function initial(room: AdminRoom | undefined): Values {
  return {
    slug: room?.slug ?? '',
    name: room?.name ?? '',
    languageCode: room?.languageCode ?? '',
    topic: room?.topic ?? '',
    sortOrder: String(room?.sortOrder ?? 0),
    moderationMode: room?.moderationMode ?? 'PostModerated',
    slowModeSeconds: String(room?.slowModeSeconds ?? 0),
    guestsCanRead: room?.guestsCanRead ?? true,
    guestsCanWrite: room?.guestsCanWrite ?? false,
    requiresVerifiedPhone: room?.requiresVerifiedPhone ?? false,
    adultsOnly: room?.adultsOnly ?? false,
    archived: room?.archivedAt != null,
  };
}

/** The slug names the room in addresses and never changes: it is checked, and asked for, only when creating. */
function validate(v: Values, creating: boolean): Partial<Record<FieldName, string>> {
  const errors: Partial<Record<FieldName, string>> = {};
  if (creating && !SLUG_PATTERN.test(v.slug.trim())) errors.slug = 'Use lower-case letters, digits and single hyphens.';
  if (v.name.trim() === '') errors.name = 'Give the room a name.';
  if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(v.languageCode.trim())) errors.languageCode = 'A language code such as en, de or pt-BR.';
  if (!Number.isInteger(Number(v.sortOrder))) errors.sortOrder = 'Use a whole number.';
  const slow = Number(v.slowModeSeconds);
  if (!Number.isInteger(slow) || slow < 0) errors.slowModeSeconds = 'Use 0 (off) or a whole number of seconds.';
  return errors;
}

/** Creates a room in a lounge, or edits one (with archiving). */
export function RoomForm({ loungeId, room, onSaved }: { loungeId: string; room?: AdminRoom; onSaved: (room: AdminRoom) => void }) {
  const { form, values, setValues, errors, busy, submit, bind } = useForm<Values, FieldName, AdminRoom>(() => initial(room), {
    labels: LABELS,
    validate: (v: Values) => validate(v, !room),
    send: (v) => {
      const settings = {
        name: v.name.trim(),
        languageCode: v.languageCode.trim(),
        topic: v.topic.trim(),
        sortOrder: Number(v.sortOrder),
        moderationMode: v.moderationMode,
        slowModeSeconds: Number(v.slowModeSeconds),
        guestsCanRead: v.guestsCanRead,
        // Writing without reading makes no sense; the form keeps them consistent.
        guestsCanWrite: v.guestsCanRead && v.guestsCanWrite,
        requiresVerifiedPhone: v.requiresVerifiedPhone,
        adultsOnly: v.adultsOnly,
      };
      return room ? updateRoom(room.id, { ...settings, archived: v.archived }) : createRoom(loungeId, { slug: v.slug.trim(), ...settings });
    },
    onSuccess: (saved) => {
      onSaved(saved);
    },
    explain: (error) => (error instanceof ApiError && error.status === 409 ? { fields: { slug: error.message }, general: null } : null),
  });

  function check(name: 'guestsCanRead' | 'guestsCanWrite' | 'requiresVerifiedPhone' | 'adultsOnly' | 'archived') {
    return {
      checked: values[name],
      onChange: (event: { target: { checked: boolean } }) => {
        setValues((v) => ({ ...v, [name]: event.target.checked }));
      },
    };
  }

  return (
    <form ref={form} onSubmit={submit} noValidate className="stack" aria-busy={busy}>
      <FormMessages error={errors.general} />
      <div className="field-row">
        <TextField label="Name" maxLength={100} {...bind('name')} />
        {!room && <TextField label="Slug" spellCheck={false} autoCapitalize="none" maxLength={64} {...bind('slug')} />}
        <TextField label="Language code" spellCheck={false} autoCapitalize="none" maxLength={16} {...bind('languageCode')} />
      </div>
      <TextField label="Topic" hint="Optional; shown under the room's name." maxLength={200} {...bind('topic')} />
      <div className="field-row">
        <SelectField label="Moderation" {...bind('moderationMode')}>
          {MODERATION_MODES.map((mode) => (
            <option key={mode} value={mode}>
              {MODE_LABELS[mode]}
            </option>
          ))}
        </SelectField>
        <TextField label="Slow mode (seconds)" hint="0 for off." type="number" inputMode="numeric" min={0} {...bind('slowModeSeconds')} />
        <TextField label="Sort order" type="number" inputMode="numeric" {...bind('sortOrder')} />
      </div>
      <fieldset className="checkbox-group">
        <legend>Guests</legend>
        <CheckboxField label="Guests can read" {...check('guestsCanRead')} />
        <CheckboxField label="Guests can write" disabled={!values.guestsCanRead} {...check('guestsCanWrite')} />
      </fieldset>
      <CheckboxField label="Only members with a verified phone can write (moderators always can)" {...check('requiresVerifiedPhone')} />
      <CheckboxField label="18+ (age-verified members only)" {...check('adultsOnly')} />
      {room && <CheckboxField label="Archived (hidden from the lounges, no new messages)" {...check('archived')} />}
      <div>
        <button type="submit">{room ? 'Save room' : 'Create room'}</button>
      </div>
    </form>
  );
}
