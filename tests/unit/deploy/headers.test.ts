import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The three ready-made header files say the same thing: framing forbidden, HSTS, nosniff, no referrer.
const netlify = Object.fromEntries(
  readFileSync('static/_headers', 'utf8')
    .split('\n')
    .filter((line) => /^\s+[\w-]+:/.test(line))
    .map((line) => {
      const [name = '', ...value] = line.trim().split(':');
      return [name.toLowerCase(), value.join(':').trim()];
    })
);
const nginx = Object.fromEntries(
  [
    ...readFileSync('deploy/nginx-headers.conf', 'utf8').matchAll(/^add_header ([\w-]+) "([^"]*)" always;$/gm)
  ].map((match) => [String(match[1]).toLowerCase(), match[2]])
);
const cloudfront = JSON.parse(readFileSync('deploy/cloudfront-response-headers-policy.json', 'utf8'));
const security = cloudfront.SecurityHeadersConfig;

describe('the deploy header files', () => {
  it('forbid framing in all three (a meta CSP cannot)', () => {
    expect(netlify['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(nginx['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(security.ContentSecurityPolicy.ContentSecurityPolicy).toContain("frame-ancestors 'none'");
    expect([netlify['x-frame-options'], nginx['x-frame-options'], security.FrameOptions.FrameOption]).toEqual(
      ['DENY', 'DENY', 'DENY']
    );
  });

  it('agree on HSTS, nosniff and the referrer policy', () => {
    expect(netlify['strict-transport-security']).toBe(nginx['strict-transport-security']);
    expect(netlify['strict-transport-security']).toBe(
      `max-age=${security.StrictTransportSecurity.AccessControlMaxAgeSec}; includeSubDomains`
    );
    expect([netlify['x-content-type-options'], nginx['x-content-type-options']]).toEqual([
      'nosniff',
      'nosniff'
    ]);
    expect(security.ContentTypeOptions.Override).toBe(true);
    expect([
      netlify['referrer-policy'],
      nginx['referrer-policy'],
      security.ReferrerPolicy.ReferrerPolicy
    ]).toEqual(['no-referrer', 'no-referrer', 'no-referrer']);
    expect(netlify['content-security-policy']).toBe(nginx['content-security-policy']);
    expect(netlify['content-security-policy']).toBe(security.ContentSecurityPolicy.ContentSecurityPolicy);
  });
});
