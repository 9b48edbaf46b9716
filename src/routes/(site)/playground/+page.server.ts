import { getDiagrams, getRecording } from '$lib/server/content';

export function load() {
  // The diagrams that follow the live run, prerendered into the page like everywhere else, and the recorded
  // sample run that replays without any pool or network.
  return {
    diagrams: getDiagrams(['cup-federation', 'cip-federation', 'api-gateway', 'common-stack']),
    recording: getRecording()
  };
}
