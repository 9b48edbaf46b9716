import { base } from '$app/paths';
import { renderMarkdown } from '$lib/content';
import { stepNumber } from '$lib/diagrams';
import { getDeck } from '$lib/server/content';

export function load() {
  const { deck, diagrams, recording } = getDeck();
  // Speaker notes are markdown (`code`, *emphasis*), rendered once at build time like the guide.
  const notes = Object.fromEntries(
    deck.slides.map((slide) => [
      slide.id,
      renderMarkdown(slide.notes, { base })
        .blocks.map((block) => (block.kind === 'html' ? block.html : ''))
        .join('')
    ])
  );
  const captions = Object.fromEntries(
    Object.entries(diagrams).map(([id, diagram]) => [id, diagram.steps.map((step) => step.caption)])
  );
  if (recording) captions['recording'] = recording.steps.map((step) => `${step.title}: ${step.caption}`);
  // The previews follow the recorded run on its diagram, as the slides window does.
  // Recorded steps name diagram steps by id; the previews need their numbers.
  const cip = diagrams['cip-federation'];
  const recordingSteps =
    recording?.steps.map((step) => (cip ? stepNumber(cip, step.diagram['cip-federation'] ?? '') : 0)) ?? [];
  return { deck, captions, notes, diagrams, recordingSteps };
}
