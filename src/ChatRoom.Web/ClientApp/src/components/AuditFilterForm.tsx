import { useId, useRef, useState, type SubmitEvent } from 'react';
import { KNOWN_ACTIONS, KNOWN_ENTITY_TYPES, NO_FILTERS, type AuditFilters } from '../api/audit.ts';
import { TextField } from './Field.tsx';
import { useFocusFirstInvalid } from './useFocusFirstInvalid.ts';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Draft = AuditFilters;
type Errors = Partial<Record<keyof Draft, string>>;

/** `datetime-local` values are the viewer's local time; the Api wants instants. */
export function toInstant(local: string): string | null {
  if (local === '') return '';
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export function toLocalInput(instant: string): string {
  if (instant === '') return '';
  const date = new Date(instant);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${String(date.getFullYear())}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function validate(draft: Draft): { filters: AuditFilters; errors: Errors } {
  const errors: Errors = {};
  const from = toInstant(draft.from);
  const to = toInstant(draft.to);
  if (from === null) errors.from = 'Enter a date and time.';
  if (to === null) errors.to = 'Enter a date and time.';
  if (from && to && from > to) errors.from = 'From must not be after To.';
  const actorId = draft.actorId.trim();
  if (actorId !== '' && !GUID.test(actorId)) errors.actorId = "Actor ID is a user's id, like 0193a1b2-….";
  return {
    filters: {
      action: draft.action.trim(),
      actorId,
      entityType: draft.entityType.trim(),
      entityId: draft.entityId.trim(),
      from: from ?? '',
      to: to ?? '',
    },
    errors,
  };
}

/** Filters as the form shows them: the applied ones, with times in local form. */
function toDraft(filters: AuditFilters): Draft {
  return { ...filters, from: toLocalInput(filters.from), to: toLocalInput(filters.to) };
}

export function AuditFilterForm({
  applied,
  onApply,
  actorFieldId,
}: {
  applied: AuditFilters;
  onApply: (filters: AuditFilters) => void;
  actorFieldId?: string;
}) {
  const [draft, setDraft] = useState<Draft>(() => toDraft(applied));
  const [shownFor, setShownFor] = useState(applied);
  const [errors, setErrors] = useState<Errors>({});
  const form = useRef<HTMLFormElement>(null);
  const actionsId = useId();
  const typesId = useId();
  // A new set of findings on every refused submit.
  useFocusFirstInvalid(form, Object.keys(errors).length > 0 ? errors : null);

  // Filters applied from outside (a "filter by this actor" link) replace what the form shows.
  if (shownFor !== applied) {
    setShownFor(applied);
    setDraft(toDraft(applied));
    setErrors({});
  }

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const { filters, errors: found } = validate(draft);
    setErrors(found);
    if (Object.keys(found).length === 0) onApply(filters);
  }

  function field(name: keyof Draft) {
    return {
      value: draft[name],
      error: errors[name],
      onChange: (event: { target: { value: string } }) => {
        setDraft((d) => ({ ...d, [name]: event.target.value }));
      },
    };
  }

  return (
    <form ref={form} onSubmit={submit} noValidate className="card filters" aria-label="Filter the audit log">
      <TextField label="Action" list={actionsId} autoComplete="off" spellCheck={false} {...field('action')} />
      <datalist id={actionsId}>
        {KNOWN_ACTIONS.map((a) => (
          <option key={a} value={a} />
        ))}
      </datalist>
      <TextField label="Actor ID" id={actorFieldId} autoComplete="off" spellCheck={false} {...field('actorId')} />
      <TextField label="Entity type" list={typesId} autoComplete="off" spellCheck={false} {...field('entityType')} />
      <datalist id={typesId}>
        {KNOWN_ENTITY_TYPES.map((t) => (
          <option key={t} value={t} />
        ))}
      </datalist>
      <TextField label="Entity ID" autoComplete="off" spellCheck={false} {...field('entityId')} />
      <TextField label="From" type="datetime-local" {...field('from')} />
      <TextField label="To" type="datetime-local" {...field('to')} />
      <div className="filter-actions">
        <button type="submit">Apply filters</button>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            setErrors({});
            setDraft(toDraft(NO_FILTERS));
            onApply(NO_FILTERS);
          }}
        >
          Clear filters
        </button>
      </div>
    </form>
  );
}
