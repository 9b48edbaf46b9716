import { getDeck } from '$lib/server/slides';

export function load() {
  const { deck, diagrams } = getDeck();
  // The notes window shows captions, not pictures: leave the SVGs out.
  const steps = Object.fromEntries(
    Object.entries(diagrams).map(([id, diagram]) => [id, diagram.steps.map((step) => step.caption)])
  );
  return { deck, captions: steps };
}
