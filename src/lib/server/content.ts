// The one content loader: everything under content/ (the guide, the diagram definitions, the presenter deck, the
// recorded run, the facts the chapters quote) is read by one glob at build time, parsed and checked once by its pure module, and cached. A
// broken file fails the build, as the prerenderer runs these.

import { base } from '$app/paths';
import { buildGuide, parseFacts, resolveFactsDeep, type Facts, type Guide } from '$lib/content';
import { parseDiagram, type DiagramData } from '$lib/diagrams';
import { parseRecording, recordingSteps, type Recording, type ReplayStep } from '$lib/playground/recording';
import { parseDeck, type Deck } from '$lib/present/deck';

const files = import.meta.glob<string>(
  [
    '/content/guide/*.md',
    '/content/diagrams/*.json',
    '/content/slides.json',
    '/content/facts.json',
    '/content/recordings/*.json'
  ],
  { query: '?raw', import: 'default', eager: true }
);

function under(folder: string, extension: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(files).filter(
      ([path]) => path.startsWith(`/content/${folder}/`) && path.endsWith(extension)
    )
  );
}

function json(path: string): unknown {
  const text = files[path];
  if (text === undefined) throw new Error(`content: ${path} does not exist`);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(
      `content: ${path} is not JSON: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error }
    );
  }
}

const cache = new Map<string, unknown>();
function once<T>(key: string, load: () => T): T {
  if (!cache.has(key)) cache.set(key, load());
  return cache.get(key) as T;
}

/** The facts the guide and the deck quote (`{{fact:id}}`), with their sources. */
function getFacts(): Facts {
  return once('facts', () => parseFacts(json('/content/facts.json'), 'content/facts.json'));
}

/** The whole guide, rendered once per build. */
export function getGuide(): Guide {
  return once('guide', () => buildGuide(under('guide', '.md'), { base, facts: getFacts() }));
}

function allDiagrams(): Map<string, DiagramData> {
  return once('diagrams', () => {
    const map = new Map<string, DiagramData>();
    for (const path of Object.keys(under('diagrams', '.json'))) {
      // The mermaid source stays on the server: pages show the prerendered SVG and never need mermaid.
      const { mermaid: _source, ...shown } = parseDiagram(json(path));
      map.set(shown.id, shown);
    }
    return map;
  });
}

/**
 * One diagram's data by id (its SVG is added by a universal load, see `withSvg`); throws, failing the build,
 * for an unknown id.
 */
export function getDiagram(id: string): DiagramData {
  const diagram = allDiagrams().get(id);
  if (!diagram) throw new Error(`unknown diagram "${id}" (content/diagrams/${id}.json does not exist)`);
  return diagram;
}

export function getDiagrams(ids: readonly string[]): Record<string, DiagramData> {
  return Object.fromEntries(ids.map((id) => [id, getDiagram(id)]));
}

/** The committed sample run (scripts/record-sample-run.js), checked at build time. */
export function getRecording(): Recording {
  return once('recording', () => parseRecording(json('/content/recordings/sample-run.json')));
}

export interface DeckRecording {
  label: string;
  steps: ReplayStep[];
}

/** The presenter deck with the diagrams (and the recorded run) its slides use, checked at build time. */
export function getDeck(): {
  deck: Deck;
  diagrams: Record<string, DiagramData>;
  recording: DeckRecording | null;
  federationMoves: FederationMoves;
} {
  const source = resolveFactsDeep(
    json('/content/slides.json') as { slides: { diagram?: string; recording?: boolean }[] },
    getFacts(),
    'content/slides.json'
  );
  const chapters = getGuide().chapters.map((chapter) => chapter.slug);
  const usesRecording = source.slides.some((slide) => slide.recording);
  const ids = [
    ...new Set([
      ...source.slides.flatMap((slide) => (slide.diagram ? [slide.diagram] : [])),
      // The recorded run is shown on the identity-pool federation diagram.
      ...(usesRecording ? ['cip-federation'] : [])
    ])
  ];
  const diagrams = getDiagrams(ids);
  const deck = parseDeck(source, { diagrams: Object.keys(diagrams), chapters });
  const recording = usesRecording ? getRecording() : null;
  return {
    deck,
    diagrams,
    recording: recording ? { label: recording.label, steps: recordingSteps(recording) } : null,
    federationMoves: federationMoves(getRecording())
  };
}

/** What moved at a step of a federation diagram in the recorded run (the sentence, not the values). */
export interface RecordedMove {
  what: string;
  operation: string;
  outOfSight: boolean;
}

/** For each federation diagram, its step ids to what the recorded run moved there (the latest exchange). */
export type FederationMoves = Record<string, Record<string, RecordedMove>>;

function federationMoves(recording: Recording): FederationMoves {
  const moves: FederationMoves = {};
  const runs = recording.federation;
  if (!runs) return moves;
  for (const run of [runs.userPool, runs.identityPool]) {
    for (const step of run.steps) {
      moves[step.diagram] ??= {};
      moves[step.diagram]![step.step] = {
        what: step.moved.what,
        operation: step.operation,
        outOfSight: step.outOfSight
      };
    }
  }
  return moves;
}
