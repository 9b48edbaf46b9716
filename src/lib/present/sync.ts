import type { Position } from './deck';

/** Messages between the presenter window and its speaker-notes window. */
export type PresenterMessage = { type: 'position'; position: Position } | { type: 'hello' };

export const PRESENTER_CHANNEL = 'cognito-lens-presenter';

/** The part of BroadcastChannel we use, so tests can pass a fake. */
export interface MessagePipe {
  postMessage(message: PresenterMessage): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<PresenterMessage>) => void): void;
  close(): void;
}

export function isPresenterMessage(value: unknown): value is PresenterMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as Record<string, unknown>;
  if (message.type === 'hello') return true;
  if (message.type !== 'position' || typeof message.position !== 'object' || message.position === null)
    return false;
  const { slide, step } = message.position as Record<string, unknown>;
  return Number.isInteger(slide) && Number.isInteger(step);
}
