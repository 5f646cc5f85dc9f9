/** The contact page's checks before filing a ticket agree with the API's rules (api/tickets). */
import { describe, expect, test } from 'vitest';
import { TICKET_LIMITS } from '../../api/tickets/config.ts';
import { TICKET_FIELD_LIMITS, validateTicket } from '../../site/islands/contact-ticket.ts';

const valid = { subject: 'اینترنت قطع است', description: 'مودمم چراغ قرمز میزنه و اینترنت وصل نمیشه', email: 'sara@example.com' };

describe('validateTicket', () => {
  test('the limits are the API\'s', () => {
    expect(TICKET_FIELD_LIMITS.subject).toEqual(TICKET_LIMITS.subject);
    expect(TICKET_FIELD_LIMITS.description).toEqual(TICKET_LIMITS.description);
    expect(TICKET_FIELD_LIMITS.emailMax).toBe(TICKET_LIMITS.emailMax);
    expect(TICKET_FIELD_LIMITS.suggestionsShownMax).toBe(TICKET_LIMITS.suggestionsShownMax);
  });

  test('a complete ticket passes', () => {
    expect(validateTicket(valid)).toEqual({});
  });

  test.each([
    [{ subject: 'ab' }, { subject: 'invalid' }],
    [{ subject: 'x'.repeat(201) }, { subject: 'invalid' }],
    [{ subject: 'two\nlines' }, { subject: 'invalid' }],
    [{ description: '   short   ' }, { description: 'invalid' }],
    [{ description: 'x'.repeat(5001) }, { description: 'tooLong' }],
    [{ email: 'sara@example' }, { email: 'invalid' }],
    [{ email: 'not an email' }, { email: 'invalid' }],
    [{ subject: '', description: '', email: '' }, { subject: 'invalid', description: 'invalid', email: 'invalid' }],
  ])('%j → %j', (change, expected) => {
    expect(validateTicket({ ...valid, ...change })).toEqual(expected);
  });

  test('lengths count characters, not UTF-16 units, at the boundary', () => {
    expect(validateTicket({ ...valid, subject: 'abc' })).toEqual({});
    expect(validateTicket({ ...valid, description: '۰۱۲۳۴۵۶۷۸۹' })).toEqual({});
  });
});
