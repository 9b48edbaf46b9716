import { ContentError } from './content-error';
import { resolveFacts, type Facts } from './facts';
import { parseFrontmatter } from './parse-frontmatter';
import { renderMarkdown, type Block, type Heading } from './render-markdown';

export interface Chapter {
  /** 1-based position taken from the `NN-` file name prefix. */
  order: number;
  slug: string;
  title: string;
  summary: string;
  blocks: Block[];
  headings: Heading[];
  /** Plain word count, for "n min read". */
  words: number;
}

export interface ChapterLink {
  slug: string;
  title: string;
}

export interface Guide {
  chapters: Chapter[];
  /** Diagram ids used by chapters, so the site can check they exist. */
  diagramIds: string[];
}

const FILE_NAME = /(?:^|\/)(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$/;

/** Site routes a chapter may link to, besides other chapters. */
export const SITE_ROUTES = ['/', '/guide', '/compare', '/playground', '/tokens', '/present'] as const;

/**
 * Builds the guide from raw chapter files keyed by path (`content/guide/NN-slug.md`). Chapters are
 * ordered by their prefix; every internal link must point to a chapter (and heading) or a site route,
 * and every `{{fact:id}}` to a fact in `options.facts`, otherwise a `ContentError` stops the build.
 *
 * @example
 * buildGuide({ '/content/guide/01-intro.md': '---\ntitle: Intro\nsummary: S\n---\nHi' }, { base: '' })
 */
export function buildGuide(files: Record<string, string>, options: { base: string; facts?: Facts }): Guide {
  const chapters: Chapter[] = [];
  const links: { file: string; href: string }[] = [];
  const seenOrders = new Map<number, string>();

  for (const [file, raw] of Object.entries(files)) {
    const name = FILE_NAME.exec(file);
    if (!name) {
      throw new ContentError(
        'ERR_CONTENT_FILENAME',
        file,
        'chapter files are named NN-slug.md (e.g. 01-two-products.md)'
      );
    }
    const order = Number(name[1]);
    const slug = name[2] ?? '';
    const previous = seenOrders.get(order);
    if (previous) throw new ContentError('ERR_CONTENT_FILENAME', file, `uses the same number as ${previous}`);
    seenOrders.set(order, file);

    const { data, body } = parseFrontmatter(resolveFacts(raw, options.facts ?? { facts: [] }, file), file);
    const rendered = renderMarkdown(body, options);
    for (const href of rendered.internalLinks)
      links.push({ file, href: href.startsWith('#') ? `/guide/${slug}${href}` : href });
    chapters.push({
      order,
      slug,
      title: data.title,
      summary: data.summary,
      blocks: rendered.blocks,
      headings: rendered.headings,
      words: body.split(/\s+/).filter(Boolean).length
    });
  }
  chapters.sort((a, b) => a.order - b.order);

  const bySlug = new Map(chapters.map((chapter) => [chapter.slug, chapter]));
  for (const { file, href } of links) {
    const [path = '', anchor] = href.split('#');
    const chapterMatch = /^\/guide\/([^/]+)$/.exec(path);
    if (chapterMatch) {
      const target = bySlug.get(chapterMatch[1] ?? '');
      if (!target)
        throw new ContentError('ERR_CONTENT_LINK', file, `links to a chapter that does not exist: ${href}`);
      if (anchor && !target.headings.some((heading) => heading.id === anchor)) {
        throw new ContentError('ERR_CONTENT_LINK', file, `links to a heading that does not exist: ${href}`);
      }
    } else if (!(SITE_ROUTES as readonly string[]).includes(path)) {
      throw new ContentError('ERR_CONTENT_LINK', file, `links to a page that does not exist: ${href}`);
    }
  }

  const diagramIds = [
    ...new Set(
      chapters.flatMap((chapter) => chapter.blocks.flatMap((b) => (b.kind === 'diagram' ? [b.id] : [])))
    )
  ];
  return { chapters, diagramIds };
}

/** The chapters before and after `slug`, for previous/next links. */
export function neighbours(guide: Guide, slug: string): { previous?: ChapterLink; next?: ChapterLink } {
  const index = guide.chapters.findIndex((chapter) => chapter.slug === slug);
  const link = (chapter: Chapter | undefined) =>
    chapter ? { slug: chapter.slug, title: chapter.title } : undefined;
  return { previous: link(guide.chapters[index - 1]), next: link(guide.chapters[index + 1]) };
}
