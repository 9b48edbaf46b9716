// Runs before first paint. The choice lives in localStorage under "theme" ("light" or "dark");
// without one, CSS follows prefers-color-scheme.
try {
  var theme = localStorage.getItem('theme');
  if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;
} catch {
  // Storage can be blocked; the system preference still applies.
}
