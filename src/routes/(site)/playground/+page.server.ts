import { getDiagrams, getRecording } from '$lib/server/content';

export function load() {
  // The diagrams that follow the live run, prerendered into the page like everywhere else, and the recorded
  // sample run that replays without any pool or network. Its federation runs are for /compare's "Run both
  // live" replay: the playground's replay does not show them, so they stay out of this page's data.
  const { federation: _federation, ...recording } = getRecording();
  return {
    diagrams: getDiagrams(['cup-federation', 'cip-federation', 'api-gateway', 'common-stack']),
    recording
  };
}
