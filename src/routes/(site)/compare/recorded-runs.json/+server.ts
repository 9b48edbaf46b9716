import { json } from '@sveltejs/kit';
import { getRecording } from '$lib/server/content';

// Both federation runs of the recorded sample run (scripts/record-sample-run.js, made by run-both.ts), for
// /compare's "Replay the recorded runs": fetched on the click, so the page itself stays light.
export const prerender = true;

export function GET() {
  const federation = getRecording().federation;
  if (!federation) throw new Error('content/recordings/sample-run.json has no federation runs: re-record it');
  return json(federation);
}
