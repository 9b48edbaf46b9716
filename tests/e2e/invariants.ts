import type { Page } from '@playwright/test';

/**
 * Layout invariants: checks that look at a rendered page the way a person would notice a broken layout.
 * One `layoutProblems(page)` call measures everything in a single round trip and returns readable problems
 * (an empty list when the layout holds), so a test can collect them over viewports and themes and assert once.
 *
 *   for (const viewport of VIEWPORTS) {
 *     await page.setViewportSize(viewport);
 *     await gotoReady(page, '/guide');
 *     for (const theme of THEMES) {
 *       await page.emulateMedia({ colorScheme: theme });
 *       problems.push(...(await layoutProblems(page)).map((p) => `${viewport.name} ${theme}: ${p}`));
 *     }
 *   }
 *   expect(problems).toEqual([]);
 */

/** A phone (iPhone 12-15), a laptop and a projector / large monitor. */
export const VIEWPORTS = [
  { name: 'phone 390x844', width: 390, height: 844 },
  { name: 'laptop 1280x800', width: 1280, height: 800 },
  { name: 'wide 1920x1080', width: 1920, height: 1080 }
] as const;

export const THEMES = ['light', 'dark'] as const;

export type Viewport = (typeof VIEWPORTS)[number];
export type Theme = (typeof THEMES)[number];

/**
 * The boxes that must never overlap each other unless one contains the other: landmarks, and the things a
 * page is built from (panels, cards, figures, tables, code). Pages can mark more with `data-panel`.
 */
export const BLOCK_SELECTOR = [
  'header',
  'main',
  'footer',
  'nav',
  'aside',
  'article',
  'section',
  'form',
  'fieldset',
  'figure',
  'table',
  'pre',
  '[data-panel]',
  '.panel',
  '.callout'
].join(', ');

export interface LayoutOptions {
  /** Extra blocks to check for overlap (a CSS selector), on top of BLOCK_SELECTOR. */
  blocks?: string;
  /** A column that must be at least `min` CSS px wide when the viewport is at least `fromViewport` wide. */
  minWidth?: { selector: string; min: number; fromViewport: number }[];
  /** Check that every block of the page lies inside the viewport (a slide), not only horizontally. */
  fitViewport?: boolean;
}

/** The guide's reading column: at least 560 px from 992 px up (issue 11). */
export const GUIDE_ARTICLE = { selector: 'main article', min: 560, fromViewport: 992 };

/**
 * Everything wrong with the current layout, as sentences. Checks, all in one evaluation:
 * - the page does not scroll sideways (document wider than the viewport);
 * - no visible element sticks out of the viewport, left or right, unless a scroll container holds it (a wide
 *   table in a scrolling wrapper is fine, text running off the screen under `overflow-x: hidden` is not);
 * - no two blocks (BLOCK_SELECTOR) overlap unless one contains the other;
 * - the columns named in `minWidth` are wide enough;
 * - with `fitViewport`, no block lies partly below or above the viewport.
 */
