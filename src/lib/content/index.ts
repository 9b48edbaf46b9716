export { ContentError } from './content-error';
export { parseFrontmatter, type Frontmatter } from './parse-frontmatter';
export { slugify } from './slugify';
export { renderMarkdown, type Block, type Heading, type RenderedMarkdown } from './render-markdown';
export {
  buildGuide,
  neighbours,
  SITE_ROUTES,
  type Chapter,
  type ChapterLink,
  type Guide
} from './build-guide';
export { parseFacts, resolveFacts, resolveFactsDeep, type Fact, type Facts } from './facts';
export { findUnbackedClaims, type UnbackedClaim } from './check-facts';
