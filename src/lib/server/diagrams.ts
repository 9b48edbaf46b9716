import { parseDiagram, type Diagram } from '$lib/diagrams';

/** A diagram ready to show: its definition and the SVG rendered at build time by scripts/render-diagrams.js. */
export interface RenderedDiagram extends Omit<Diagram, 'mermaid'> {
  svg: string;
}

const definitions = import.meta.glob<unknown>('/content/diagrams/*.json', { import: 'default', eager: true });
const svgs = import.meta.glob<string>('/content/diagrams/rendered/*.svg', {
  query: '?raw',
  import: 'default',
  eager: true
});

let diagrams: Map<string, RenderedDiagram> | undefined;

function load(): Map<string, RenderedDiagram> {
  const map = new Map<string, RenderedDiagram>();
  for (const raw of Object.values(definitions)) {
    const diagram = parseDiagram(raw);
    const svg = svgs[`/content/diagrams/rendered/${diagram.id}.svg`];
    if (!svg)
      throw new Error(`diagram ${diagram.id} has no rendered SVG: run node scripts/render-diagrams.js`);
    // The generator comment is for people reading the file, not for the page.
    // The mermaid source stays on the server: pages show the prerendered SVG and never need mermaid.
    const { mermaid: _source, ...shown } = diagram;
    map.set(diagram.id, { ...shown, svg: svg.replace(/^<!--[\s\S]*?-->\s*/, '') });
  }
  return map;
}

/** One diagram by id; throws (failing the build) for an unknown id. */
export function getDiagram(id: string): RenderedDiagram {
  diagrams ??= load();
  const diagram = diagrams.get(id);
  if (!diagram) throw new Error(`unknown diagram "${id}" (content/diagrams/${id}.json does not exist)`);
  return diagram;
}

export function getDiagrams(ids: readonly string[]): Record<string, RenderedDiagram> {
  return Object.fromEntries(ids.map((id) => [id, getDiagram(id)]));
}
