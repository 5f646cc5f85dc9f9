/**
 * The funnel on scripted sessions: each session is a few events at minute offsets, and each test states the bucket
 * it must land in and why. Then a scripted day with exact expected counts per day and locale.
 */
import { describe, expect, test } from 'vitest';
import type { StoredEvent, StoredEventData } from '../../api/events/schemas.ts';
import { classifySession, funnelByDay, type Bucket, type FunnelOptions } from '../../api/insights/funnel.ts';

const T0 = Date.parse('2026-11-21T09:00:00.000Z');
const MIN = 60_000;
const WINDOW = 30 * MIN;
const OPTIONS: FunnelOptions = { windowMs: WINDOW, now: T0 + 24 * 60 * MIN };

type Step = [minute: number, data: StoredEventData];
const shown = (ids = ['fa/modem-red-light']): StoredEventData => ({ type: 'suggestion_shown', surface: 'contact', query: 'مودم قرمز', terms: ['مودم', 'قرمز'], results: ids.map((id, i) => ({ id, rank: i + 1 })) });
const noResults: StoredEventData = { type: 'suggestion_shown', surface: 'contact', query: 'xyz', terms: ['xyz'], results: [] };
const opened = (id = 'fa/modem-red-light'): StoredEventData => ({ type: 'suggestion_opened', id, rank: 1 });
const feedback = (verdict: 'solved' | 'not_needed', id = 'fa/modem-red-light'): StoredEventData => ({ type: 'answer_feedback', id, verdict });
const ticket = (shownIds: string[] = [], openedIds: string[] = []): StoredEventData => ({ type: 'ticket_submitted', ticketId: 't-1', reference: 'TZ-AAAAAA', shown: shownIds, opened: openedIds });

function session(steps: Step[], options: { id?: string; start?: number; locale?: 'fa' | 'en' } = {}): StoredEvent[] {
  const start = options.start ?? T0;
  return steps.map(([minute, data]) => ({ sessionId: options.id ?? 's', at: start + minute * MIN, receivedAt: start + minute * MIN, locale: options.locale ?? 'fa', data }));
}

const cases: Array<[string, Step[], Bucket | null, string | null]> = [
  ['said "this solved my problem" and filed nothing', [[0, shown()], [1, opened()], [2, feedback('solved')]], 'confirmed', 'fa/modem-red-light'],
  ['opened a suggestion and filed nothing for 30 minutes', [[0, shown()], [1, opened('fa/slow-internet')]], 'probable', 'fa/slow-internet'],
  ['the last opened suggestion gets the credit', [[0, shown(['fa/a', 'fa/b'])], [1, opened('fa/a')], [3, opened('fa/b')]], 'probable', 'fa/b'],
  ['opened, then filed within the window', [[0, shown()], [1, opened()], [10, ticket(['fa/modem-red-light'])]], 'informedButFiled', null],
  ['filed exactly at the end of the window (the window is inclusive)', [[0, shown()], [1, opened()], [31, ticket()]], 'informedButFiled', null],
  ['filed one minute after the window closed: still a probable deflection', [[0, shown()], [1, opened()], [32, ticket()]], 'probable', 'fa/modem-red-light'],
  ['filed long after, but the ticket lists what was opened', [[0, shown()], [1, opened()], [120, ticket(['fa/modem-red-light'], ['fa/modem-red-light'])]], 'informedButFiled', null],
  ['said solved, then filed within the window: the ticket wins', [[0, shown()], [1, feedback('solved')], [5, ticket()]], 'informedButFiled', null],
  ['filed without opening any suggestion', [[0, shown()], [2, ticket(['fa/modem-red-light'])]], 'ignored', null],
  ['filed before opening, then opened one', [[0, shown()], [1, ticket()], [3, opened()]], 'ignored', null],
  ['filed with no suggestion shown first', [[0, noResults], [2, ticket()]], 'gap', null],
  ['filed from a form with no suggestions at all', [[0, ticket()]], 'gap', null],
  ['suggestions shown only after the ticket', [[0, ticket()], [1, shown()], [2, opened()]], 'gap', null],
  ['saw suggestions and left', [[0, shown()]], 'noAction', null],
  ['said "not what I need" and left: no deflection claimed', [[0, shown()], [1, feedback('not_needed')]], 'noAction', null],
  ['rejected one answer, then opened another and left', [[0, shown(['fa/a', 'fa/b'])], [1, feedback('not_needed', 'fa/a')], [2, opened('fa/b')]], 'probable', 'fa/b'],
  ['searched and found nothing, filed nothing', [[0, noResults]], null, null],
];

describe('classifySession', () => {
  for (const [name, steps, bucket, credit] of cases) {
    test(`${name}: ${bucket ?? 'outside the funnel'}`, () => {
      const outcome = classifySession(session(steps), OPTIONS);
      expect(outcome.bucket).toBe(bucket);
      expect(outcome.deflectedBy).toBe(credit);
    });
  }

  test('an open less than the window ago is pending, and becomes probable once the window has passed', () => {
    const events = session([[0, shown()], [1, opened()]]);
    expect(classifySession(events, { windowMs: WINDOW, now: T0 + 30 * MIN }).bucket).toBe('pending');
    expect(classifySession(events, { windowMs: WINDOW, now: T0 + 31 * MIN }).bucket).toBe('probable');
  });

  test('the window is configurable', () => {
    const events = session([[0, shown()], [1, opened()], [20, ticket()]]);
    expect(classifySession(events, { ...OPTIONS, windowMs: 30 * MIN }).bucket).toBe('informedButFiled');
    expect(classifySession(events, { ...OPTIONS, windowMs: 10 * MIN }).bucket).toBe('probable');
  });
});

