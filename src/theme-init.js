// Inlined into every page's <head> (src/hooks.server.ts) and allowed by its hash in the CSP
// (svelte.config.js): applies a remembered theme before first paint without an extra request.
try {
  var theme = localStorage.getItem('theme');
  if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;
} catch {
  // Storage can be blocked; the system preference still applies.
}
