import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DiagramError,
  diagramSourceHash,
  parseDiagram,
  readSequence,
  stepNumber
} from '../../../src/lib/diagrams';

const source =
  'sequenceDiagram\n  participant A as App\n  participant B\n  A->>B: ask\n  Note over A: n\n  B-->>A: answer';
const definition = (steps: unknown) => ({ id: 't', title: 'T', summary: 'S', mermaid: source, steps });
const step = (messages: number[], holds = 'nothing') => ({
  id: `arrows-${messages.join('-')}`,
  messages,
  participants: ['A'],
  caption: 'c',
  holds
});

describe('readSequence', () => {
  it('lists participants with their names and arrows in source order, ignoring notes', () => {
    expect(readSequence(source)).toEqual({ participants: { A: 'App', B: 'B' }, messages: ['ask', 'answer'] });
  });
});

describe('parseDiagram', () => {
  it('accepts steps that cover every arrow once, in order', () => {
    const diagram = parseDiagram(definition([step([1]), step([2], 'user-pool-tokens')]));
    expect(diagram.steps).toHaveLength(2);
    expect(diagram.messages).toEqual(['ask', 'answer']);
  });

  it('finds a step by its id, whatever its position', () => {
    const diagram = parseDiagram(definition([step([1]), step([2])]));
    expect(stepNumber(diagram, 'arrows-2')).toBe(2);
    const reordered = parseDiagram({
      ...definition([step([1, 2])]),
      steps: [{ ...step([1, 2]), id: 'arrows-2' }]
    });
    expect(stepNumber(reordered, 'arrows-2')).toBe(1);
    expect(stepNumber(diagram, 'missing')).toBe(0);
  });

  it.each([
    ['an arrow left out', [step([1])], 'cover 1 arrows'],
    ['arrows out of order', [step([2]), step([1])], 'out of order'],
    ['an arrow twice', [step([1]), step([1, 2])], 'out of order'],
    ['an unknown holding', [step([1, 2], 'cash')], '"holds"'],
    ['an unknown participant', [{ ...step([1, 2]), participants: ['Z'] }], 'declared participants'],
    ['an empty caption', [{ ...step([1, 2]), caption: ' ' }], 'caption'],
    ['a step without an id', [{ ...step([1, 2]), id: undefined }], '"id"'],
    ['an id that is not kebab-case', [{ ...step([1, 2]), id: 'Get Id' }], '"id"'],
    [
      'the same id twice',
      [
        { ...step([1]), id: 'x' },
        { ...step([2]), id: 'x' }
      ],
      'used twice'
    ]
  ])('rejects %s', (_, steps, message) => {
    expect(() => parseDiagram(definition(steps))).toThrowError(DiagramError);
    expect(() => parseDiagram(definition(steps))).toThrowError(message);
  });
});

describe('the diagrams under content/diagrams', () => {
  const files = readdirSync('content/diagrams').filter((name) => name.endsWith('.json'));
  const mermaidVersion = JSON.parse(readFileSync('node_modules/mermaid/package.json', 'utf8')).version;

  it.each(files)('%s is a valid definition, and its committed SVG was rendered from it', (file) => {
    const diagram = parseDiagram(JSON.parse(readFileSync(`content/diagrams/${file}`, 'utf8')));
    expect(`${diagram.id}.json`).toBe(file);
    const svg = readFileSync(`content/diagrams/rendered/${diagram.id}.svg`, 'utf8');
    const recorded = /source ([0-9a-f]{8})/.exec(svg)?.[1];
    expect(recorded, 'stale SVG: run `node scripts/render-diagrams.js`').toBe(
      diagramSourceHash(diagram.mermaid, mermaidVersion)
    );
    // Every arrow is tagged so steps can light it up.
    for (let n = 1; n <= diagram.messages.length; n++) expect(svg).toContain(`data-msg="${n}"`);
  });
});
