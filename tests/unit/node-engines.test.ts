import { readFileSync } from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

// One supported Node range, true for every dependency: package.json's `engines.node` is what the README promises,
// and every installed package must accept its lowest version (e.g. @axe-core/playwright 4.14 wants Node 22.12,
// 4.13 does not say).
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

describe('the supported Node range', () => {
  const lowest = semver.minVersion(manifest.engines.node)?.version;

  it('is stated in package.json and the README alike', () => {
    expect(lowest).toBe('20.19.0');
    expect(readFileSync('README.md', 'utf8')).toContain('Node 20.19 or newer');
  });

  it('is accepted by every installed package', () => {
    expect(packagesRejecting(lowest!, lock.packages)).toEqual([]);
  });

  it('would name a package that wants a newer Node', () => {
    const packages = {
      'node_modules/@axe-core/playwright': { version: '4.14.0', engines: { node: '>=22.12.0' } }
    };
    expect(packagesRejecting('20.19.0', packages)).toEqual([
      '@axe-core/playwright@4.14.0 wants node >=22.12.0'
    ]);
  });
});
