import { getDeck } from '$lib/server/content';

export function load() {
  const { deck, diagrams, recording } = getDeck();
  // The notes window shows captions, not pictures: leave the SVGs out.
  const steps = Object.fromEntries(
    Object.entries(diagrams).map(([id, diagram]) => [id, diagram.steps.map((step) => step.caption)])
  );
  if (recording) steps['recording'] = recording.steps.map((step) => `${step.title}: ${step.caption}`);
  return { deck, captions: steps };
}
