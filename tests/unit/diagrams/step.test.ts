import { describe, expect, it } from 'vitest';
import { clampStep, parseDiagram, parseStepParam, viewStep } from '../../../src/lib/diagrams';

const diagram = parseDiagram({
  id: 'd',
  title: 'T',
  summary: 'Overview text',
  mermaid: 'sequenceDiagram\n  participant A\n  participant B\n  A->>B: one\n  B-->>A: two\n  A->>B: three',
  steps: [
    { id: 'first', messages: [1, 2], participants: ['A', 'B'], caption: 'First', holds: 'nothing' },
    { id: 'second', messages: [3], participants: ['B'], caption: 'Second', holds: 'aws-credentials' }
  ]
});

describe('steps', () => {
  it('step 0 is the overview: nothing lit, the summary as caption', () => {
    expect(viewStep(diagram, 0)).toMatchObject({
      step: 0,
      count: 2,
      lit: [],
      done: [],
      caption: 'Overview text'
    });
  });

  it('a step lights its arrows and marks earlier ones done', () => {
    expect(viewStep(diagram, 2)).toEqual({
      step: 2,
      count: 2,
      lit: [3],
      done: [1, 2],
      participants: ['B'],
      caption: 'Second',
      holds: 'aws-credentials'
    });
  });

  it('keeps steps in range', () => {
    expect(viewStep(diagram, 99).step).toBe(2);
    expect(clampStep(-4, 5)).toBe(0);
    expect(clampStep(Number.NaN, 5)).toBe(0);
    expect(clampStep(2.7, 5)).toBe(2);
  });

  it('reads only plain numbers from the URL', () => {
    expect(parseStepParam('4')).toBe(4);
    expect(parseStepParam(null)).toBe(0);
    expect(parseStepParam('4; drop')).toBe(0);
    expect(parseStepParam('-1')).toBe(0);
    expect(parseStepParam('1e3')).toBe(0);
  });
});
