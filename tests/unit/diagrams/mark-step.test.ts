import { describe, expect, it } from 'vitest';
import { markStep } from '../../../src/lib/diagrams/mark-step';

const svg =
  '<svg><text class="messageText" data-msg="1">a</text><line class="messageLine0" data-msg="1"/>' +
  '<text class="messageText lit" data-msg="2">b</text><line class="messageLine1" data-msg="2"/>' +
  '<rect class="actor actor-top" data-actor="App"/><text class="actor" data-actor="UP">UP</text>' +
  '<line class="actor-line" data-actor="App"/></svg>';

describe('markStep', () => {
  it('marks the step arrows lit, earlier arrows done and the step participants lit', () => {
    const marked = markStep(svg, { lit: [2], done: [1], participants: ['App'] });
    expect(marked).toContain('<text class="messageText done" data-msg="1">');
    expect(marked).toContain('<line class="messageLine0 done" data-msg="1"/>');
    expect(marked).toContain('<text class="messageText lit" data-msg="2">');
    expect(marked).toContain('<line class="messageLine1 lit" data-msg="2"/>');
    expect(marked).toContain('<rect class="actor actor-top lit" data-actor="App"/>');
    expect(marked).toContain('<text class="actor" data-actor="UP">');
    // Lifelines are not highlighted (the page's script does not mark them either).
    expect(marked).toContain('<line class="actor-line" data-actor="App"/>');
  });

  it('the overview clears marks already in the markup', () => {
    const marked = markStep(markStep(svg, { lit: [1], done: [], participants: ['UP'] }), {
      lit: [],
      done: [],
      participants: []
    });
    expect(marked).not.toMatch(/\b(lit|done)\b/);
  });
});
