import type { Diagram, Holding } from './diagram';

/** What a diagram shows at one step. Step 0 is the overview: nothing lit, nothing dimmed. */
export interface StepView {
  step: number;
  count: number;
  /** Arrows of this step. */
  lit: number[];
  /** Arrows of earlier steps, shown as already done. */
  done: number[];
  participants: string[];
  caption: string;
  holds: Holding;
}

/** Keeps a step inside 0..count; anything that is not a number is the overview. */
export function clampStep(step: number, count: number): number {
  return Number.isFinite(step) ? Math.min(Math.max(Math.trunc(step), 0), count) : 0;
}

/**
 * Reads a step from a URL query value. Only plain whole numbers count; anything else is the overview.
 *
 * @example
 * parseStepParam('3') // 3
 * parseStepParam('x') // 0
 */
export function parseStepParam(value: string | null | undefined): number {
  if (value == null || !/^\d{1,3}$/.test(value)) return 0;
  return Number(value);
}

/**
 * Everything on screen for `step`, derived from the diagram definition.
 *
 * @example
 * viewStep(diagram, 2).lit // the arrows step 2 lights up
 */
export function viewStep(diagram: Pick<Diagram, 'steps' | 'summary'>, step: number): StepView {
  const count = diagram.steps.length;
  const at = clampStep(step, count);
  if (at === 0) {
    return {
      step: 0,
      count,
      lit: [],
      done: [],
      participants: [],
      caption: diagram.summary,
      holds: 'nothing'
    };
  }
  const current = diagram.steps[at - 1]!;
  return {
    step: at,
    count,
    lit: current.messages,
    done: diagram.steps.slice(0, at - 1).flatMap((s) => s.messages),
    participants: current.participants,
    caption: current.caption,
    holds: current.holds
  };
}
