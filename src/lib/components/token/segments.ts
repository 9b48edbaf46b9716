// The parts of a compact token, named and toned for display. Pure: no Svelte, no DOM.
import type { TokenInspection } from '$lib/tokens';

/** Each tone has its own colour and, always, its own visible name: colour is never the only signal. */
export type SegmentTone = 'header' | 'payload' | 'signature' | 'key' | 'iv' | 'ciphertext' | 'tag';

/** One dot-separated part of a token. */
export interface TokenSegment {
  /** "Header", "Payload", "Signature", "Encrypted key"..., or "Part 4" when the token has no known shape. */
  readonly name: string;
  readonly text: string;
  readonly tone: SegmentTone;
  /** This is the part the decoding error points at. */
  readonly problem: boolean;
  /** A short fact about the part: its size, or that it is empty. */
  readonly note: string;
}

const JWS_PARTS: readonly [string, SegmentTone][] = [
  ['Header', 'header'],
  ['Payload', 'payload'],
  ['Signature', 'signature']
];
const JWE_PARTS: readonly [string, SegmentTone][] = [
  ['Protected header', 'header'],
  ['Encrypted key', 'key'],
  ['Initialization vector', 'iv'],
  ['Ciphertext', 'ciphertext'],
  ['Authentication tag', 'tag']
];
const CYCLE: readonly SegmentTone[] = ['header', 'payload', 'signature', 'key', 'iv', 'ciphertext', 'tag'];

function characters(text: string): string {
  return text.length === 1 ? '1 character' : `${text.length} characters`;
}

function bytes(count: number): string {
  return count === 1 ? '1 byte' : `${count} bytes`;
}

/**
 * Name and tone every part of a token, or of what was pasted when it is not a token (the faulty part marked).
 *
 * @example
 * ```ts
 * tokenSegments(inspectToken(idToken)).map((s) => s.name); // ['Header', 'Payload', 'Signature']
 * ```
 */
export function tokenSegments(inspection: TokenInspection): TokenSegment[] {
  if (inspection.kind === 'jws') {
    const { header, payload, signature } = inspection.segments;
    return [
      { name: 'Header', text: header, tone: 'header', problem: false, note: characters(header) },
      { name: 'Payload', text: payload, tone: 'payload', problem: false, note: characters(payload) },
      {
        name: 'Signature',
        text: signature,
        tone: 'signature',
        problem: inspection.unsecured,
        note: inspection.unsecured ? 'empty: this token is not signed' : bytes(inspection.signature.length)
      }
    ];
  }
  if (inspection.kind === 'jwe') {
    const { segments, byteLengths } = inspection;
    const texts = [
      segments.protectedHeader,
      segments.encryptedKey,
      segments.iv,
      segments.ciphertext,
      segments.tag
    ];
    const notes = [
      characters(segments.protectedHeader),
      `${bytes(byteLengths.encryptedKey)}, encrypted`,
      bytes(byteLengths.iv),
      `${bytes(byteLengths.ciphertext)}, encrypted`,
      bytes(byteLengths.tag)
    ];
    return JWE_PARTS.map(([name, tone], index) => ({
      name,
      tone,
      text: texts[index] ?? '',
      problem: false,
      note: notes[index] ?? ''
    }));
  }
  const problemPart = inspection.error.details?.part;
  const names =
    inspection.parts.length === 3 ? JWS_PARTS : inspection.parts.length === 5 ? JWE_PARTS : undefined;
  return inspection.parts.map((text, index) => {
    const [name, tone] = names?.[index] ?? [`Part ${index + 1}`, CYCLE[index % CYCLE.length] ?? 'header'];
    return {
      name,
      tone,
      text,
      problem: problemPart === index + 1,
      note: text.length === 0 ? 'empty' : characters(text)
    };
  });
}
