/**
 * The browser's event module (site/events/): the mapping from the contact form's and the widget's emitter to the
 * API's kinds, the site search and vote events, the per-tab session id, and the sender's batching. Every batch the
 * sender builds is checked against the API's own schema (api/events/schemas.ts).
 */
import { describe, expect, test } from 'vitest';
import { EventBatchSchema } from '../../api/events/schemas.ts';
import { clipQuery, idFromUrl, searchEvent, toApiEvent, voteEvent } from '../../site/events/mapping.ts';
import { SESSION_ID, type ApiEvent } from '../../site/events/schema.ts';
import { createSender, SENDER_DEFAULTS, type SenderEnv } from '../../site/events/sender.ts';
import { randomSessionId, SESSION_KEY, sessionId } from '../../site/events/session.ts';

const AT = 1_763_805_600_000;

describe('mapping the emitter to the API', () => {
  test('suggestions_shown becomes suggestion_shown with ranks from 1 in the order shown', () => {
    const event = toApiEvent({ type: 'suggestions_shown', surface: 'contact', locale: 'fa', query: ' مودمم چراغ قرمز ', ids: ['fa/modem-red-light', 'fa/modem-setup'], source: 'api' }, AT);
    expect(event).toEqual({
      type: 'suggestion_shown',
      at: AT,
      surface: 'contact',
      locale: 'fa',
      query: 'مودمم چراغ قرمز',
      results: [
        { id: 'fa/modem-red-light', rank: 1 },
        { id: 'fa/modem-setup', rank: 2 },
      ],
    });
  });

  test('answer_feedback carries a verdict instead of a boolean', () => {
    expect(toApiEvent({ type: 'answer_feedback', surface: 'widget', locale: 'en', id: 'en/slow-internet', solved: true }, AT)).toEqual({ type: 'answer_feedback', at: AT, id: 'en/slow-internet', verdict: 'solved' });
    expect(toApiEvent({ type: 'answer_feedback', surface: 'widget', locale: 'en', id: 'en/slow-internet', solved: false }, AT)).toMatchObject({ verdict: 'not_needed' });
  });

  test('ticket_submitted lists the one opened answer, and keeps the reference only when it has the API\'s form', () => {
    expect(toApiEvent({ type: 'ticket_submitted', surface: 'contact', locale: 'fa', reference: 'TZ-7K3Q9D', shown: ['fa/modem-red-light'], opened: 'fa/modem-red-light' }, AT)).toEqual({
      type: 'ticket_submitted',
      at: AT,
      reference: 'TZ-7K3Q9D',
      shown: ['fa/modem-red-light'],
      opened: ['fa/modem-red-light'],
    });
    expect(toApiEvent({ type: 'ticket_submitted', surface: 'widget', locale: 'fa', shown: [] }, AT)).toEqual({ type: 'ticket_submitted', at: AT, shown: [], opened: [] });
    expect(toApiEvent({ type: 'ticket_submitted', surface: 'contact', locale: 'fa', reference: 'tz-۱۲۳۴', shown: [] }, AT)).not.toHaveProperty('reference');
  });

  test('suggestion_opened passes as is; ids and ranks the API would refuse are dropped', () => {
    expect(toApiEvent({ type: 'suggestion_opened', surface: 'contact', locale: 'fa', id: 'fa/reset-password', rank: 2 }, AT)).toEqual({ type: 'suggestion_opened', at: AT, id: 'fa/reset-password', rank: 2 });
    expect(toApiEvent({ type: 'suggestion_opened', surface: 'contact', locale: 'fa', id: 'Reset Password', rank: 2 }, AT)).toBeNull();
    expect(toApiEvent({ type: 'suggestion_opened', surface: 'contact', locale: 'fa', id: 'fa/reset-password', rank: 11 }, AT)).toBeNull();
    const shown = toApiEvent({ type: 'suggestions_shown', surface: 'widget', locale: 'en', query: 'x', ids: ['bad id', ...Array.from({ length: 12 }, (_, i) => `en/a${i}`)], source: 'static' }, AT);
    expect(shown).toMatchObject({ results: Array.from({ length: 10 }, (_, i) => ({ id: `en/a${i}`, rank: i + 1 })) });
  });

  test('queries are cut to the 500 characters the API keeps, counting characters, not UTF-16 units', () => {
    expect([...clipQuery('😀'.repeat(600))]).toHaveLength(500);
  });
});

