// Leaving the SPA for the payment provider's checkout (Stripe's page, or the development provider's). One object
// with one method, so tests can replace it (`vi.spyOn(checkout, 'open')`) instead of navigating the test DOM.

/** Only a web address: a checkout URL is the server's, but nothing else (`javascript:`) is ever followed. */
export function isCheckoutUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url, window.location.href);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

export const checkout = {
  open(url: string): void {
    window.location.assign(url);
  },
};
