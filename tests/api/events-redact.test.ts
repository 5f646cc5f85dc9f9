/**
 * redact(): table tests for each kind of personal data in the scripts customers type, and property tests against
 * an oracle (no "x@y" and no sequence of 6 or more digits survives), idempotence and totality.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { redact } from '../../api/events/redact.ts';

const table: Array<[string, string, string]> = [
  ['an email address', 'ایمیلم ali.rezaei@example.com است', 'ایمیلم [email] است'],
  ['an email address in parentheses', 'write to (sara+help@mail.example.co.ir) please', 'write to [email] please'],
  ['a Persian-script address', 'نشانی علی@مثال.ایران', 'نشانی [email]'],
  ['an Iranian mobile in Persian digits with spaces', 'شماره من ۰۹۱۲ ۳۴۵ ۶۷۸۹ است', 'شماره من [phone] است'],
  ['an Iranian mobile in Arabic-Indic digits', 'رقم ٠٩١٢٣٤٥٦٧٨٩', 'رقم [phone]'],
  ['an Iranian mobile in ASCII digits with dashes', 'call 0912-345-6789 now', 'call [phone] now'],
  ['a +98 mobile', 'my number is +98 912 345 6789', 'my number is [phone]'],
  ['a 00989 mobile in Persian digits', 'شماره ۰۰۹۸۹۱۲۳۴۵۶۷۸۹', 'شماره [phone]'],
  ['a mobile without the leading zero', 'sim 9123456789 locked', 'sim [phone] locked'],
  ['a Tehran landline', 'تلفن ثابت 021-88776655', 'تلفن ثابت [phone]'],
  ['a spaced card number', 'کارت 6037 9911 2233 4455 شارژ نشد', 'کارت [card] شارژ نشد'],
  ['a card number in Persian digits with dashes', 'کارت ۶۰۳۷-۹۹۱۱-۲۲۳۳-۴۴۵۵', 'کارت [card]'],
  ['a Sheba number', 'شبا IR12 3456 7890 1234 5678 9012 34 برای بازگشت وجه', 'شبا [iban] برای بازگشت وجه'],
  ['a Sheba number in Persian digits, lower case', 'ir۱۲۰۱۷۰۰۰۰۰۰۰۱۲۳۴۵۶۷۸۹۰۱۲', '[iban]'],
  ['a long digit run', 'tracking code 123456', 'tracking code [number]'],
  ['a bill id in Persian digits', 'شناسه قبض ۸۸۷۷۶۶۵۵۴۴', 'شناسه قبض [number]'],
  ['digits split by invisible marks', 'شماره ۰۹۱۲\u200c۳۴۵\u200f۶۷۸۹', 'شماره [phone]'],
];

const kept = ['پشتیبانی ۱۵۷۰', 'Home 50 plan', 'TizBox F1 and 5G', 'بسته ۳۰ گیگ ۱۴۰۰۰ تومان', 'price 500,000 rials', 'USSD *800#', ''];

describe('redact: each kind of personal data', () => {
  for (const [name, input, expected] of table) {
    test(`replaces ${name}`, () => {
      expect(redact(input)).toBe(expected);
    });
  }
  for (const input of kept) {
    test(`keeps ${JSON.stringify(input)} (short numbers carry meaning)`, () => {
      expect(redact(input)).toBe(input);
    });
  }
});

// Oracles: what must never be left after redaction.
const EMAIL_LEFT = /[^\s@]@[^\s@]/u;
const DIGITS_LEFT = /\p{Nd}(?:[\s\-.()\u200b-\u200f\u202a-\u202e\u2066-\u2069]?\p{Nd}){5,}/u;

const digitScripts = ['0123456789', '۰۱۲۳۴۵۶۷۸۹', '٠١٢٣٤٥٦٧٨٩'];
const digitString = (length: number) =>
  fc.tuple(fc.constantFrom(...digitScripts), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length })).map(([script, digits]) => digits.map((d) => script[d]).join(''));
const separator = fc.constantFrom('', ' ', '-', '.', '\u200c');
const mobile = fc
  .tuple(fc.constantFrom('09', '+989', '00989', '989', '9'), digitString(9), separator, separator)
  .map(([prefix, rest, a, b]) => `${prefix}${rest.slice(0, 2)}${a}${rest.slice(2, 5)}${b}${rest.slice(5)}`);
const email = fc.tuple(fc.stringMatching(/^[a-z0-9._+-]{1,12}$/), fc.stringMatching(/^[a-z0-9-]{1,10}$/), fc.constantFrom('com', 'ir', 'co.ir', 'example')).map(([user, host, tld]) => `${user}@${host}.${tld}`);
const words = fc.constantFrom('مودم', 'اینترنت', 'قطع', 'شماره', 'ایمیل', 'my', 'number', 'is', 'email', '۱۵۷۰', 'F1', '(', ')', ',', '،', ':');
const text = fc.array(fc.oneof(words, mobile, email, digitString(4), fc.string({ maxLength: 6 })), { maxLength: 12 }).chain((parts) =>
  fc.array(fc.constantFrom(' ', '', '\n', ' - '), { minLength: parts.length, maxLength: parts.length }).map((gaps) => parts.map((part, i) => part + gaps[i]).join('')),
);

describe('redact: properties', () => {
  test('no email or phone-like digit sequence survives', () => {
    fc.assert(
      fc.property(text, (input) => {
        const output = redact(input);
        expect(output).not.toMatch(EMAIL_LEFT);
        expect(output).not.toMatch(DIGITS_LEFT);
      }),
      { numRuns: 2000 },
    );
  });

  test('every generated mobile and email is replaced wherever it stands', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 8 }), fc.oneof(mobile, email), fc.string({ maxLength: 8 }), (before, secret, after) => {
        expect(redact(`${before} ${secret} ${after}`)).not.toContain(secret);
      }),
      { numRuns: 1000 },
    );
  });

  test('is idempotent', () => {
    fc.assert(fc.property(fc.oneof(text, fc.string(), fc.string({ unit: 'binary' })), (input) => redact(redact(input)) === redact(input)), { numRuns: 2000 });
  });

  test('never throws and always returns a string', () => {
    fc.assert(fc.property(fc.anything(), (input) => typeof redact(input as string) === 'string'), { numRuns: 500 });
  });
});
