/** What the client app holds after a step: the thread that runs through every diagram. */
export const HOLDINGS = ['nothing', 'idp-token', 'user-pool-tokens', 'aws-credentials'] as const;
export type Holding = (typeof HOLDINGS)[number];

export const HOLDING_LABELS: Record<Holding, string> = {
  nothing: 'Nothing yet',
  'idp-token': "An identity provider's token",
  'user-pool-tokens': 'User-pool tokens (id, access, refresh)',
  'aws-credentials': 'Temporary AWS credentials'
};

export interface DiagramStep {
  /** Stable name of the step (kebab-case, unique in its diagram): code and recordings refer to it, never to a position. */
  id: string;
  /** 1-based indexes of the arrows this step lights up, in source order. */
  messages: number[];
  /** Participant ids that light up. */
  participants: string[];
  caption: string;
  holds: Holding;
}

export interface Diagram {
  id: string;
  title: string;
  summary: string;
  mermaid: string;
  steps: DiagramStep[];
  /** Participant id to its display name, from the mermaid source. */
  participants: Record<string, string>;
  /** The label of each arrow, in source order (index 0 is arrow 1). */
  messages: string[];
}

export class DiagramError extends Error {
  readonly code = 'ERR_DIAGRAM_DEFINITION';
  constructor(id: string, message: string) {
    super(`diagram ${id}: ${message}`);
    this.name = 'DiagramError';
  }
}

const STEP_ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const ARROW = /^\s*([A-Za-z][\w]*)\s*(-->>|->>|-->|->|--x|-x|--\)|-\))\s*([A-Za-z][\w]*)\s*:\s*(.*)$/;
const PARTICIPANT = /^\s*(?:participant|actor)\s+([A-Za-z][\w]*)(?:\s+as\s+(.+))?$/;

/** Reads the participants and arrows of a mermaid sequence diagram, in source order. */
export function readSequence(source: string): { participants: Record<string, string>; messages: string[] } {
  const participants: Record<string, string> = {};
  const messages: string[] = [];
  for (const line of source.split('\n')) {
    const participant = PARTICIPANT.exec(line);
    if (participant?.[1]) {
      participants[participant[1]] = participant[2]?.trim() ?? participant[1];
      continue;
    }
    const arrow = ARROW.exec(line);
    if (arrow) messages.push(arrow[4]?.trim() ?? '');
  }
  return { participants, messages };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks a diagram definition (content/diagrams/<id>.json) and returns it typed. Every arrow must belong to
 * exactly one step, in order, and every step names known participants and a known holding: a definition that
 * breaks this fails the build instead of showing a half-lit diagram.
 *
 * @example
 * parseDiagram(JSON.parse(readFileSync('content/diagrams/cup-federation.json', 'utf8')))
 */
export function parseDiagram(raw: unknown): Diagram {
  if (!isRecord(raw)) throw new DiagramError('?', 'is not a JSON object');
  const id = typeof raw.id === 'string' ? raw.id : '?';
  for (const key of ['id', 'title', 'summary', 'mermaid'] as const) {
    if (typeof raw[key] !== 'string' || raw[key] === '')
      throw new DiagramError(id, `needs a non-empty "${key}"`);
  }
  const mermaid = raw.mermaid as string;
  if (!mermaid.trimStart().startsWith('sequenceDiagram'))
    throw new DiagramError(id, 'must be a sequenceDiagram');
  const { participants, messages } = readSequence(mermaid);
  if (!Array.isArray(raw.steps) || raw.steps.length === 0)
    throw new DiagramError(id, 'needs at least one step');

  let expected = 1;
  const seen = new Set<string>();
  const steps = raw.steps.map((step: unknown, i): DiagramStep => {
    const where = `step ${i + 1}`;
    if (!isRecord(step)) throw new DiagramError(id, `${where} is not an object`);
    const { id: stepId, messages: stepMessages, participants: lit, caption, holds } = step;
    if (typeof stepId !== 'string' || !STEP_ID.test(stepId)) {
      throw new DiagramError(id, `${where} needs an "id" in kebab-case (e.g. "get-id")`);
    }
    if (seen.has(stepId)) throw new DiagramError(id, `${where}: step id "${stepId}" is used twice`);
    seen.add(stepId);
    if (!Array.isArray(stepMessages) || !stepMessages.every((n) => Number.isInteger(n))) {
      throw new DiagramError(id, `${where}: "messages" must be a list of arrow numbers`);
    }
    for (const n of stepMessages as number[]) {
      if (n !== expected)
        throw new DiagramError(id, `${where}: arrow ${n} is out of order (expected ${expected})`);
      expected += 1;
    }
    if (!Array.isArray(lit) || !lit.every((p) => typeof p === 'string' && p in participants)) {
      throw new DiagramError(id, `${where}: "participants" must name declared participants`);
    }
    if (typeof caption !== 'string' || caption.trim() === '')
      throw new DiagramError(id, `${where} needs a caption`);
    if (!(HOLDINGS as readonly unknown[]).includes(holds)) {
      throw new DiagramError(id, `${where}: "holds" must be one of ${HOLDINGS.join(', ')}`);
    }
    return {
      id: stepId,
      messages: stepMessages as number[],
      participants: lit as string[],
      caption,
      holds: holds as Holding
    };
  });
  if (expected - 1 !== messages.length) {
    throw new DiagramError(id, `steps cover ${expected - 1} arrows but the diagram has ${messages.length}`);
  }
  return {
    id,
    title: raw.title as string,
    summary: raw.summary as string,
    mermaid,
    steps,
    participants,
    messages
  };
}

/**
 * The 1-based position of a step named by its id, or 0 (the overview) when the diagram has no such step.
 *
 * @example
 * stepNumber(cipFederation, 'get-id') // 3
 */
export function stepNumber(diagram: Pick<Diagram, 'steps'>, stepId: string): number {
  return diagram.steps.findIndex((step) => step.id === stepId) + 1;
}
