import { describe, expect, it } from 'vitest';
import { buildGuide, ContentError, neighbours } from '../../../src/lib/content';

const chapter = (title: string, body = '') => `---\ntitle: ${title}\nsummary: About ${title}\n---\n${body}`;

describe('buildGuide', () => {
  it('orders chapters by their number, not by the order files arrive in', () => {
    const guide = buildGuide(
      {
        '/content/guide/02-user-pools.md': chapter('User pools'),
        '/content/guide/01-two-products.md': chapter('Two products'),
        '/content/guide/10-later.md': chapter('Later')
      },
      { base: '' }
    );
    expect(guide.chapters.map((c) => [c.order, c.slug, c.title])).toEqual([
      [1, 'two-products', 'Two products'],
      [2, 'user-pools', 'User pools'],
      [10, 'later', 'Later']
    ]);
    expect(neighbours(guide, 'user-pools')).toEqual({
      previous: { slug: 'two-products', title: 'Two products' },
      next: { slug: 'later', title: 'Later' }
    });
    expect(neighbours(guide, 'two-products').previous).toBeUndefined();
  });

  it('accepts links to existing chapters, headings and site pages', () => {
    const guide = buildGuide(
      {
        '/content/guide/01-a.md': chapter(
          'A',
          '[b](/guide/b#tokens) [play](/playground) [here](#intro)\n\n## Intro'
        ),
        '/content/guide/02-b.md': chapter('B', '## Tokens')
      },
      { base: '' }
    );
    expect(guide.chapters).toHaveLength(2);
  });

  it.each([
    ['a missing chapter', '[x](/guide/nope)', 'chapter that does not exist'],
    ['a missing heading', '[x](/guide/a#nope)', 'heading that does not exist'],
    ['a missing page', '[x](/nowhere)', 'page that does not exist'],
    ['a missing local heading', '[x](#nope)', 'heading that does not exist']
  ])('fails the build on a link to %s', (_, body, message) => {
    const build = () => buildGuide({ '/content/guide/01-a.md': chapter('A', body) }, { base: '' });
    expect(build).toThrowError(ContentError);
    expect(build).toThrowError(message);
  });

  it('rejects badly named files and duplicate numbers', () => {
    expect(() => buildGuide({ '/content/guide/intro.md': chapter('A') }, { base: '' })).toThrowError(
      'NN-slug.md'
    );
    expect(() =>
      buildGuide(
        { '/content/guide/01-a.md': chapter('A'), '/content/guide/01-b.md': chapter('B') },
        { base: '' }
      )
    ).toThrowError('same number');
  });

  it('collects the diagrams chapters use', () => {
    const guide = buildGuide(
      {
        '/content/guide/01-a.md': chapter(
          'A',
          '[[diagram:one]]\n\ntext\n\n[[diagram:two]]\n\n[[diagram:one]]'
        )
      },
      { base: '' }
    );
    expect(guide.diagramIds).toEqual(['one', 'two']);
  });
});
