import deckSource from '../../../content/slides.json';
import { recordingSteps, type ReplayStep } from '$lib/playground/recording';
import { parseDeck, type Deck } from '$lib/present/deck';
import type { DiagramData } from '$lib/diagrams';
import { getDiagram } from './diagrams';
import { getGuide } from './guide';
import { getRecording } from './recording';

export interface DeckRecording {
  label: string;
  steps: ReplayStep[];
}

/** The presenter deck with the diagrams (and the recorded run) its slides use, checked at build time. */
export function getDeck(): {
  deck: Deck;
  diagrams: Record<string, DiagramData>;
  recording: DeckRecording | null;
} {
  const chapters = getGuide().chapters.map((chapter) => chapter.slug);
  const slides = deckSource.slides as { diagram?: string; recording?: boolean }[];
  const usesRecording = slides.some((slide) => slide.recording);
  const ids = [
    ...new Set([
      ...slides.flatMap((slide) => (slide.diagram ? [slide.diagram] : [])),
      // The recorded run is shown on the identity-pool federation diagram.
      ...(usesRecording ? ['cip-federation'] : [])
    ])
  ];
  const diagrams = Object.fromEntries(ids.map((id) => [id, getDiagram(id)]));
  const deck = parseDeck(deckSource, { diagrams: Object.keys(diagrams), chapters });
  const recording = usesRecording ? getRecording() : null;
  return {
    deck,
    diagrams,
    recording: recording ? { label: recording.label, steps: recordingSteps(recording) } : null
  };
}
