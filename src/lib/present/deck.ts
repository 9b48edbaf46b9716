/** A slide as the presenter needs it: an optional diagram with its step count. */
export interface Slide {
  id: string;
  title: string;
  points: string[];
  notes: string;
  chapter: string;
  diagram?: string;
  /** Replays the recorded sample run (content/recordings/sample-run.json) step by step on this slide. */
  recording?: true;
}

export interface Deck {
  title: string;
  slides: Slide[];
}

/** Where the presenter is: slide index (0-based) and the diagram step on it (0 = overview). */
export interface Position {
  slide: number;
  step: number;
}

export class DeckError extends Error {
  readonly code = 'ERR_SLIDES_DEFINITION';
  constructor(message: string) {
    super(`content/slides.json: ${message}`);
    this.name = 'DeckError';
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks content/slides.json. Diagram ids and chapter slugs are checked against the ones that exist, so a typo
 * fails the build rather than a talk.
 */
export function parseDeck(raw: unknown, known: { diagrams: string[]; chapters: string[] }): Deck {
  if (
    !isRecord(raw) ||
    typeof raw.title !== 'string' ||
    !Array.isArray(raw.slides) ||
    raw.slides.length === 0
  ) {
    throw new DeckError('needs a "title" and a non-empty "slides" list');
  }
  const ids = new Set<string>();
  const slides = raw.slides.map((slide: unknown, i): Slide => {
    const where = `slide ${i + 1}`;
    if (!isRecord(slide)) throw new DeckError(`${where} is not an object`);
    const { id, title, points, notes, chapter, diagram, recording } = slide;
    if (typeof id !== 'string' || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id))
      throw new DeckError(`${where}: bad "id"`);
    if (ids.has(id)) throw new DeckError(`${where}: id "${id}" is used twice`);
    ids.add(id);
    if (typeof title !== 'string' || title === '') throw new DeckError(`${where}: needs a "title"`);
    if (!Array.isArray(points) || !points.every((p) => typeof p === 'string')) {
      throw new DeckError(`${where}: "points" must be a list of strings`);
    }
    if (typeof notes !== 'string') throw new DeckError(`${where}: needs "notes"`);
    if (typeof chapter !== 'string' || !known.chapters.includes(chapter)) {
      throw new DeckError(`${where}: "chapter" must be a guide chapter slug`);
    }
    if (diagram !== undefined && (typeof diagram !== 'string' || !known.diagrams.includes(diagram))) {
      throw new DeckError(`${where}: unknown diagram "${String(diagram)}"`);
    }
    if (recording !== undefined && recording !== true)
      throw new DeckError(`${where}: "recording" must be true`);
    if (recording && diagram)
      throw new DeckError(`${where}: a slide shows a diagram or the recording, not both`);
    return {
      id,
      title,
      points: points as string[],
      notes,
      chapter,
      ...(diagram ? { diagram } : {}),
      ...(recording ? { recording } : {})
    };
  });
  return { title: raw.title, slides };
}

/**
 * The next position: through the current slide's diagram steps first, then to the next slide's start.
 * `steps[i]` is the number of diagram steps on slide i (0 without a diagram).
 *
 * @example
 * nextPosition([0, 3], { slide: 1, step: 1 }) // { slide: 1, step: 2 }
 */
export function nextPosition(steps: readonly number[], at: Position): Position {
  if (at.step < (steps[at.slide] ?? 0)) return { slide: at.slide, step: at.step + 1 };
  if (at.slide < steps.length - 1) return { slide: at.slide + 1, step: 0 };
  return at;
}

/** The previous position: back through the diagram steps, then to the previous slide's last step. */
export function previousPosition(steps: readonly number[], at: Position): Position {
  if (at.step > 0) return { slide: at.slide, step: at.step - 1 };
  if (at.slide > 0) return { slide: at.slide - 1, step: steps[at.slide - 1] ?? 0 };
  return at;
}

/** Keeps a position inside the deck. */
export function clampPosition(steps: readonly number[], at: Position): Position {
  const slide = Math.min(Math.max(Number.isFinite(at.slide) ? Math.trunc(at.slide) : 0, 0), steps.length - 1);
  const step = Math.min(Math.max(Number.isFinite(at.step) ? Math.trunc(at.step) : 0, 0), steps[slide] ?? 0);
  return { slide, step };
}

/** Reads `?slide=N&step=M` (slide 1-based, as people count). */
export function parsePosition(params: URLSearchParams, steps: readonly number[]): Position {
  const number = (value: string | null, fallback: number) =>
    value !== null && /^\d{1,3}$/.test(value) ? Number(value) : fallback;
  return clampPosition(steps, {
    slide: number(params.get('slide'), 1) - 1,
    step: number(params.get('step'), 0)
  });
}
