import { createLounge, updateLounge, type AdminLounge } from '../../api/adminLounges.ts';
import { ApiError } from '../../api/problems.ts';
import { CheckboxField, FormMessages, TextAreaField, TextField } from '../Field.tsx';
import { useForm } from '../useForm.ts';

const LABELS = { slug: 'Slug', name: 'Name', description: 'Description', sortOrder: 'Sort order' };
type FieldName = keyof typeof LABELS;
/** The lounge-wide rules: they hold in every room of the lounge, whatever the room's own setting. */
type Rule = 'requiresVerifiedPhone' | 'adultsOnly';
type Values = Record<FieldName, string> & Record<Rule, boolean>;
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const EMPTY: Values = { slug: '', name: '', description: '', sortOrder: '0', requiresVerifiedPhone: false, adultsOnly: false };

function initial(lounge: AdminLounge | undefined): Values {
  if (!lounge) return EMPTY;
  return {
    slug: lounge.slug,
    name: lounge.name,
    description: lounge.description ?? '',
    sortOrder: String(lounge.sortOrder),
    requiresVerifiedPhone: lounge.requiresVerifiedPhone,
    adultsOnly: lounge.adultsOnly,
  };
}

/** Creates a lounge, or edits one (`lounge` given: the slug stays). */
export function LoungeForm({ lounge, onSaved }: { lounge?: AdminLounge; onSaved: (lounge: AdminLounge) => void }) {
  const { form, values, setValues, errors, busy, submit, bind } = useForm<Values, FieldName, AdminLounge>(() => initial(lounge), {
    labels: LABELS,
    validate: (values) => {
      const invalid: Partial<Record<FieldName, string>> = {};
      if (!lounge && !SLUG_PATTERN.test(values.slug.trim())) invalid.slug = 'Use lower-case letters, digits and single hyphens.';
      if (values.name.trim() === '') invalid.name = 'Give the lounge a name.';
      if (!Number.isInteger(Number(values.sortOrder))) invalid.sortOrder = 'Use a whole number.';
      return invalid;
    },
    send: (values) => {
      const common = {
        name: values.name.trim(),
        description: values.description.trim(),
        sortOrder: Number(values.sortOrder),
        requiresVerifiedPhone: values.requiresVerifiedPhone,
        adultsOnly: values.adultsOnly,
      };
      return lounge ? updateLounge(lounge.id, common) : createLounge({ slug: values.slug.trim(), ...common });
    },
    onSuccess: (saved, { setValues }) => {
      if (!lounge) setValues(EMPTY);
      onSaved(saved);
    },
    // A taken slug belongs next to the slug; when editing there is no slug field.
    explain: (error) =>
      error instanceof ApiError && error.status === 409
        ? { fields: lounge ? {} : { slug: error.message }, general: lounge ? error.message : null }
        : null,
  });

  function check(name: Rule) {
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
        {!lounge && (
          <TextField label="Slug" hint="In addresses, e.g. main-lounge." spellCheck={false} autoCapitalize="none" maxLength={64} {...bind('slug')} />
        )}
        <TextField label="Name" maxLength={100} {...bind('name')} />
        <TextField label="Sort order" type="number" inputMode="numeric" {...bind('sortOrder')} />
      </div>
      <TextAreaField label="Description" hint="Optional." rows={2} maxLength={500} {...bind('description')} />
      <fieldset className="checkbox-group">
        <legend>Rules for every room in this lounge</legend>
        <CheckboxField label="Verified phone required in every room" {...check('requiresVerifiedPhone')} />
        <CheckboxField label="18+ (age-verified members only)" {...check('adultsOnly')} />
      </fieldset>
      <div>
        <button type="submit">{lounge ? 'Save lounge' : 'Create lounge'}</button>
      </div>
    </form>
  );
}
