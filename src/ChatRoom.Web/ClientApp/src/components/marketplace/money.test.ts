import { describe, expect, it } from 'vitest';
import { formatMoney, fractionDigits, moneyExample, moneyInputText, parseMoney } from './money.ts';

// Intl puts a no-break space (U+00A0) between a German amount and its sign; written out so the test says which.
const NBSP = '\u00a0';

describe('formatMoney', () => {
  it('turns minor units into the amount, in the given locale', () => {
    expect(formatMoney(1250, 'EUR', 'en-US')).toBe('€12.50');
    expect(formatMoney(1250, 'EUR', 'de-DE')).toBe(`12,50${NBSP}€`);
    expect(formatMoney(123_456_789, 'EUR', 'de-DE')).toBe(`1.234.567,89${NBSP}€`);
    expect(formatMoney(5, 'EUR', 'en-US')).toBe('€0.05');
    expect(formatMoney(-300, 'EUR', 'en-US')).toBe('-€3.00');
  });

  it('uses the currency’s own fraction digits', () => {
    expect(formatMoney(1200, 'JPY', 'en-US')).toBe('¥1,200');
    expect(formatMoney(1200, 'USD', 'en-US')).toBe('$12.00');
    expect(formatMoney(1234, 'KWD', 'en-US')).toBe(`KWD${NBSP}1.234`);
    expect(fractionDigits('JPY')).toBe(0);
    expect(fractionDigits('EUR')).toBe(2);
  });

  it('defaults to the browser’s language', () => {
    expect(formatMoney(1250, 'EUR')).toBe(formatMoney(1250, 'EUR', navigator.language));
  });
});

describe('parseMoney', () => {
  it('accepts a point, a comma or a whole number', () => {
    expect(parseMoney('12.50', 'EUR')).toBe(1250);
    expect(parseMoney('12,50', 'EUR')).toBe(1250);
    expect(parseMoney('12', 'EUR')).toBe(1200);
    expect(parseMoney(' 12.5 ', 'EUR')).toBe(1250);
    expect(parseMoney('0.07', 'EUR')).toBe(7);
    expect(parseMoney('0', 'EUR')).toBe(0);
  });

  it('rejects negatives, junk and more fraction digits than the currency has', () => {
    for (const text of ['', '  ', '-12', '-0.50', '12.505', 'abc', '12 EUR', '€12', '1,000.50', '12.', '.5', '1e3', '12..5', '0x10']) {
      expect(parseMoney(text, 'EUR'), text).toBeNull();
    }
  });

  it('knows a currency without fraction digits', () => {
    expect(parseMoney('1200', 'JPY')).toBe(1200);
    expect(parseMoney('12.5', 'JPY')).toBeNull();
    expect(parseMoney('12,0', 'JPY')).toBeNull();
  });

  it('rejects amounts too large to count exactly', () => {
    expect(parseMoney('99999999999999999999', 'EUR')).toBeNull();
  });
});

describe('moneyInputText', () => {
  it('writes minor units as a price field takes them back', () => {
    expect(moneyInputText(1250, 'EUR')).toBe('12.50');
    expect(moneyInputText(5, 'EUR')).toBe('0.05');
    expect(moneyInputText(1200, 'JPY')).toBe('1200');
    expect(moneyInputText(-250, 'EUR')).toBe('-2.50');
    expect(parseMoney(moneyInputText(987_654, 'EUR'), 'EUR')).toBe(987_654);
    expect(moneyExample('EUR')).toBe('12.50');
    expect(moneyExample('JPY')).toBe('1200');
  });
});
