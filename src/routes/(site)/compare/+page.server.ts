import { getDiagram } from '$lib/server/content';

export function load() {
  const left = getDiagram('cup-federation');
  const right = getDiagram('cip-federation');
  if (left.steps.length !== right.steps.length) {
    throw new Error('cup-federation and cip-federation must have the same number of steps to step together');
  }
  return { left, right };
}
