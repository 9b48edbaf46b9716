/**
 * A problem in the guide's content files. It fails the build with a message that names the file,
 * so a writer can fix it without reading the loader.
 */
export class ContentError extends Error {
  readonly code:
    | 'ERR_CONTENT_FRONTMATTER'
    | 'ERR_CONTENT_FILENAME'
    | 'ERR_CONTENT_LINK'
    | 'ERR_CONTENT_DIAGRAM'
    | 'ERR_CONTENT_FACT';
  readonly file: string;

  constructor(code: ContentError['code'], file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = 'ContentError';
    this.code = code;
    this.file = file;
  }
}
