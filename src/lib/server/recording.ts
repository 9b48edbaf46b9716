import raw from '../../../content/recordings/sample-run.json';
import { parseRecording, type Recording } from '$lib/playground/recording';

/** The committed sample run (scripts/record-sample-run.js), checked at build time. */
export function getRecording(): Recording {
  return parseRecording(raw);
}
