import deckSource from '../../../content/slides.json';
import { parseDeck, type Deck } from '$lib/present/deck';
import { getDiagram, type RenderedDiagram } from './diagrams';
import { getGuide } from './guide';

/** The presenter deck with the diagrams its slides use, checked at build time. */
export function getDeck(): { deck: Deck; diagrams: Record<string, RenderedDiagram> } {
  const chapters = getGuide().chapters.map((chapter) => chapter.slug);
  const ids = deckSource.slides.flatMap((slide: { diagram?: string }) =>
    slide.diagram ? [slide.diagram] : []
  );
  const diagrams = Object.fromEntries(ids.map((id: string) => [id, getDiagram(id)]));
  return { deck: parseDeck(deckSource, { diagrams: Object.keys(diagrams), chapters }), diagrams };
}
