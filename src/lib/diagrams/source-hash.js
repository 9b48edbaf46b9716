// Plain JS so the render script (Node, no TypeScript) and the site share it.

/**
 * A short, stable fingerprint of a diagram's mermaid source and the mermaid version that rendered it
 * (FNV-1a, 32 bit, hex). Not for security: it only tells whether a rendered SVG is stale.
 *
 * @example
 * diagramSourceHash('sequenceDiagram\n  A->>B: hi', '11.17.2') // e.g. '5f1c09a2'
 * @param {string} source
 * @param {string} mermaidVersion
 * @returns {string}
 */
export function diagramSourceHash(source, mermaidVersion) {
  let hash = 0x811c9dc5;
  for (const char of `${mermaidVersion}\n${source}`) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
