import { error } from '@sveltejs/kit';
import { neighbours } from '$lib/content';
import type { EntryGenerator } from './$types';
import { getDiagrams, getGuide } from '$lib/server/content';

export const entries: EntryGenerator = () => getGuide().chapters.map(({ slug }) => ({ slug }));

export function load({ params }) {
  const guide = getGuide();
  const chapter = guide.chapters.find((c) => c.slug === params.slug);
  if (!chapter) error(404, 'No such chapter');
  return {
    chapter,
    diagrams: getDiagrams(chapter.blocks.flatMap((block) => (block.kind === 'diagram' ? [block.id] : []))),
    position: { index: guide.chapters.indexOf(chapter) + 1, total: guide.chapters.length },
    ...neighbours(guide, params.slug)
  };
}