describe('site search and votes', () => {
  test('a settled search is suggestion_shown with surface "search", or search_no_results', () => {
    expect(searchEvent('modem red', ['en/modem-red-light'], 'en', AT)).toEqual({ type: 'suggestion_shown', at: AT, surface: 'search', locale: 'en', query: 'modem red', results: [{ id: 'en/modem-red-light', rank: 1 }] });
    expect(searchEvent('فیبر قم', [], 'fa', AT)).toEqual({ type: 'search_no_results', at: AT, query: 'فیبر قم', locale: 'fa' });
    expect(searchEvent('   ', [], 'fa', AT)).toBeNull();
  });

  test('a vote keeps a reason only when the answer is no, cut to 300 characters', () => {
    expect(voteEvent('fa/slow-internet', true, 'ignored', AT)).toEqual({ type: 'article_vote', at: AT, id: 'fa/slow-internet', helpful: true });
    expect(voteEvent('fa/slow-internet', false, '  ', AT)).toEqual({ type: 'article_vote', at: AT, id: 'fa/slow-internet', helpful: false });
    expect(voteEvent('fa/slow-internet', false, 'x'.repeat(400), AT)).toMatchObject({ reason: 'x'.repeat(300) });
    expect(voteEvent('not an id', true, undefined, AT)).toBeNull();
  });

  test('ids come from article and video URLs, with or without anchors and ?t=', () => {
    expect(idFromUrl('/fa/articles/modem-red-light/#%DA%86%D8%B1%D8%A7%D8%BA')).toBe('fa/modem-red-light');
    expect(idFromUrl('/en/videos/run-a-speed-test/?t=35')).toBe('en/run-a-speed-test');
    expect(idFromUrl('/en/search/?q=modem')).toBeNull();
  });
});

describe('the per-tab session id', () => {
  const memory = () => {
    const data = new Map<string, string>();
    return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data };
  };

  test('is random, has the API\'s form, and is made once per tab', () => {
    const store = memory();
    const first = sessionId(store);
    expect(first).toMatch(SESSION_ID);
    expect(sessionId(store)).toBe(first);
    expect(store.data.get(SESSION_KEY)).toBe(first);
    expect(sessionId(memory())).not.toBe(first);
    expect(randomSessionId(() => new Uint8Array(16).fill(255))).toBe('f'.repeat(32));
  });

  test('a malformed stored value is replaced; blocked storage still gives a valid id', () => {
    const store = memory();
    store.setItem(SESSION_KEY, 'short');
    expect(sessionId(store)).toMatch(SESSION_ID);
    const blocked = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('SecurityError');
      },
    };
    expect(sessionId(blocked)).toMatch(SESSION_ID);
    expect(sessionId(undefined)).toMatch(SESSION_ID);
  });
});

