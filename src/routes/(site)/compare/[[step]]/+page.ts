import { withSvg } from '$lib/diagrams';

export async function load({ data }) {
  return { ...data, left: await withSvg(data.left), right: await withSvg(data.right) };
}
