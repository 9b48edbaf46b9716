/**
 * A Storage that lives in memory only. amazon-cognito-identity-js caches tokens in localStorage unless it is
 * given another storage; the playground keeps tokens in memory, so a reload or a closed tab forgets them.
 *
 * @example
 * new CognitoUserPool({ UserPoolId, ClientId, Storage: new MemoryStorage() })
 */
export class MemoryStorage {
  #items = new Map<string, string>();

  setItem(key: string, value: string): void {
    this.#items.set(key, String(value));
  }

  getItem(key: string): string | null {
    return this.#items.get(key) ?? null;
  }

  removeItem(key: string): void {
    this.#items.delete(key);
  }

  clear(): void {
    this.#items.clear();
  }
}
