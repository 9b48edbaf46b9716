// Node, but modules transformed as for the browser: the Svelte plugin compiles runes for the client runtime, so
// $derived caches and $effect runs in the state class tests, as on the page.
import { builtinEnvironments, type Environment } from 'vitest/runtime';

export default {
  ...builtinEnvironments.node,
  name: 'node-client',
  viteEnvironment: 'client'
} satisfies Environment;
