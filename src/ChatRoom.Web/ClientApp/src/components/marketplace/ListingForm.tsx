import { MAX_DESCRIPTION_LENGTH, MAX_TITLE_LENGTH, type Listing, type ListingDraft } from '../../api/listings.ts';
import { SelectField, TextAreaField, TextField } from '../Field.tsx';
import { useForm } from '../useForm.ts';
import { ListingProblem } from './ListingProblem.tsx';
import { moneyExample, moneyInputText, parseMoney } from './money.ts';
import { useListingCategories } from './useListingCategories.ts';

// Named as the Api names them, so its validation problem lands next to the right field.
const LABELS = { title: 'Title', description: 'Description', category: 'Category', priceMinor: 'Price' };
type FieldName = keyof typeof LABELS;
type Values = Record<FieldName, string>;

function valuesOf(listing: Listing | null): Values {
  if (!listing) return { title: '', description: '', category: '', priceMinor: '' };
  const { title, description, category, priceMinor, currency } = listing;
  return { title, description, category, priceMinor: moneyInputText(priceMinor, currency) };
}

export interface ListingFormProps {
  /** The listing to change; null for a new one. */
  listing: Listing | null;
  /** The currency prices are typed in: the listing's, or the installation's. */
  currency: string;
  submitLabel: string;
  send: (draft: ListingDraft) => Promise<Listing>;
  onSaved: (listing: Listing) => void;
}

/**
 * Title, description, category and price (typed in major units, sent in minor units). The server checks the rest:
 * its validation problem is shown next to each field, and a member without a verified phone is shown the way to it.
 */
export function ListingForm({ listing, currency, submitLabel, send, onSaved }: ListingFormProps) {
  const categories = useListingCategories();
  const { form, errors, failure, busy, submit, bind } = useForm<Values, FieldName, Listing>(() => valuesOf(listing), {
    labels: LABELS,
    // Only what cannot be sent at all; an empty field goes to the server, which says what it needs.
    validate: ({ priceMinor }) =>
      priceMinor.trim() !== '' && parseMoney(priceMinor, currency) === null
        ? { priceMinor: `Enter the price as an amount such as ${moneyExample(currency)}.` }
        : {},
    send: (values) =>
      send({
        title: values.title.trim(),
        description: values.description.trim(),
        category: values.category || null,
        priceMinor: values.priceMinor.trim() === '' ? null : parseMoney(values.priceMinor, currency),
      }),
    onSuccess: onSaved,
  });

  return (
    <form ref={form} className="stack listing-form" noValidate onSubmit={submit} aria-busy={busy}>
      <ListingProblem message={errors.general} error={failure} />
      <TextField label="Title" maxLength={MAX_TITLE_LENGTH} autoComplete="off" {...bind('title')} />
      <TextAreaField
        label="Description"
        hint={`Optional; up to ${String(MAX_DESCRIPTION_LENGTH)} characters. Line breaks are kept.`}
        rows={6}
        maxLength={MAX_DESCRIPTION_LENGTH}
        {...bind('description')}
      />
      <div className="field-row">
        <SelectField label="Category" {...bind('category')}>
          <option value="">Choose a category</option>
          {categories.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
          {/* The listing's category before the list arrives (or one the list no longer has). */}
          {listing && !categories.some((c) => c.value === listing.category) && <option value={listing.category}>{listing.category}</option>}
        </SelectField>
        <TextField
          label="Price"
          inputMode="decimal"
          autoComplete="off"
          hint={`In ${currency}, for example ${moneyExample(currency)}.`}
          {...bind('priceMinor')}
        />
      </div>
      <div>
        <button type="submit">{submitLabel}</button>
      </div>
    </form>
  );
}