describe('the sender', () => {
  function fakeEnv(options: { beacon?: boolean | 'throw'; post?: 'reject' | 'throw' } = {}) {
    let now = AT;
    const timers: Array<{ run: () => void; ms: number; cleared: boolean }> = [];
    const beacons: string[] = [];
    const posts: string[] = [];
    let hide: ((leaving: boolean) => void) | undefined;
    const env: SenderEnv = {
      now: () => now,
      setTimer: (run, ms) => {
        const timer = { run, ms, cleared: false };
        timers.push(timer);
        return timer;
      },
      clearTimer: (timer) => void ((timer as { cleared: boolean }).cleared = true),
      beacon: (_url, body) => {
        if (options.beacon === 'throw') throw new TypeError('beacon blocked');
        if (options.beacon === false) return false;
        beacons.push(body);
        return true;
      },
      post: (_url, body) => {
        if (options.post === 'throw') throw new TypeError('fetch blocked');
        posts.push(body);
        return options.post === 'reject' ? Promise.reject(new Error('offline')) : Promise.resolve();
      },
      onHide: (run) => void (hide = run),
    };
    const fire = () => timers.filter((t) => !t.cleared).forEach((t) => ((t.cleared = true), t.run()));
    return { env, timers, beacons, posts, fire, hide: (leaving: boolean) => hide?.(leaving), tick: (ms: number) => void (now += ms) };
  }
  const opened = (n: number): ApiEvent => ({ type: 'suggestion_opened', at: AT + n, id: 'fa/modem-red-light', rank: 1 });
  const parse = (body: string) => EventBatchSchema.parse(JSON.parse(body));

  test('holds events until the timer, then sends one batch the API accepts, by beacon', () => {
    const fake = fakeEnv();
    const sender = createSender({ endpoint: 'https://help.example/api/v1/events', sessionId: () => 'a'.repeat(32), locale: 'fa' }, fake.env);
    sender.send(opened(1));
    sender.send(opened(2));
    sender.send(null);
    expect(fake.beacons).toEqual([]);
    expect(fake.timers).toHaveLength(1);
    expect(fake.timers[0]!.ms).toBe(SENDER_DEFAULTS.flushMs);
    fake.tick(5000);
    fake.fire();
    expect(fake.beacons).toHaveLength(1);
    const batch = parse(fake.beacons[0]!);
    expect(batch).toMatchObject({ sessionId: 'a'.repeat(32), sentAt: AT + 5000, locale: 'fa' });
    expect(batch.events).toHaveLength(2);
    expect(sender.queued).toBe(0);
  });

  test('a full batch leaves at once; more than a batch leaves in several requests', () => {
    const fake = fakeEnv();
    const sender = createSender({ endpoint: '/api/v1/events', sessionId: () => 'b'.repeat(16), batchSize: 3 }, fake.env);
    for (let n = 0; n < 7; n++) sender.send(opened(n));
    expect(fake.beacons.map((body) => parse(body).events.length)).toEqual([3, 3]);
    sender.flush();
    expect(fake.beacons.map((body) => parse(body).events.length)).toEqual([3, 3, 1]);
  });

  test('hiding the page runs the hooks first, then sends everything; the hooks learn whether the page is left', () => {
    const fake = fakeEnv();
    const sender = createSender({ endpoint: '/api/v1/events', sessionId: () => 'c'.repeat(20) }, fake.env);
    const seen: boolean[] = [];
    sender.beforeHide((leaving) => {
      seen.push(leaving);
      if (leaving) sender.send(opened(9));
    });
    sender.beforeHide(() => {
      throw new Error('a broken hook');
    });
    sender.send(opened(1));
    fake.hide(false);
    fake.hide(true);
    expect(seen).toEqual([false, true]);
    expect(fake.beacons.map((body) => parse(body).events.length)).toEqual([1, 1]);
  });

  test('falls back to fetch when the beacon is refused or throws, and never throws itself', () => {
    for (const beacon of [false, 'throw'] as const) {
      const fake = fakeEnv({ beacon });
      const sender = createSender({ endpoint: '/api/v1/events', sessionId: () => 'd'.repeat(16) }, fake.env);
      sender.send(opened(1));
      sender.flush();
      expect(fake.posts).toHaveLength(1);
    }
    for (const post of ['reject', 'throw'] as const) {
      const fake = fakeEnv({ beacon: false, post });
      const sender = createSender({ endpoint: '/api/v1/events', sessionId: () => 'd'.repeat(16) }, fake.env);
      sender.send(opened(1));
      expect(() => sender.flush()).not.toThrow();
    }
  });

  test('keeps at most maxQueued events, dropping the oldest', () => {
    const fake = fakeEnv();
    const sender = createSender({ endpoint: '/api/v1/events', sessionId: () => 'e'.repeat(16), batchSize: 100, maxQueued: 5 }, fake.env);
    for (let n = 0; n < 8; n++) sender.send(opened(n));
    expect(sender.queued).toBe(5);
    sender.flush();
    expect(parse(fake.beacons[0]!).events.map((e) => e.at)).toEqual([3, 4, 5, 6, 7].map((n) => AT + n));
  });

  test('every kind the site sends passes the API\'s schema in one batch', () => {
    const fake = fakeEnv();
    const sender = createSender({ endpoint: '/api/v1/events', sessionId: () => randomSessionId() }, fake.env);
    const events = [
      toApiEvent({ type: 'suggestions_shown', surface: 'widget', locale: 'en', query: 'my modem light is red', ids: ['en/modem-red-light'], source: 'api' }, AT),
      toApiEvent({ type: 'suggestion_opened', surface: 'widget', locale: 'en', id: 'en/modem-red-light', rank: 1 }, AT),
      toApiEvent({ type: 'answer_feedback', surface: 'widget', locale: 'en', id: 'en/modem-red-light', solved: true }, AT),
      toApiEvent({ type: 'ticket_submitted', surface: 'contact', locale: 'en', reference: 'TZ-ABC123', shown: ['en/modem-red-light'] }, AT),
      searchEvent('fiber in qom', [], 'en', AT),
      searchEvent('modem', ['en/modem-setup'], 'en', AT),
      voteEvent('en/modem-setup', false, 'The steps do not match my modem', AT),
    ];
    for (const event of events) sender.send(event);
    sender.flush();
    expect(parse(fake.beacons[0]!).events.map((e) => e.type)).toEqual([
      'suggestion_shown',
      'suggestion_opened',
      'answer_feedback',
      'ticket_submitted',
      'search_no_results',
      'suggestion_shown',
      'article_vote',
    ]);
  });
});
