import type { StepView } from './step';

const TAG = /<(text|line|path|rect)\b([^>]*)>/g;
const CLASS = /\bclass="([^"]*)"/;

/**
 * The rendered SVG with a step's highlight written into its markup: arrows of the step get the class `lit`,
 * earlier ones `done`, and the step's participants `lit`, exactly as the page's script marks them. The server
 * draws every step this way, so a step's own page (/compare/3) shows it without any script.
 *
 * @example
 * markStep(svg, viewStep(diagram, 2)) // '<svg …><text class="messageText lit" data-msg="3">…'
 */
export function markStep(svg: string, view: Pick<StepView, 'lit' | 'done' | 'participants'>): string {
  const lit = new Set(view.lit.map(String));
  const done = new Set(view.done.map(String));
  const actors = new Set(view.participants);
  return svg.replace(TAG, (tag: string, name: string, attributes: string) => {
    const message = /\bdata-msg="(\d+)"/.exec(attributes)?.[1];
    const actor =
      name === 'rect' || name === 'text' ? /\bdata-actor="([^"]*)"/.exec(attributes)?.[1] : undefined;
    if (message === undefined && actor === undefined) return tag;
    const marks = [
      ...(message !== undefined && lit.has(message) ? ['lit'] : []),
      ...(message !== undefined && done.has(message) ? ['done'] : []),
      ...(actor !== undefined && actors.has(actor) ? ['lit'] : [])
    ];
    const current = CLASS.exec(attributes)?.[1];
    const kept = (current ?? '').split(/\s+/).filter((c) => c && c !== 'lit' && c !== 'done');
    const classes = [...kept, ...marks].join(' ');
    if (current === undefined) return marks.length ? `<${name}${attributes} class="${classes}">` : tag;
    return `<${name}${attributes.replace(CLASS, `class="${classes}"`)}>`;
  });
}
