import type { Diagram } from './diagram';

/** A diagram as pages receive it from the server: the definition without its mermaid source. */
export type DiagramData = Omit<Diagram, 'mermaid'>;

/** A diagram ready to show: its data plus the SVG rendered at build time by scripts/render-diagrams.js. */
export interface RenderedDiagram extends DiagramData {
  svg: string;
}

// Lazy on purpose: each SVG becomes its own small chunk, fetched only after a client-side navigation. Pages
// get the SVG in their prerendered HTML, and hydration takes it from there (see prerenderedSvg): neither the
// page's inline data nor its first-load JavaScript repeats the SVG text (5 KiB gzip per diagram).
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
  const onPage = prerenderedSvg(diagram.id);
  if (onPage) return { ...diagram, svg: onPage };
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

/**
 * While the prerendered page is being hydrated, the SVG is already in the document (its root carries the id
 * `diagram-<id>`, see scripts/render-diagrams.js): hydration adopts those nodes as they are, so the same text need
 * not be downloaded again.
 * Once the page is interactive (the root layout sets `html[data-hydrated]`), the document may hold another
 * page, and the chunk is the source.
 */
function prerenderedSvg(id: string): string | undefined {
  if (typeof document === 'undefined' || document.documentElement.dataset.hydrated) return undefined;
  return document.getElementById(`diagram-${id}`)?.outerHTML;
}
