// Web storage that may be missing: with site data blocked (or in a sandboxed frame) merely reading
// `window.localStorage` throws a SecurityError. The playground then still works; it just cannot remember.

/**
 * The named storage if this page may use it, else `null` (never throws).
 *
 * @example
 * ```ts
 * const storage = usableStorage(window, 'localStorage'); // null when site data is blocked
 * ```
 */
export function usableStorage(
  scope: Partial<Record<'localStorage' | 'sessionStorage', Storage>>,
  name: 'localStorage' | 'sessionStorage'
): Storage | null {
  try {
    const storage = scope[name];
    if (!storage) return null;
    // Some browsers hand out a storage that throws on first write (quota 0): try one.
    const probe = 'cognito-lens:probe';
    storage.setItem(probe, '1');
    storage.removeItem(probe);
    return storage;
  } catch {
    return null;
  }
}
