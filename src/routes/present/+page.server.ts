import { getDeck } from '$lib/server/slides';

export function load() {
  return getDeck();
}
