import { parseDiagram, type DiagramData } from '$lib/diagrams';

const definitions = import.meta.glob<unknown>('/content/diagrams/*.json', { import: 'default', eager: true });

let diagrams: Map<string, DiagramData> | undefined;

function load(): Map<string, DiagramData> {
  const map = new Map<string, DiagramData>();
  for (const raw of Object.values(definitions)) {
    // The mermaid source stays on the server: pages show the prerendered SVG and never need mermaid.
    const { mermaid: _source, ...shown } = parseDiagram(raw);
    map.set(shown.id, shown);
  }
  return map;
}

/**
 * One diagram's data by id (its SVG is added by a universal load, see `withSvg`); throws, failing the build,
 * for an unknown id.
 */
export function getDiagram(id: string): DiagramData {
  diagrams ??= load();
  const diagram = diagrams.get(id);
  if (!diagram) throw new Error(`unknown diagram "${id}" (content/diagrams/${id}.json does not exist)`);
  return diagram;
}

export function getDiagrams(ids: readonly string[]): Record<string, DiagramData> {
  return Object.fromEntries(ids.map((id) => [id, getDiagram(id)]));
}
