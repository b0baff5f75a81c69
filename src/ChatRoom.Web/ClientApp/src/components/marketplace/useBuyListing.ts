import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { ErrorCodes } from '../../api/errorCodes.ts';
import { ApiError } from '../../api/problems.ts';
import { purchaseListing } from '../../api/purchases.ts';
import { queryKeys } from '../../api/queryKeys.ts';
import { purchasePath } from '../../routing/paths.ts';
import { checkout, isCheckoutUrl } from './checkout.ts';

/**
 * "Buy now": the server holds the listing for the buyer and answers with the provider's checkout, where the browser
 * goes. When someone else got there first (or it is gone) the listing is read again, so the page shows why.
 */
export function useBuyListing(listingId: string) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const refreshListing = () => queryClient.invalidateQueries({ queryKey: queryKeys.marketplace.listing(listingId) });
  return useMutation({
    mutationFn: () => purchaseListing(listingId),
    onSuccess: (purchase) => {
      queryClient.setQueryData(queryKeys.marketplace.purchases.one(purchase.id), purchase);
      void queryClient.invalidateQueries({ queryKey: queryKeys.marketplace.lists });
      void queryClient.invalidateQueries({ queryKey: queryKeys.marketplace.purchases.all, refetchType: 'none' });
      // No checkout to go to (it could not start): the purchase's page says what became of it.
      if (purchase.checkoutUrl !== null && isCheckoutUrl(purchase.checkoutUrl)) checkout.open(purchase.checkoutUrl);
      else void navigate(purchasePath(purchase.id));
    },
    onError: (error) => {
      const code = error instanceof ApiError ? error.code : null;
      if (code === ErrorCodes.purchaseUnavailable || code === ErrorCodes.listingNotFound) void refreshListing();
    },
  });
}
