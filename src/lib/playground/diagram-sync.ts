// "Where the flow stands": which step of the federation diagrams each traced exchange is, read from the
// catalogue's `lights` (operations.ts) and the flow that made the exchange. Steps are named by their ids in
// content/diagrams/<id>.json, never by position.

import { FOLLOWED_DIAGRAMS, operationNamed, type FollowedDiagram } from './operations';
import { succeeded, type TraceEntry } from './types';

/**
 * For each followed diagram an exchange belongs to, the id of its step.
 *
 * @example
 * ```ts
 * const steps: DiagramSteps = { 'cip-federation': 'get-id' };
 * ```
 */
export type DiagramSteps = Partial<Record<FollowedDiagram, string>>;

/**
 * The diagram steps one exchange lights: none while it is in flight, none for an operation the catalogue
 * does not list, and only those its flow may be drawn on (a password sign-in never lights the
 * Google-federation diagram; a failed sign-in lights nothing).
 *
 * @example
 * ```ts
 * stepsForEntry(getIdEntry); // { 'cip-federation': 'get-id' }
 * ```
 */
export function stepsForEntry(entry: TraceEntry): DiagramSteps {
  const operation = operationNamed(entry.operation);
  if (operation === undefined || (entry.status === null && entry.error === null)) return {};
  const outcome = succeeded(entry) ? 'ok' : 'failed';
  const steps: DiagramSteps = {};
  for (const light of operation.lights) {
    if (light.on !== outcome) continue;
    if (light.flows !== undefined && (entry.flow === null || !light.flows.includes(entry.flow))) continue;
    if (light.when !== undefined && !light.when(entry)) continue;
    steps[light.diagram] ??= light.step;
  }
  return steps;
}

/**
 * Where each diagram stands: the step of the selected entry, or else of the latest entry that lights it.
 *
 * @example
 * ```ts
 * currentSteps(trace, null); // { 'cip-federation': 'sts-credentials' }
 * ```
 */
export function currentSteps(entries: readonly TraceEntry[], selected: number | null): DiagramSteps {
  const chosen = selected === null ? undefined : entries.find((entry) => entry.id === selected);
  if (chosen) return stepsForEntry(chosen);
  const steps: DiagramSteps = {};
  for (const entry of entries) Object.assign(steps, stepsForEntry(entry));
  return steps;
}

/**
 * For each step of one diagram, the trace entry that reached it in the run now on screen, so a step can
 * link to its exchange. An exchange that lights step k starts that part of the diagram again: links of
 * later steps from an earlier run are dropped, so links always go forward along the steps.
 *
 * @example
 * ```ts
 * entriesByStep(trace, 'cip-federation', ['idp-sign-in', 'idp-token', 'get-id']).get('get-id'); // 4
 * ```
 */
export function entriesByStep(
  entries: readonly TraceEntry[],
  diagram: FollowedDiagram,
  order: readonly string[]
): Map<string, number> {
  const links = new Map<string, number>();
  for (const entry of entries) {
    const step = stepsForEntry(entry)[diagram];
    if (step === undefined) continue;
    const position = order.indexOf(step);
    for (const later of order.slice(position + 1)) links.delete(later);
    links.set(step, entry.id);
  }
  return links;
}

export { FOLLOWED_DIAGRAMS, type FollowedDiagram };
