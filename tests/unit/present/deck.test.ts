import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  clampPosition,
  DeckError,
  nextPosition,
  parseDeck,
  parsePosition,
  previousPosition
} from '../../../src/lib/present/deck';

// Slide 0 has no diagram, slide 1 a diagram of 2 steps, slide 2 none.
const steps = [0, 2, 0];

describe('moving through the deck', () => {
  it('steps through a diagram before leaving its slide', () => {
    const path = [{ slide: 0, step: 0 }];
    for (let i = 0; i < 4; i++) path.push(nextPosition(steps, path.at(-1)!));
    expect(path).toEqual([
      { slide: 0, step: 0 },
      { slide: 1, step: 0 },
      { slide: 1, step: 1 },
      { slide: 1, step: 2 },
      { slide: 2, step: 0 }
    ]);
    expect(nextPosition(steps, { slide: 2, step: 0 })).toEqual({ slide: 2, step: 0 });
  });

  it('going back lands on the last step of the previous diagram', () => {
    expect(previousPosition(steps, { slide: 2, step: 0 })).toEqual({ slide: 1, step: 2 });
    expect(previousPosition(steps, { slide: 1, step: 0 })).toEqual({ slide: 0, step: 0 });
    expect(previousPosition(steps, { slide: 0, step: 0 })).toEqual({ slide: 0, step: 0 });
  });

  it('reads and clamps positions from the URL', () => {
    expect(parsePosition(new URLSearchParams('slide=2&step=1'), steps)).toEqual({ slide: 1, step: 1 });
    expect(parsePosition(new URLSearchParams('slide=99&step=7'), steps)).toEqual({ slide: 2, step: 0 });
    expect(parsePosition(new URLSearchParams('slide=x'), steps)).toEqual({ slide: 0, step: 0 });
    expect(clampPosition(steps, { slide: 1, step: 9 })).toEqual({ slide: 1, step: 2 });
  });
});

describe('parseDeck', () => {
  const known = { diagrams: ['d'], chapters: ['c'] };
  const slide = { id: 'a', title: 'A', points: [], notes: 'n', chapter: 'c' };

  it('rejects unknown diagrams and chapters and duplicate ids', () => {
    expect(() => parseDeck({ title: 't', slides: [{ ...slide, diagram: 'zz' }] }, known)).toThrowError(
      DeckError
    );
    expect(() => parseDeck({ title: 't', slides: [{ ...slide, chapter: 'zz' }] }, known)).toThrowError(
      'chapter'
    );
    expect(() => parseDeck({ title: 't', slides: [slide, slide] }, known)).toThrowError('twice');
  });

  it('accepts the committed deck', () => {
    const diagrams = readdirSync('content/diagrams')
      .filter((n) => n.endsWith('.json'))
      .map((n) => n.replace('.json', ''));
    const chapters = readdirSync('content/guide').map((n) => n.replace(/^\d{2}-/, '').replace('.md', ''));
    const deck = parseDeck(JSON.parse(readFileSync('content/slides.json', 'utf8')), { diagrams, chapters });
    expect(deck.slides.length).toBeGreaterThan(10);
    expect(new Set(deck.slides.flatMap((s) => (s.diagram ? [s.diagram] : [])))).toEqual(new Set(diagrams));
  });
});

describe('recording slides', () => {
  const known = { diagrams: ['d'], chapters: ['c'] };
  const slide = { id: 'a', title: 'A', points: [], notes: 'n', chapter: 'c' };

  it('accepts a recording slide and refuses one that also has a diagram', () => {
    expect(
      parseDeck({ title: 't', slides: [{ ...slide, recording: true }] }, known).slides[0]?.recording
    ).toBe(true);
    expect(() =>
      parseDeck({ title: 't', slides: [{ ...slide, recording: true, diagram: 'd' }] }, known)
    ).toThrowError('not both');
  });
});
