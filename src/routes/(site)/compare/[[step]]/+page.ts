import { withSvg } from '$lib/diagrams';

// A reading page: no SvelteKit client. The stepper is an island (src/lib/islands).
export const csr = false;

export async function load({ data }) {
  return { ...data, left: await withSvg(data.left), right: await withSvg(data.right) };
}
