import { withSvgs } from '$lib/diagrams';

// A reading page: no SvelteKit client. Its diagram players are islands (src/lib/islands).
export const csr = false;

export async function load({ data }) {
  return { ...data, diagrams: await withSvgs(data.diagrams) };
}
