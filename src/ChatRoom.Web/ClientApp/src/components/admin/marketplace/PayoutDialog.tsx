import { ErrorCodes } from '../../../api/errorCodes.ts';
import { ApiError } from '../../../api/problems.ts';
import { MAX_PAYOUT_REFERENCE_LENGTH, recordPayout, type Payable } from '../../../api/purchases.ts';
import { nameOf } from '../../../realtime/contracts.ts';
import { Dialog } from '../../Dialog.tsx';
import { ErrorAlert, TextField } from '../../Field.tsx';
import { formatMoney, moneyExample, moneyInputText, parseMoney } from '../../marketplace/money.ts';
import { useForm } from '../../useForm.ts';

// Named as the Api names them, so its validation problem lands next to the right field.
const LABELS = { amountMinor: 'Amount', reference: 'Reference' };
type FieldName = keyof typeof LABELS;

/** Records money paid to a seller outside the platform (a bank transfer): the amount, and the transfer's reference. */
export function PayoutDialog({ payable, onClose, onRecorded }: {
  payable: Payable;
  onClose: () => void;
  /** What is still owed, and the amount paid (minor units). */
  onRecorded: (left: Payable, paidMinor: number) => void;
}) {
  const { currency, owedMinor, seller } = payable;
  const { form, errors, busy, submit, bind } = useForm<Record<FieldName, string>, FieldName, Payable>(
    { amountMinor: moneyInputText(owedMinor, currency), reference: '' },
    {
      labels: LABELS,
      validate: ({ amountMinor }) => {
        const amount = parseMoney(amountMinor, currency);
        if (amount === null) return { amountMinor: `Enter the amount paid, such as ${moneyExample(currency)}.` };
        return amount === 0 ? { amountMinor: 'Enter an amount above zero.' } : {};
      },
      send: ({ amountMinor, reference }) => recordPayout(seller.id, parseMoney(amountMinor, currency) ?? 0, currency, reference.trim() || null),
      onSuccess: (left, sent) => {
        onRecorded(left, parseMoney(sent.values.amountMinor, currency) ?? 0);
      },
      // More than is owed: its detail belongs next to the amount.
      explain: (error) =>
        error instanceof ApiError && error.code === ErrorCodes.payoutInvalid && !error.problem?.errors
          ? { fields: { amountMinor: error.message }, general: null }
          : null,
    },
  );
  return (
    <Dialog title={`Payout to ${nameOf(seller)}`} onClose={onClose}>
      <form ref={form} className="stack" noValidate onSubmit={submit} aria-busy={busy}>
        <p>
          {nameOf(seller)} (@{seller.userName}) is owed {formatMoney(owedMinor, currency)}.
        </p>
        <ErrorAlert message={errors.general} />
        <TextField label="Amount" inputMode="decimal" autoComplete="off" hint={`In ${currency}: what you paid.`} {...bind('amountMinor')} />
        <TextField
          label="Reference"
          autoComplete="off"
          hint="Optional: the transfer’s reference."
          maxLength={MAX_PAYOUT_REFERENCE_LENGTH}
          {...bind('reference')}
        />
        <div className="form-actions">
          <button type="submit">Record payout</button>
          <button type="button" className="secondary" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
