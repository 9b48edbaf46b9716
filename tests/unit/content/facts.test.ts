import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildGuide,
  ContentError,
  findUnbackedClaims,
  parseFacts,
  resolveFacts,
  resolveFactsDeep,
  type Facts
} from '../../../src/lib/content';
import { factValue } from '../../../src/lib/content/fact-value';
import { explainError } from '../../../src/lib/errors';

// "Keeping it true": every lifetime, limit and AWS error code the guide, the slides, the diagram captions
// and the error explainer state must be a value of content/facts.json, where each fact carries its
// source and the date it was checked. A page that says "2 hours" where the facts say "1 hour" fails here.
// The guide and the deck quote values with {{fact:id}}, code with factValue(id).

const root = join(__dirname, '../../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const facts = parseFacts(JSON.parse(read('content/facts.json')), 'content/facts.json');

const fact = (id: string, value: string, also?: string[]) => ({
  id,
  statement: `Statement of ${id}.`,
  value,
  ...(also ? { also } : {}),
  source: 'https://docs.aws.amazon.com/example.html',
  checked: '2026-12-01'
});
const small: Facts = {
  facts: [
    fact('token-default', '1 hour', ['one hour', '60 minutes']),
    fact('rules-max', '25'),
    fact('error-access-denied', 'AccessDenied'),
    fact('error-not-authorized', 'NotAuthorizedException')
  ]
};

describe('content/facts.json', () => {
  it('gives every fact a source and the date it was checked', () => {
    expect(facts.facts.length).toBeGreaterThan(40);
    for (const f of facts.facts) {
      expect(f.source, f.id).toMatch(/^https:\/\//);
      // Checked on a real day (parseFacts holds the format), not a day yet to come.
      expect(Date.parse(`${f.checked}T00:00:00Z`), f.id).toBeLessThanOrEqual(Date.now());
    }
  });

  it('holds the corrected facts of issue 12', () => {
    const value = (id: string) => facts.facts.find((f) => f.id === id)?.value;
    // https://docs.aws.amazon.com/cognito/latest/developerguide/role-trust-and-permissions.html
    expect(value('error-sts-access-denied')).toBe('AccessDenied');
    // https://docs.aws.amazon.com/STS/latest/APIReference/API_Credentials.html
    expect(value('sts-credentials-fields')).toBe('SecretAccessKey');
    // https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html
    expect(value('role-max-session-duration')).toBe('12 hours');
    expect(value('open-id-token-lifetime')).toBe('10 minutes');
  });

  it('refuses a fact without a source or with an id used twice', () => {
    const noSource = { facts: [{ ...fact('a', '1 hour'), source: 'docs.aws.amazon.com' }] };
    expect(() => parseFacts(noSource, 'f.json')).toThrow(/https "source"/);
    const twice = { facts: [fact('a', '1 hour'), fact('a', '2 hours')] };
    expect(() => parseFacts(twice, 'f.json')).toThrow(ContentError);
  });
});

describe('findUnbackedClaims', () => {
  it('accepts lifetimes, limits and codes the facts hold, in any wording', () => {
    const page =
      'Tokens last one hour (60 minutes, a one-hour lifetime). Up to 25 rules. ' +
      'NotAuthorizedException is common; STS says AccessDenied.';
    expect(findUnbackedClaims(page, small)).toEqual([]);
  });

  it('flags a lifetime, a limit or an error code that no fact holds', () => {
    const page = 'Credentials last 2 hours. You may add up to 30 rules. STS answers AccessDeniedException.';
    expect(findUnbackedClaims(page, small)).toEqual([
      { kind: 'duration', text: '2 hours' },
      { kind: 'limit', text: 'up to 30' },
      { kind: 'error-code', text: 'AccessDeniedException' }
    ]);
  });

  it('reads abbreviations and number words, and leaves ordinals and past moments alone', () => {
    expect(findUnbackedClaims('900 s, then ten minutes', small)).toEqual([
      { kind: 'duration', text: 'ten minutes' },
      { kind: 'duration', text: '900 s' }
    ]);
    expect(findUnbackedClaims('a second expiry; issued 3 minutes ago', small)).toEqual([]);
    // A code without a suffix is a claim too (S3, STS): backed only when the facts hold it.
    expect(findUnbackedClaims('S3 said ExpiredToken; STS said AccessDenied', small)).toEqual([
      { kind: 'error-code', text: 'ExpiredToken' }
    ]);
    // A CSS timing is not a lifetime; a whole "8 s" still is.
    expect(findUnbackedClaims('animation: spin 0.8s linear', small)).toEqual([]);
    expect(findUnbackedClaims('lasts 8 s', small)).toEqual([{ kind: 'duration', text: '8 s' }]);
  });

  it('skips names the caller says are not AWS error codes', () => {
    expect(findUnbackedClaims('a TypeError', small, { ignoreNames: ['TypeError'] })).toEqual([]);
  });
});

describe('{{fact:id}} placeholders', () => {
  it('quote the fact value, and an unknown id stops the build', () => {
    expect(resolveFacts('Rules: {{fact:rules-max}}.', small, 'x.md')).toBe('Rules: 25.');
    expect(() => resolveFacts('{{fact:nope}}', small, 'x.md')).toThrow(/fact that does not exist: nope/);
    const guide = buildGuide(
      {
        '/content/guide/01-a.md': '---\ntitle: A\nsummary: S\n---\nCredentials last {{fact:token-default}}.'
      },
      { base: '', facts: small }
    );
    const block = guide.chapters[0]?.blocks[0];
    expect(block?.kind === 'html' ? block.html : '').toContain('Credentials last 1 hour.');
  });
});

describe('the real guide', () => {
  it('builds with content/facts.json: every {{fact:id}} and every internal link resolves', () => {
    const files = Object.fromEntries(
      readdirSync(join(root, 'content/guide'))
        .filter((name) => name.endsWith('.md'))
        .map((name) => [`/content/guide/${name}`, read(`content/guide/${name}`)])
    );
    const guide = buildGuide(files, { base: '', facts });
    const html = guide.chapters
      .flatMap((c) => c.blocks.map((b) => (b.kind === 'html' ? b.html : '')))
      .join('');
    expect(html).not.toContain('{{fact:');
    expect(guide.chapters.map((c) => c.slug)).toContain('federation-in-depth');
  });
});

describe('quoting the facts file', () => {
  it('resolves {{fact:id}} in every string of a JSON document, and refuses an unknown id', () => {
    const deck = {
      slides: [{ title: 'T', points: ['Lasts {{fact:token-default}}'], notes: 'At most {{fact:rules-max}}' }]
    };
    expect(resolveFactsDeep(deck, small, 'slides.json')).toEqual({
      slides: [{ title: 'T', points: ['Lasts 1 hour'], notes: 'At most 25' }]
    });
    expect(() => resolveFactsDeep({ a: ['{{fact:nope}}'] }, small, 'slides.json')).toThrow(/nope/);
  });

  it('gives code the value of a fact, and throws on an id the facts file lacks', () => {
    expect(factValue('refresh-token-default-lifetime')).toBe(
      facts.facts.find((f) => f.id === 'refresh-token-default-lifetime')?.value
    );
    expect(() => factValue('no-such-fact')).toThrow(/no-such-fact/);
    expect(() => factValue('toString')).toThrow(/toString/);
  });

  it('every factValue(id) in the code names a fact', () => {
    const quoted = [...read('src/lib/errors/explanations.ts').matchAll(/factValue\('([^']+)'\)/g)].map(
      (m) => m[1] as string
    );
    expect(quoted.length).toBeGreaterThan(3);
    for (const id of quoted) expect(() => factValue(id), id).not.toThrow();
  });

  it('the explainer states the lifetimes of the facts file', () => {
    const expired = explainError({ code: 'ERR_JWT_EXPIRED', message: 'The token expired.' });
    expect(expired.cause).toContain(`${factValue('id-access-token-default-lifetime')} by default`);
    const refresh = explainError({ code: 'NotAuthorizedException', message: 'Refresh Token has expired' });
    expect(refresh.cause).toContain(`${factValue('refresh-token-default-lifetime')} by default`);
  });

  it('the deck quotes the facts file: every placeholder resolves', () => {
    const deck = resolveFactsDeep(JSON.parse(read('content/slides.json')), facts, 'content/slides.json');
    const text = JSON.stringify(deck);
    expect(read('content/slides.json')).toContain('{{fact:');
    expect(text).not.toContain('{{fact:');
    expect(text).toContain(`default ${factValue('refresh-token-default-lifetime')}`);
  });
});

/** Source code as a reader meets it: comments and style sheets out (examples and CSS timings are not claims). */
const userText = (path: string) =>
  read(path)
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/(^|\s)\/\/.*$/gm, '$1');
const filesUnder = (folder: string, pattern: RegExp) =>
  readdirSync(join(root, folder))
    .filter((name) => pattern.test(name))
    .map((name) => `${folder}/${name}`);
/** Names in code that look like AWS error codes but are JavaScript's or ours. */
const CODE_NAMES = [
  'TypeError',
  'SecurityError',
  'NetworkError',
  'UnknownError',
  'LensError',
  'LibraryError',
  'CognitoServiceError',
  'CognitoInputError',
  'RecordingError'
];

describe('every page states only facts', () => {
  const pages: [string, string][] = [
    ...readdirSync(join(root, 'content/guide'))
      .filter((name) => name.endsWith('.md'))
      .map((name): [string, string] => {
        const file = `content/guide/${name}`;
        return [file, resolveFacts(read(file), facts, file)];
      }),
    [
      'content/slides.json',
      JSON.stringify(resolveFactsDeep(JSON.parse(read('content/slides.json')), facts, 'content/slides.json'))
    ],
    ...readdirSync(join(root, 'content/diagrams'))
      .filter((name) => name.endsWith('.json'))
      .map((name): [string, string] => [`content/diagrams/${name}`, read(`content/diagrams/${name}`)]),
    ['src/lib/errors/explanations.ts', read('src/lib/errors/explanations.ts')],
    ['src/lib/tokens/claims.ts', read('src/lib/tokens/claims.ts')]
  ];
  // The playground's explanations and /compare's words, as the reader sees them.
  const code: string[] = [
    'src/lib/state/playground.svelte.ts',
    'src/lib/state/live-compare.svelte.ts',
    ...filesUnder('src/lib/playground', /\.ts$/),
    ...filesUnder('src/routes/(site)/playground', /\.svelte$/),
    'src/routes/(site)/compare/[[step]]/+page.svelte',
    ...filesUnder('src/lib/components/diagram', /^(Compare|Live)\w*\.svelte$/)
  ];

  it.each(pages)('%s', (_file, text) => {
    expect(findUnbackedClaims(text, facts)).toEqual([]);
  });

  it.each(code)('%s', (file) => {
    expect(findUnbackedClaims(userText(file), facts, { ignoreNames: CODE_NAMES })).toEqual([]);
  });

  it('would catch a wrong lifetime in the playground (the scan reads the right files)', () => {
    expect(code.length).toBeGreaterThan(45);
    const planted = `${userText('src/lib/state/playground.svelte.ts')}\nconst note = 'Credentials last 2 hours.';`;
    expect(findUnbackedClaims(planted, facts, { ignoreNames: CODE_NAMES })).toEqual([
      { kind: 'duration', text: '2 hours' }
    ]);
  });
});
