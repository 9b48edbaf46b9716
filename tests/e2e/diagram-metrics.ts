import type { Locator } from '@playwright/test';

/**
 * The smallest label of the diagrams inside `scope`, in CSS pixels as drawn: the label's font size (SVG units)
 * times the SVG's scale on screen. Diagrams not displayed are skipped.
 */
export async function smallestLabel(scope: Locator): Promise<number> {
  return scope.locator('svg.sequence-diagram').evaluateAll((svgs) => {
    const sizes = svgs.flatMap((svg) => {
      const scale = (svg as SVGSVGElement).getScreenCTM()?.a ?? 0;
      if (svg.getBoundingClientRect().width === 0) return [];
      return [...svg.querySelectorAll('text.messageText, text.actor, text.noteText')].map(
        (text) => parseFloat(getComputedStyle(text).fontSize) * scale
      );
    });
    return sizes.length ? Math.min(...sizes) : 0;
  });
}
