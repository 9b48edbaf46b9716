import { clampStep } from '$lib/diagrams/step';

/** How long a step stays on screen while playing. */
export const PLAY_INTERVAL_MS = 3500;

/**
 * The position in a stepped diagram: 0 is the overview (everything visible, nothing lit), 1..count are the
 * steps. A step is a value; everything on screen derives from it.
 */
export class Stepper {
  #count: number;
  #step = $state(0);
  #playing = $state(false);
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(count: number, initial = 0) {
    this.#count = count;
    this.#step = clampStep(initial, count);
  }

  get count(): number {
    return this.#count;
  }

  get current(): number {
    return this.#step;
  }

  get playing(): boolean {
    return this.#playing;
  }

  get atStart(): boolean {
    return this.#step === 0;
  }

  get atEnd(): boolean {
    return this.#step === this.#count;
  }

  go(step: number): void {
    this.#step = clampStep(step, this.#count);
    if (this.atEnd) this.pause();
  }

  next(): void {
    this.go(this.#step + 1);
  }

  previous(): void {
    this.pause();
    this.go(this.#step - 1);
  }

  restart(): void {
    this.pause();
    this.go(0);
  }

  play(): void {
    if (this.atEnd) this.go(0);
    this.#playing = true;
    clearInterval(this.#timer);
    this.next();
    this.#timer = setInterval(() => this.next(), PLAY_INTERVAL_MS);
  }

  pause(): void {
    this.#playing = false;
    clearInterval(this.#timer);
  }

  toggle(): void {
    if (this.#playing) this.pause();
    else this.play();
  }
}
