import { withSvgs } from '$lib/diagrams';

export async function load({ data }) {
  return { ...data, diagrams: await withSvgs(data.diagrams) };
}
