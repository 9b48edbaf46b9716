// Browser-only helpers for "Download SVG / PNG": slides need a file that looks like the screen, without our CSS.

/**
 * A self-contained copy of a diagram SVG as shown now (theme colours and step highlight baked in).
 * `css` is src/lib/styles/diagram.css; its custom properties are resolved against `themeRoot`.
 */
export function standaloneSvg(
  svg: SVGSVGElement,
  css: string,
  themeRoot: Element,
  stepping: boolean
): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const theme = getComputedStyle(themeRoot);
  const resolved = css
    .replace(
      /var\((--[\w-]+)(?:,\s*([^)]+))?\)/g,
      (_, name: string, fallback?: string) =>
        theme.getPropertyValue(name).trim() || fallback?.trim() || 'currentColor'
    )
    .replaceAll('.diagram-stage.stepping .sequence-diagram', 'svg.exported.stepping')
    .replaceAll('svg.sequence-diagram', 'svg.exported')
    .replaceAll('.sequence-diagram', 'svg.exported');
  // A chip of the step's motion is a moment of the animation, not part of the picture.
  clone.querySelectorAll('.chip').forEach((chip) => chip.remove());
  clone.setAttribute('class', stepping ? 'exported stepping' : 'exported');
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  const { width, height } = svg.viewBox.baseVal;
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  const style = document.createElementNS('http://www.w3.org/2000/svg', 'style');
  style.textContent = resolved;
  const background = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  const { x, y } = svg.viewBox.baseVal;
  background.setAttribute('x', String(x));
  background.setAttribute('y', String(y));
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', theme.getPropertyValue('--bg').trim() || '#fff');
  clone.prepend(style, background);
  return new XMLSerializer().serializeToString(clone);
}

/** Renders SVG markup to a PNG at `scale` times its size (2 reads well on slides). */
export async function svgToPng(markup: string, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([markup], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(image.naturalWidth * scale);
    canvas.height = Math.ceil(image.naturalHeight * scale);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('This browser cannot draw to a canvas.');
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))), 'image/png')
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Saves a blob under `name` through a temporary link. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