export async function layoutProblems(page: Page, options: LayoutOptions = {}): Promise<string[]> {
  return page.evaluate(
    ({ blockSelector, minWidth, fitViewport }) => {
      const problems: string[] = [];
      const vw = document.documentElement.clientWidth;
      const vh = window.innerHeight;
      const tolerance = 1;

      const name = (el: Element): string => {
        const id = el.id ? `#${el.id}` : '';
        const classes = [...el.classList]
          .filter((c) => !c.startsWith('svelte-'))
          .slice(0, 2)
          .map((c) => `.${c}`)
          .join('');
        const label =
          el.getAttribute('aria-label') ??
          el.getAttribute('data-testid') ??
          (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
        return `<${el.tagName.toLowerCase()}${id}${classes}>${label ? ` "${label}"` : ''}`;
      };

      // checkVisibility also skips what a closed <details> or content-visibility hides (still laid out).
      const isShown = (el: Element): boolean => {
        const rect = el.getBoundingClientRect();
        if (rect.width <= 1 || rect.height <= 1) return false;
        return el.checkVisibility({
          opacityProperty: true,
          visibilityProperty: true,
          contentVisibilityAuto: true
        });
      };

      // Fixed and absolutely positioned things (skip links, popovers, zoom overlays) are out of the flow on
      // purpose: they are not part of the page's grid.
      const outOfFlow = (el: Element): boolean => {
        for (let node: Element | null = el; node && node !== document.body; node = node.parentElement) {
          const position = getComputedStyle(node).position;
          if (position === 'fixed' || position === 'absolute') return true;
        }
        return false;
      };

      const clippedByScroller = (el: Element): boolean => {
        for (let node = el.parentElement; node && node !== document.body; node = node.parentElement) {
          const overflowX = getComputedStyle(node).overflowX;
          if (overflowX === 'auto' || overflowX === 'scroll') return true;
        }
        return false;
      };

      const overflow = document.documentElement.scrollWidth - vw;
      if (overflow > tolerance) problems.push(`the page scrolls sideways by ${overflow} px`);

      // Elements outside the viewport horizontally: report the outermost one of each subtree only.
      const reported = new Set<Element>();
      for (const el of document.body.querySelectorAll('*')) {
        if (el.closest('svg') && el.tagName.toLowerCase() !== 'svg') continue;
        if (!isShown(el) || outOfFlow(el) || clippedByScroller(el)) continue;
        const rect = el.getBoundingClientRect();
        const out = rect.right > vw + tolerance || rect.left < -tolerance;
        if (!out) continue;
        if ([...reported].some((parent) => parent.contains(el))) continue;
        reported.add(el);
        problems.push(
          `${name(el)} sticks out of the ${vw} px viewport (left ${Math.round(rect.left)}, right ${Math.round(rect.right)})`
        );
      }

      const blocks = [...document.body.querySelectorAll(blockSelector)].filter(
        (el) => isShown(el) && !outOfFlow(el) && !el.closest('svg')
      );
      const scroll = { x: window.scrollX, y: window.scrollY };
      const boxes = blocks.map((el) => {
        const r = el.getBoundingClientRect();
        return {
          el,
          left: r.left + scroll.x,
          right: r.right + scroll.x,
          top: r.top + scroll.y,
          bottom: r.bottom + scroll.y
        };
      });
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i]!;
          const b = boxes[j]!;
          if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
          const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          if (x > 2 && y > 2) {
            problems.push(`${name(a.el)} and ${name(b.el)} overlap by ${Math.round(x)}x${Math.round(y)} px`);
          }
        }
      }

      for (const { selector, min, fromViewport } of minWidth) {
        if (window.innerWidth < fromViewport) continue;
        for (const el of document.querySelectorAll(selector)) {
          const width = el.getBoundingClientRect().width;
          if (width < min) {
            problems.push(`${name(el)} is ${Math.round(width)} px wide, less than ${min} px`);
          }
        }
      }

      if (fitViewport) {
        for (const { el, top, bottom } of boxes) {
          if (top - scroll.y < -tolerance || bottom - scroll.y > vh + tolerance) {
            problems.push(
              `${name(el)} is cut off by the ${vh} px tall viewport (top ${Math.round(top)}, bottom ${Math.round(bottom)})`
            );
          }
        }
      }
      return problems;
    },
    {
      blockSelector: options.blocks ? `${BLOCK_SELECTOR}, ${options.blocks}` : BLOCK_SELECTOR,
      minWidth: options.minWidth ?? [],
      fitViewport: options.fitViewport ?? false
    }
  );
}

/**
 * Sets each viewport in turn, calls `open` (one load per viewport; themes switch live through prefers-color-scheme) and
 * collects `layoutProblems` for every viewport and theme, each prefixed with where it happened.
 * `open` loads the page (and may then sign in, open a panel...) for the viewport it is given.
 */
export async function problemsEverywhere(
  page: Page,
  open: (viewport: Viewport) => Promise<void>,
  options: LayoutOptions = {}
): Promise<string[]> {
  const problems: string[] = [];
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    await open(viewport);
    for (const theme of THEMES) {
      await page.emulateMedia({ colorScheme: theme });
      for (const problem of await layoutProblems(page, options)) {
        problems.push(`${viewport.name} ${theme}: ${problem}`);
      }
    }
  }
  return problems;
}

/**
 * The page as it is now (signed in, a panel open, an error shown) at every viewport and theme: the state survives
 * the resizes, as it does when a user turns a phone or drags a window.
 */
export async function problemsAtEverySize(page: Page, options: LayoutOptions = {}): Promise<string[]> {
  const problems: string[] = [];
  for (const viewport of VIEWPORTS) {
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    for (const theme of THEMES) {
      await page.emulateMedia({ colorScheme: theme });
      for (const problem of await layoutProblems(page, options)) {
        problems.push(`${viewport.name} ${theme}: ${problem}`);
      }
    }
  }
  return problems;
}
