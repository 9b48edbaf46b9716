export type Theme = 'light' | 'dark';

/** Minimal storage surface, so tests and private-mode browsers can pass their own. */
export interface ThemeStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const KEY = 'theme';

/**
 * The colour theme: follows the system until the user picks one, then remembers the pick.
 * src/theme-init.js (inlined in every page) applies the remembered choice before first paint; this class keeps it in step.
 */
export class ThemeState {
  #storage: ThemeStorage | undefined;
  #root: HTMLElement;
  #systemDark: MediaQueryList;
  #chosen = $state<Theme | null>(null);
  #systemPrefersDark = $state(false);

  constructor(root: HTMLElement, storage: ThemeStorage | undefined, systemDark: MediaQueryList) {
    this.#root = root;
    this.#storage = storage;
    this.#systemDark = systemDark;
    this.#systemPrefersDark = systemDark.matches;
    systemDark.addEventListener('change', (event) => (this.#systemPrefersDark = event.matches));
    const saved = this.#read();
    this.#chosen = saved === 'light' || saved === 'dark' ? saved : null;
  }

  /** The theme on screen now. */
  get current(): Theme {
    return this.#chosen ?? (this.#systemPrefersDark ? 'dark' : 'light');
  }

  toggle(): void {
    this.#chosen = this.current === 'dark' ? 'light' : 'dark';
    this.#root.dataset.theme = this.#chosen;
    try {
      this.#storage?.setItem(KEY, this.#chosen);
    } catch {
      // Blocked storage: the choice lasts for this page view only.
    }
  }

  #read(): string | null {
    try {
      return this.#storage?.getItem(KEY) ?? null;
    } catch {
      return null;
    }
  }

  get systemQuery(): MediaQueryList {
    return this.#systemDark;
  }
}
