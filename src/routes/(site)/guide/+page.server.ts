import { getGuide } from '$lib/server/content';

export function load() {
  return {
    chapters: getGuide().chapters.map(({ slug, title, summary, order, words }) => ({
      slug,
      title,
      summary,
      order,
      words
    }))
  };
}
