import type { TraceEntry } from './trace';

/** The two federation diagrams the playground follows, and their step numbers (1-based). */
export type DiagramSteps = { 'cup-federation'?: number; 'cip-federation'?: number };
export type FollowedDiagram = keyof DiagramSteps;

const finished = (entry: TraceEntry) => entry.status !== null && entry.status < 400 && !entry.error;

/**
 * Which moment of the CUP and CIP federation diagrams a traced exchange is. The direct sign-in (SRP) has no
 * federation steps: it lands on "the app receives user-pool tokens" of the user-pool diagram, and on "the app
 * holds an IdP token" of the identity-pool diagram, where a user pool is the IdP.
 *
 * @example
 * stepsForEntry(getIdEntry) // { 'cip-federation': 3 }
 */
export function stepsForEntry(entry: TraceEntry): DiagramSteps {
  switch (entry.operation) {
    case 'InitiateAuth':
    case 'RespondToAuthChallenge':
      return finished(entry) ? { 'cup-federation': 5, 'cip-federation': 2 } : { 'cip-federation': 1 };
    case 'POST /oauth2/token':
      return { 'cup-federation': 5, 'cip-federation': 2 };
    case 'GET jwks.json':
      return { 'cup-federation': 6 };
    case 'GetId':
      return { 'cip-federation': 3 };
    case 'GetCredentialsForIdentity':
    case 'GetOpenIdToken':
      return { 'cip-federation': finished(entry) ? 5 : 4 };
    case 'AssumeRoleWithWebIdentity':
      return { 'cip-federation': 5 };
    case 'GetCallerIdentity':
      return { 'cip-federation': 6 };
    default:
      return {};
  }
}

/**
 * Where each diagram stands: the step of the selected entry, or else of the latest entry that maps to it.
 *
 * @example
 * currentSteps(trace, null) // { 'cup-federation': 5, 'cip-federation': 3 }
 */
export function currentSteps(entries: readonly TraceEntry[], selected: number | null): DiagramSteps {
  const chosen = selected === null ? undefined : entries.find((entry) => entry.id === selected);
  if (chosen) return stepsForEntry(chosen);
  const steps: DiagramSteps = {};
  for (const entry of entries) Object.assign(steps, stepsForEntry(entry));
  return steps;
}

/**
 * For each step of a diagram, the latest trace entry that reached it, so a diagram step can link to it.
 *
 * @example
 * entriesByStep(trace, 'cip-federation').get(3) // the GetId entry's id
 */
export function entriesByStep(entries: readonly TraceEntry[], diagram: FollowedDiagram): Map<number, number> {
  const map = new Map<number, number>();
  for (const entry of entries) {
    const step = stepsForEntry(entry)[diagram];
    if (step !== undefined) map.set(step, entry.id);
  }
  return map;
}
