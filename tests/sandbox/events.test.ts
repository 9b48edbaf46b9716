// The event feed (sandbox/lib/events.js) stays bounded and answers what came after the reader's last id.
import { describe, expect, it } from 'vitest';
import { createEvents } from '../../sandbox/lib/events.js';

describe('event feed', () => {
  it('keeps the newest events only, with increasing ids, and answers those after an id', () => {
    const feed = createEvents({ max: 3, now: () => new Date('2026-01-01T00:00:00Z') });
    for (let n = 1; n <= 5; n += 1) {
      feed.record({ kind: 'federated-user-created', summary: `user ${n}` });
    }
    const all = feed.since(0);
    expect(all.last).toBe(5);
    expect(all.events.map((event) => event.id)).toEqual([3, 4, 5]);
    expect(all.events[0]).toEqual({
      id: 3,
      at: '2026-01-01T00:00:00.000Z',
      kind: 'federated-user-created',
      summary: 'user 3'
    });
    expect(feed.since(4).events.map((event) => event.summary)).toEqual(['user 5']);
    expect(feed.since(5)).toEqual({ events: [], last: 5 });
    expect(feed.since('garbage').events).toHaveLength(3);
  });
});
