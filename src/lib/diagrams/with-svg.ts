import type { Diagram } from './diagram';

/** A diagram as pages receive it from the server: the definition without its mermaid source. */
export type DiagramData = Omit<Diagram, 'mermaid'>;

/** A diagram ready to show: its data plus the SVG rendered at build time by scripts/render-diagrams.js. */
export interface RenderedDiagram extends DiagramData {
  svg: string;
}

// Lazy on purpose: each SVG becomes its own small chunk. Pages get the SVG in their prerendered HTML; the
// browser fetches the chunk only to hydrate (or after a client-side navigation), so the SVG text is not
// repeated in the page's inline data, which would delay the first paint.
const svgs = import.meta.glob<string>('/content/diagrams/rendered/*.svg', {
  query: '?raw',
  import: 'default'
});

/**
 * Adds the rendered SVG to a diagram's data. Use it in universal `+page.ts` loads.
 *
 * @example
 * const left = await withSvg(data.left);
 */
export async function withSvg(diagram: DiagramData): Promise<RenderedDiagram> {
  const load = svgs[`/content/diagrams/rendered/${diagram.id}.svg`];
  if (!load)
    throw new Error(`diagram ${diagram.id} has no rendered SVG: run node scripts/render-diagrams.js`);
  // The generator comment is for people reading the file, not for the page.
  return { ...diagram, svg: (await load()).replace(/^<!--[\s\S]*?-->\s*/, '') };
}

/** {@link withSvg} for a record of diagrams keyed by id. */
export async function withSvgs(
  diagrams: Record<string, DiagramData>
): Promise<Record<string, RenderedDiagram>> {
  const entries = await Promise.all(
    Object.entries(diagrams).map(async ([id, d]) => [id, await withSvg(d)] as const)
  );
  return Object.fromEntries(entries);
}
