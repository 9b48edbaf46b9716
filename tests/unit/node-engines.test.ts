import { readFileSync } from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

// One supported Node range, true for every dependency: package.json's `engines.node` is what the README promises,
// and every installed package must accept every release in it (e.g. @axe-core/playwright 4.14 wants Node 22.12;
// ESLint 10 refuses Node 21, 23 and 22.0-22.12).
const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));

interface LockedPackage {
  version?: string;
  engines?: { node?: string } | string[];
  optional?: boolean;
  os?: string[];
}

/** The packages whose declared Node range leaves out `node`, as "path@version wants range". */
function packagesRejecting(node: string, packages: Record<string, LockedPackage>): string[] {
  return Object.entries(packages)
    .filter(([path]) => path !== '')
    .flatMap(([path, info]) => {
      const range = !Array.isArray(info.engines) ? info.engines?.node : undefined;
      if (!range || semver.satisfies(node, range, { includePrerelease: true })) return [];
      return [`${path.replace(/^.*node_modules\//, '')}@${info.version} wants node ${range}`];
    });
}

/** Every minor release of Node 18 to 26 (and a patch of each): where the dependencies' ranges change. */
const RELEASES = [18, 19, 20, 21, 22, 23, 24, 25, 26].flatMap((major) =>
  Array.from({ length: 25 }, (_, minor) => [`${major}.${minor}.0`, `${major}.${minor}.1`]).flat()
);

describe('the supported Node range', () => {
  const range: string = manifest.engines.node;

  it('is stated in package.json and the README alike', () => {
    expect(range).toBe('^20.19.0 || ^22.13.0 || >=24');
    expect(readFileSync('README.md', 'utf8')).toContain('Node 20.19+, 22.13+ or 24+');
  });

  // Both ways: a version the range promises is accepted by every installed package, and a version every
  // package accepts is inside the range (so the README neither over- nor under-promises).
  it('is exactly the versions every installed package accepts', () => {
    const promisedButRefused = RELEASES.filter((node) => semver.satisfies(node, range)).flatMap((node) =>
      packagesRejecting(node, lock.packages).map((why) => `${node}: ${why}`)
    );
    expect(promisedButRefused).toEqual([]);
    const acceptedButNotPromised = RELEASES.filter(
      (node) =>
        semver.gte(node, '20.0.0') &&
        !semver.satisfies(node, range) &&
        packagesRejecting(node, lock.packages).length === 0
    );
    expect(acceptedButNotPromised).toEqual([]);
  });

  it('would name a package that wants a newer Node', () => {
    const packages = {
      'node_modules/@axe-core/playwright': { version: '4.14.0', engines: { node: '>=22.12.0' } }
    };
    expect(packagesRejecting('20.19.0', packages)).toEqual([
      '@axe-core/playwright@4.14.0 wants node >=22.12.0'
    ]);
    // Node 22.12 is refused by eslint's own range, which the old ">=20.19" claimed to support.
    expect(
      packagesRejecting('22.12.0', {
        'node_modules/eslint': { version: '10.15.0', engines: { node: '^20.19.0 || ^22.13.0 || >=24' } }
      })
    ).toEqual(['eslint@10.15.0 wants node ^20.19.0 || ^22.13.0 || >=24']);
  });
});
