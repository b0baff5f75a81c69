import type { SubmitEvent } from 'react';
import { createLounge, updateLounge, type AdminLounge } from '../../api/adminLounges.ts';
import { ApiError } from '../../api/problems.ts';
import { FormMessages, TextAreaField, TextField } from '../Field.tsx';
import { useForm } from '../useForm.ts';

const LABELS = { slug: 'Slug', name: 'Name', description: 'Description', sortOrder: 'Sort order' };
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Creates a lounge, or edits one (`lounge` given: the slug stays). */
export function LoungeForm({ lounge, onSaved }: { lounge?: AdminLounge; onSaved: (lounge: AdminLounge) => void }) {
  const { form, values, setValues, errors, busy, submit, bind } = useForm(
    {
      slug: lounge?.slug ?? '',
      name: lounge?.name ?? '',
      description: lounge?.description ?? '',
      sortOrder: String(lounge?.sortOrder ?? 0),
    },
    LABELS,
  );

  function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const invalid: Partial<Record<keyof typeof LABELS, string>> = {};
    if (!lounge && !SLUG_PATTERN.test(values.slug.trim())) invalid.slug = 'Use lower-case letters, digits and single hyphens.';
    if (values.name.trim() === '') invalid.name = 'Give the lounge a name.';
    if (!Number.isInteger(Number(values.sortOrder))) invalid.sortOrder = 'Use a whole number.';
    const common = { name: values.name.trim(), description: values.description.trim(), sortOrder: Number(values.sortOrder) };
    void submit({
      invalid,
      send: async () => {
        const saved = lounge ? await updateLounge(lounge.id, common) : await createLounge({ slug: values.slug.trim(), ...common });
        if (!lounge) setValues({ slug: '', name: '', description: '', sortOrder: '0' });
        onSaved(saved);
      },
      // A taken slug belongs next to the slug; when editing there is no slug field.
      explain: (error) =>
        error instanceof ApiError && error.status === 409
          ? { fields: lounge ? {} : { slug: error.message }, general: lounge ? error.message : null }
          : null,
    });
  }

  return (
    <form ref={form} onSubmit={onSubmit} noValidate className="stack" aria-busy={busy}>
      <FormMessages error={errors.general} />
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
