// @ts-check
// Durable JSON documents: the only place the sandbox touches its data folder.
//
// cognito-local's own store (StormDB) rewrites a file in place with overlapping `fs.writeFile` calls, which can
// interleave under load and leaves a truncated file if the process dies mid-write. Here every document lives in
// memory, every change is applied synchronously (so a read-modify-write with no `await` in between cannot lose a
// concurrent update), and the returned promise resolves once a full copy has been written to a temp file and
// renamed over the old one. Writes that arrive while one is in flight share the next write.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** @typedef {string | string[]} KeyPath */

// cognito-local keeps Date objects in fields whose names end in "Date" and relies on getting them back.
/** @param {string} key @param {unknown} value */
const reviveDates = (key, value) =>
  key.endsWith('Date') && typeof value === 'string' ? new Date(value) : value;

export class JsonDocument {
  #file;
  /** @type {Record<string, any>} */
  #data;
  #dirty = false;
  /** @type {Promise<void> | null} */
  #pending = null;

  /** @param {string} file @param {Record<string, any>} data */
  constructor(file, data) {
    this.#file = file;
    this.#data = data;
  }

  /**
   * Opens `file`, or creates it from `defaults` when it does not exist yet.
   * @param {string} file
   * @param {Record<string, any>} defaults
   */
  static async open(file, defaults) {
    let text;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'ENOENT') throw error;
      const document = new JsonDocument(file, structuredClone(defaults));
      await document.save();
      return document;
    }
    return new JsonDocument(file, JSON.parse(text, reviveDates));
  }

  /** @param {KeyPath} key @returns {any} */
  get(key) {
    let node = this.#data;
    for (const part of toPath(key)) {
      if (node === undefined || node === null) return undefined;
      node = node[part];
    }
    return node;
  }

  /** @param {KeyPath} key @param {unknown} value */
  set(key, value) {
    const parts = toPath(key);
    const last = /** @type {string} */ (parts.pop());
    let node = this.#data;
    for (const part of parts) node = node[part] ??= {};
    node[last] = value;
    return this.save();
  }

  /** @param {KeyPath} key */
  delete(key) {
    const parts = toPath(key);
    const last = /** @type {string} */ (parts.pop());
    const parent = this.get(parts);
    if (parent && typeof parent === 'object') delete parent[last];
    return this.save();
  }

  /** Resolves once the current in-memory state (or a later one) is on disk. */
  save() {
    this.#dirty = true;
    this.#pending ??= this.#drain();
    return this.#pending;
  }

  async #drain() {
    try {
      await mkdir(path.dirname(this.#file), { recursive: true });
      while (this.#dirty) {
        this.#dirty = false;
        const temp = `${this.#file}.tmp`;
        await writeFile(temp, JSON.stringify(this.#data, null, 2));
        await rename(temp, this.#file);
      }
    } finally {
      this.#pending = null;
    }
  }
}

/** @param {KeyPath} key */
const toPath = (key) => (Array.isArray(key) ? [...key] : [key]);

/**
 * Opens documents under one folder and hands cognito-local the DataStore interface it expects, so its user pool
 * operations and the sandbox's own layer share one in-memory copy of every user.
 */
export class DocumentFolder {
  #folder;
  /** @type {Map<string, JsonDocument>} */
  #documents = new Map();

  /** @param {string} folder */
  constructor(folder) {
    this.#folder = folder;
  }

  get path() {
    return this.#folder;
  }

  /**
   * @param {string} name File name without `.json`.
   * @param {Record<string, any>} defaults
   */
  async open(name, defaults) {
    let document = this.#documents.get(name);
    if (!document) {
      document = await JsonDocument.open(path.join(this.#folder, `${name}.json`), defaults);
      this.#documents.set(name, document);
    }
    return document;
  }

  /** @param {string} name @returns {JsonDocument | undefined} an already opened document */
  document(name) {
    return this.#documents.get(name);
  }

  /**
   * cognito-local's `DataStoreFactory.create`: its stores are views of the same documents.
   * @param {unknown} _ctx @param {string} id @param {Record<string, any>} defaults
   */
  async create(_ctx, id, defaults) {
    const document = await this.open(id, defaults);
    return {
      /** @param {unknown} _ctx */
      getRoot: async (_ctx) => document.get([]),
      /** @param {unknown} _ctx @param {KeyPath} key @param {unknown} [fallback] */
      get: async (_ctx, key, fallback) => document.get(key) ?? fallback ?? null,
      /** @param {unknown} _ctx @param {KeyPath} key @param {unknown} value */
      set: (_ctx, key, value) => document.set(key, value),
      /** @param {unknown} _ctx @param {KeyPath} key */
      delete: (_ctx, key) => document.delete(key)
    };
  }
}
