// Prices travel in minor units (cents) of a currency; people read and type major units (euros). The number of
// fraction digits is the currency's own (EUR 2, JPY 0, KWD 3), as the browser's Intl knows it.

function currencyFormat(currency: string, locale?: string): Intl.NumberFormat {
  return new Intl.NumberFormat(locale ?? navigator.language, { style: 'currency', currency });
}

/** How many minor units make the currency's fraction part: 2 for EUR (cents), 0 for JPY. */
export function fractionDigits(currency: string): number {
  return currencyFormat(currency, 'en').resolvedOptions().maximumFractionDigits ?? 2;
}

/** An amount in minor units as the reader's locale writes it: 1250 EUR is "€12.50" in en-US, "12,50 €" in de-DE. */
export function formatMoney(minor: number, currency: string, locale?: string): string {
  const format = currencyFormat(currency, locale);
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** digits);
}

/**
 * What a person typed in a price field, in minor units: "12.50", "12,50" and "12" are 1250 for EUR. Null for
 * anything else: negatives, more fraction digits than the currency has, thousands separators, letters, nothing.
 */
export function parseMoney(text: string, currency: string): number | null {
  const match = /^(\d+)(?:[.,](\d+))?$/.exec(text.trim());
  if (!match) return null;
  const [, whole = '', fraction = ''] = match;
  const digits = fractionDigits(currency);
  if (fraction.length > digits) return null;
  const minor = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  return Number.isSafeInteger(minor) ? minor : null;
}

/** An amount in minor units as a price field shows it for editing: 1250 EUR is "12.50", 1200 JPY is "1200". */
export function moneyInputText(minor: number, currency: string): string {
  const digits = fractionDigits(currency);
  const sign = minor < 0 ? '-' : '';
  const text = String(Math.abs(minor)).padStart(digits + 1, '0');
  return digits === 0 ? sign + text : `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/** An example of a price as it is typed, for hints: "12.50" (EUR), "1200" (JPY). */
export function moneyExample(currency: string): string {
  const digits = fractionDigits(currency);
  return digits === 0 ? '1200' : `12.${'50'.padEnd(digits, '0').slice(0, digits)}`;
}
