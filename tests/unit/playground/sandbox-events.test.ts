// The sandbox's event feed (IDP contract, "Event feed"): read through the given fetch, tolerant of what it
// does not know.
import { describe, expect, it } from 'vitest';
import { parseSandboxEvents, readSandboxEvents } from '../../../src/lib/playground/sandbox-events';

const EVENT = {
  id: 7,
  at: '2026-01-15T09:00:01.000Z',
  kind: 'idp-code-redeemed',
  summary: 'The user pool redeemed the code at LensIdP',
  request: {
    method: 'POST',
    url: 'http://127.0.0.1:9230/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'code=abc'
  },
  response: { status: 200, headers: {}, body: { id_token: 'eyJ.x.y' } }
};

describe('parseSandboxEvents', () => {
  it('keeps events with id, time and kind, and drops anything else', () => {
    const parsed = parseSandboxEvents({
      events: [EVENT, { id: 'x' }, null, { id: 8, at: 'later', kind: 'federated-user-created' }],
      last: 8
    });
    expect(parsed.last).toBe(8);
    expect(parsed.events.map((event) => event.id)).toEqual([7, 8]);
    expect(parsed.events[0]?.request?.body).toBe('code=abc');
    expect(parsed.events[1]?.summary).toBe('federated-user-created');
  });
  it('reads nothing from something that is not a feed', () => {
    expect(parseSandboxEvents('nope')).toEqual({ events: [], last: 0 });
  });
});

describe('readSandboxEvents', () => {
  it('asks the feed after a cursor, through the given fetch', async () => {
    const urls: string[] = [];
    const fetchFn = (async (url: string) => {
      urls.push(url);
      return new Response(JSON.stringify({ events: [EVENT], last: 7 }), {
        headers: { 'content-type': 'application/json' }
      });
    }) as unknown as typeof fetch;
    const feed = await readSandboxEvents('http://127.0.0.1:9229/', 3, fetchFn);
    expect(urls).toEqual(['http://127.0.0.1:9229/sandbox/events?after=3']);
    expect(feed.events).toHaveLength(1);
  });
  it('fails on an error answer', async () => {
    const fetchFn = (async () => new Response('no', { status: 404 })) as unknown as typeof fetch;
    await expect(readSandboxEvents('http://127.0.0.1:9229', 0, fetchFn)).rejects.toThrow(/HTTP 404/);
  });
});
