// Every page is prerendered to static HTML; the playground opts out of SSR on its own route.
export const prerender = true;
export const trailingSlash = 'never';
