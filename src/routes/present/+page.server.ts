import { getDeck } from '$lib/server/content';

export function load() {
  return getDeck();
}
