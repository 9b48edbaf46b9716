import { error } from '@sveltejs/kit';
import { getDiagram } from '$lib/server/content';

const pair = () => {
  const left = getDiagram('cup-federation');
  const right = getDiagram('cip-federation');
  if (left.steps.length !== right.steps.length) {
    throw new Error('cup-federation and cip-federation must have the same number of steps to step together');
  }
  return { left, right };
};

/**
 * Every step has its own prerendered page (/compare/3): the step controls are plain links, so a click before
 * the scripts have loaded (or without them) still lands on that step, drawn by the server.
 */
export function entries() {
  return pair().left.steps.map((_, i) => ({ step: String(i + 1) }));
}

export function load({ params }) {
  const { left, right } = pair();
  const step = params.step === undefined ? 0 : Number(params.step);
  if (!/^\d{0,3}$/.test(params.step ?? '') || step > left.steps.length) error(404, 'No such step');
  return { left, right, step };
}