describe('funnelByDay on a scripted two-day set', () => {
  // Day 1 (fa): 2 confirmed, 3 probable (one across the window boundary), 1 informed, 2 ignored, 1 no action, 2 gap,
  // 1 session without suggestions. Day 1 (en): 1 confirmed, 1 ignored. Day 2 (fa): 1 probable that starts at 23:50
  // on day 1 is counted on day 1; 1 pending (opened 10 minutes before "now").
  const day1 = Date.parse('2026-11-21T08:00:00.000Z');
  const now = Date.parse('2026-11-22T12:00:00.000Z');
  const scripts: Array<[Step[], { start: number; locale: 'fa' | 'en' }]> = [
    [[[0, shown()], [1, opened()], [2, feedback('solved')]], { start: day1, locale: 'fa' }],
    [[[0, shown()], [3, feedback('solved')]], { start: day1 + 60 * MIN, locale: 'fa' }],
    [[[0, shown()], [1, opened()]], { start: day1 + 120 * MIN, locale: 'fa' }],
    [[[0, shown()], [1, opened()], [45, ticket()]], { start: day1 + 180 * MIN, locale: 'fa' }],
    [[[0, shown()], [1, opened()], [5, ticket([], ['fa/modem-red-light'])]], { start: day1 + 240 * MIN, locale: 'fa' }],
    [[[0, shown()], [2, ticket()]], { start: day1 + 300 * MIN, locale: 'fa' }],
    [[[0, shown()], [9, ticket()]], { start: day1 + 310 * MIN, locale: 'fa' }],
    [[[0, shown()]], { start: day1 + 320 * MIN, locale: 'fa' }],
    [[[0, noResults], [4, ticket()]], { start: day1 + 330 * MIN, locale: 'fa' }],
    [[[0, ticket()]], { start: day1 + 340 * MIN, locale: 'fa' }],
    [[[0, noResults]], { start: day1 + 350 * MIN, locale: 'fa' }],
    [[[0, shown(['en/slow-internet'])], [1, feedback('solved', 'en/slow-internet')]], { start: day1 + 10 * MIN, locale: 'en' }],
    [[[0, shown(['en/slow-internet'])], [1, ticket()]], { start: day1 + 20 * MIN, locale: 'en' }],
    [[[0, shown()], [5, opened()], [40, ticket()]], { start: Date.parse('2026-11-21T23:50:00.000Z'), locale: 'fa' }],
    [[[0, shown()], [1, opened()]], { start: now - 11 * MIN, locale: 'fa' }],
  ];
  const outcomes = scripts.map(([steps, options], i) => classifySession(session(steps, { ...options, id: `s${i}` }), { windowMs: WINDOW, now }));
  const tickets = [
    ...Array.from({ length: 6 }, () => ({ createdAt: day1 + 400 * MIN, locale: 'fa' as const })),
    { createdAt: day1 + 30 * MIN, locale: 'en' as const },
    { createdAt: Date.parse('2026-11-22T00:30:00.000Z'), locale: 'fa' as const },
  ];

  test('Persian: exact counts per day and the rates', () => {
    const { days, total } = funnelByDay({ outcomes, tickets, locale: 'fa' });
    expect(days.map((d) => [d.day, d.sessions, d.withSuggestions, d.confirmed, d.probable, d.informedButFiled, d.ignored, d.pending, d.noAction, d.gap, d.tickets])).toEqual([
      ['2026-11-21', 12, 9, 2, 3, 1, 2, 0, 1, 2, 6],
      ['2026-11-22', 1, 1, 0, 0, 0, 0, 1, 0, 0, 1],
    ]);
    expect(days[0]!.deflectionRate).toBeCloseTo(5 / 9, 10);
    expect(days[0]!.selfServiceScore).toBe(2);
    expect(total).toMatchObject({ sessions: 13, withSuggestions: 10, confirmed: 2, probable: 3, gap: 2, tickets: 7, deflectionRate: 0.5 });
    expect(total.selfServiceScore).toBeCloseTo(13 / 7, 10);
  });

  test('English and all locales', () => {
    expect(funnelByDay({ outcomes, tickets, locale: 'en' }).total).toMatchObject({ sessions: 2, withSuggestions: 2, confirmed: 1, ignored: 1, tickets: 1, deflectionRate: 0.5, selfServiceScore: 2 });
    const all = funnelByDay({ outcomes, tickets }).total;
    expect([all.sessions, all.withSuggestions, all.confirmed + all.probable, all.tickets]).toEqual([15, 12, 6, 8]);
  });

  test('no sessions and no tickets give null rates, not NaN', () => {
    expect(funnelByDay({ outcomes: [], tickets: [] }).total).toMatchObject({ sessions: 0, deflectionRate: null, selfServiceScore: null });
  });
});
