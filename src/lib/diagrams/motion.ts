// Browser-only: the motion of a step. Web Animations on the prerendered SVG, no library.
import { chipLabel } from './chip';

/** How long one arrow takes to draw and its chip to travel. */
export const ARROW_MS = 750;
const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * Plays a step's arrows one after the other: each draws from sender to receiver while a chip labelled with what
 * it carries (the code, the token, the credentials: see chipLabel) rides along it. With reduced motion
 * nothing moves and the highlight alone shows the step. Returns a function that stops and removes it all.
 */
export function playStepMotion(svg: SVGSVGElement, messages: readonly number[]): () => void {
  if (matchMedia('(prefers-reduced-motion: reduce)').matches) return () => {};
  const animations: Animation[] = [];
  const chips: SVGGElement[] = [];
  messages.forEach((n, i) => {
    const line = svg.querySelector<SVGGeometryElement>(`[class^="messageLine"][data-msg="${n}"]`);
    const text = svg.querySelector<SVGTextElement>(`text.messageText[data-msg="${n}"]`);
    if (!line) return;
    const delay = i * ARROW_MS;
    const length = line.getTotalLength();
    animations.push(
      line.animate(
        [
          { strokeDasharray: `${length}`, strokeDashoffset: `${length}` },
          { strokeDasharray: `${length}`, strokeDashoffset: '0' }
        ],
        { duration: ARROW_MS, delay, easing: 'ease-in-out', fill: 'backwards' }
      )
    );
    if (!(line instanceof SVGLineElement)) return; // a message to itself has no sender-to-receiver path
    const chip = makeChip(svg, chipLabel(text?.textContent ?? ''));
    chips.push(chip);
    const { x1, x2, y1 } = line;
    const from = x1.baseVal.value;
    const to = x2.baseVal.value;
    const y = y1.baseVal.value;
    // Just below the arrow, so the arrow's own label stays readable while the chip passes.
    const at = (x: number) => `translate(${x}px, ${y + 8}px)`;
    animations.push(
      chip.animate(
        [
          { transform: at(from), opacity: 0 },
          { transform: at(from), opacity: 1, offset: 0.1 },
          { transform: at(to), opacity: 1, offset: 0.75 },
          { transform: at(to), opacity: 0 }
        ],
        { duration: ARROW_MS * 1.6, delay, easing: 'ease-in-out', fill: 'both' }
      )
    );
  });
  const last = animations.at(-1);
  if (last) last.finished.then(() => chips.forEach((chip) => chip.remove())).catch(() => {});
  return () => {
    animations.forEach((animation) => animation.cancel());
    chips.forEach((chip) => chip.remove());
  };
}

/** A rounded label centred on (0, 0), appended on top of the diagram. */
function makeChip(svg: SVGSVGElement, label: string): SVGGElement {
  const chip = document.createElementNS(SVG_NS, 'g');
  chip.setAttribute('class', 'chip');
  chip.setAttribute('aria-hidden', 'true');
  chip.style.opacity = '0';
  const box = document.createElementNS(SVG_NS, 'rect');
  const text = document.createElementNS(SVG_NS, 'text');
  text.textContent = label;
  text.setAttribute('text-anchor', 'middle');
  text.setAttribute('dominant-baseline', 'central');
  chip.append(box, text);
  svg.append(chip);
  const width = text.getComputedTextLength() + 14;
  box.setAttribute('x', String(-width / 2));
  box.setAttribute('y', '-12');
  box.setAttribute('width', String(width));
  box.setAttribute('height', '24');
  box.setAttribute('rx', '12');
  return chip;
}
