import { clampPosition, nextPosition, previousPosition, type Position } from '$lib/present/deck';
import { isPresenterMessage, type MessagePipe } from '$lib/present/sync';

/**
 * Where a talk stands, shared by the slides window and the speaker-notes window: any move in one is sent to
 * the other through the pipe (a BroadcastChannel in the browser).
 */
export class PresenterState {
  #steps: readonly number[];
  #pipe: MessagePipe | undefined;
  #position = $state<Position>({ slide: 0, step: 0 });

  constructor(steps: readonly number[], pipe?: MessagePipe, initial?: Position) {
    this.#steps = steps;
    this.#pipe = pipe;
    if (initial) this.#position = clampPosition(steps, initial);
    pipe?.addEventListener('message', (event) => {
      const message = event.data;
      if (!isPresenterMessage(message)) return;
      if (message.type === 'hello') this.#send();
      else this.#position = clampPosition(this.#steps, message.position);
    });
  }

  get position(): Position {
    return this.#position;
  }

  get slideCount(): number {
    return this.#steps.length;
  }

  /** Diagram steps on the current slide (0 without a diagram). */
  get stepCount(): number {
    return this.#steps[this.#position.slide] ?? 0;
  }

  next(): void {
    this.go(nextPosition(this.#steps, this.#position));
  }

  previous(): void {
    this.go(previousPosition(this.#steps, this.#position));
  }

  nextSlide(): void {
    this.go({ slide: this.#position.slide + 1, step: 0 });
  }

  previousSlide(): void {
    this.go({ slide: this.#position.slide - 1, step: 0 });
  }

  go(position: Position): void {
    const next = clampPosition(this.#steps, position);
    if (next.slide === this.#position.slide && next.step === this.#position.step) return;
    this.#position = next;
    this.#send();
  }

  /** Asks the other window for its position (the notes window does this when it opens). */
  greet(): void {
    this.#pipe?.postMessage({ type: 'hello' });
  }

  close(): void {
    this.#pipe?.close();
  }

  #send(): void {
    this.#pipe?.postMessage({ type: 'position', position: { ...this.#position } });
  }
}
