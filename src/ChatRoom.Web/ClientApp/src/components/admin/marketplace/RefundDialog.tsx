import { ErrorCodes } from '../../../api/errorCodes.ts';
import { ApiError } from '../../../api/problems.ts';
import { MAX_REFUND_REASON_LENGTH, refundPurchase, type Purchase } from '../../../api/purchases.ts';
import { Dialog } from '../../Dialog.tsx';
import { ErrorAlert, TextAreaField } from '../../Field.tsx';
import { formatMoney } from '../../marketplace/money.ts';
import { useForm } from '../../useForm.ts';

const LABELS = { reason: 'Reason' };

/**
 * Asks why, then asks the provider to give the buyer the money back. A provider that could not be reached
 * (payment.unavailable) is said here and may be asked again: the refund is made once however often it is asked.
 */
export function RefundDialog({ purchase, onClose, onRefunded, onStale }: {
  purchase: Purchase;
  onClose: () => void;
  onRefunded: (purchase: Purchase) => void;
  /** Refunded or changed meanwhile (purchase.wrong_state): the list should be read again. */
  onStale: () => void;
}) {
  const { form, errors, busy, submit, bind } = useForm(
    { reason: '' },
    {
      labels: LABELS,
      validate: ({ reason }) => (reason.trim() === '' ? { reason: 'Say why the buyer gets the money back.' } : {}),
      send: async ({ reason }) => {
        try {
          return await refundPurchase(purchase.id, reason.trim());
        } catch (error) {
          if (error instanceof ApiError && error.code === ErrorCodes.purchaseWrongState) onStale();
          throw error;
        }
      },
      onSuccess: onRefunded,
    },
  );
  const amount = formatMoney(purchase.amountMinor - purchase.refundedMinor, purchase.currency);
  return (
    <Dialog title={`Refund ${purchase.listingTitle}`} onClose={onClose}>
      <form ref={form} className="stack" noValidate onSubmit={submit} aria-busy={busy}>
        <p>
          The buyer gets {amount} back, and the seller is no longer owed it.
        </p>
        <ErrorAlert message={errors.general} />
        <TextAreaField
          label="Reason"
          hint={`Up to ${String(MAX_REFUND_REASON_LENGTH)} characters; kept with the purchase.`}
          rows={3}
          maxLength={MAX_REFUND_REASON_LENGTH}
          {...bind('reason')}
        />
        <div className="form-actions">
          <button type="submit" className="danger">
            Confirm refund
          </button>
          <button type="button" className="secondary" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
