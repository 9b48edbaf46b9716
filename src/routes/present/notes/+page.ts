import { withSvgs } from '$lib/diagrams';

// The previews of the current and next slide show their diagrams too.
export async function load({ data }) {
  return { ...data, diagrams: await withSvgs(data.diagrams) };
}
