import { useRef, useState, type SubmitEvent } from 'react';
import { createLounge, updateLounge, type AdminLounge } from '../../api/adminLounges.ts';
import { ApiError, formErrors, type FormErrors } from '../../api/problems.ts';
import { ErrorAlert, TextAreaField, TextField } from '../Field.tsx';
import { useFocusFirstInvalid } from '../useFocusFirstInvalid.ts';

const LABELS = { slug: 'Slug', name: 'Name', description: 'Description', sortOrder: 'Sort order' };
type FieldName = keyof typeof LABELS;
const NO_ERRORS: FormErrors<FieldName> = { fields: {}, general: null };
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Creates a lounge, or edits one (`lounge` given: the slug stays). */
export function LoungeForm({ lounge, onSaved }: { lounge?: AdminLounge; onSaved: (lounge: AdminLounge) => void }) {
  const [values, setValues] = useState({
    slug: lounge?.slug ?? '',
    name: lounge?.name ?? '',
    description: lounge?.description ?? '',
    sortOrder: String(lounge?.sortOrder ?? 0),
  });
  const [errors, setErrors] = useState(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(form, attempt);

  function fail(next: FormErrors<FieldName>) {
    setErrors(next);
    setAttempt((n) => n + 1);
  }

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const fields: FormErrors<FieldName>['fields'] = {};
    if (!lounge && !SLUG_PATTERN.test(values.slug.trim())) fields.slug = 'Use lower-case letters, digits and single hyphens.';
    if (values.name.trim() === '') fields.name = 'Give the lounge a name.';
    if (!Number.isInteger(Number(values.sortOrder))) fields.sortOrder = 'Use a whole number.';
    if (Object.keys(fields).length > 0) {
      fail({ fields, general: null });
      return;
    }
    setBusy(true);
    setErrors(NO_ERRORS);
    const common = { name: values.name.trim(), description: values.description.trim(), sortOrder: Number(values.sortOrder) };
    try {
      const saved = lounge ? await updateLounge(lounge.id, common) : await createLounge({ slug: values.slug.trim(), ...common });
      if (!lounge) setValues({ slug: '', name: '', description: '', sortOrder: '0' });
      onSaved(saved);
    } catch (error) {
      fail(
        error instanceof ApiError && error.status === 409
          ? { fields: lounge ? {} : { slug: error.message }, general: lounge ? error.message : null }
          : formErrors(error, LABELS),
      );
    } finally {
      setBusy(false);
    }
  }

  function bind(name: FieldName) {
    return {
      value: values[name],
      error: errors.fields[name],
      onChange: (event: { target: { value: string } }) => {
        setValues((v) => ({ ...v, [name]: event.target.value }));
      },
    };
  }

  return (
    <form ref={form} onSubmit={(e) => void submit(e)} noValidate className="stack" aria-busy={busy}>
      <ErrorAlert message={errors.general} />
      <div className="field-row">
        {!lounge && (
          <TextField label="Slug" hint="In addresses, e.g. main-lounge." spellCheck={false} autoCapitalize="none" maxLength={64} {...bind('slug')} />
        )}
        <TextField label="Name" maxLength={100} {...bind('name')} />
        <TextField label="Sort order" type="number" inputMode="numeric" {...bind('sortOrder')} />
      </div>
      <TextAreaField label="Description" hint="Optional." rows={2} maxLength={500} {...bind('description')} />
      <div>
        <button type="submit">{lounge ? 'Save lounge' : 'Create lounge'}</button>
      </div>
    </form>
  );
}
