import { describe, expect, it } from 'vitest';
import { currentSteps, entriesByStep, stepsForEntry } from '../../../src/lib/flows/flow-steps';
import type { TraceEntry } from '../../../src/lib/flows/trace';

let next = 1;
const entry = (operation: string, status: number | null = 200): TraceEntry => ({
  id: next++,
  startedAt: 0,
  durationMs: 1,
  method: 'POST',
  url: 'http://127.0.0.1:9229/',
  service: 'cognito-idp',
  operation,
  requestHeaders: {},
  requestBody: '',
  status,
  responseBody: '',
  error: null
});

describe('the diagrams follow the trace', () => {
  it('maps each exchange to its diagram moment', () => {
    expect(stepsForEntry(entry('InitiateAuth', null))).toEqual({ 'cip-federation': 1 });
    expect(stepsForEntry(entry('RespondToAuthChallenge'))).toEqual({
      'cup-federation': 5,
      'cip-federation': 2
    });
    expect(stepsForEntry(entry('GetId'))).toEqual({ 'cip-federation': 3 });
    expect(stepsForEntry(entry('GetCredentialsForIdentity', null))).toEqual({ 'cip-federation': 4 });
    expect(stepsForEntry(entry('GetCredentialsForIdentity'))).toEqual({ 'cip-federation': 5 });
    expect(stepsForEntry(entry('GetCallerIdentity'))).toEqual({ 'cip-federation': 6 });
    expect(stepsForEntry(entry('GetUser'))).toEqual({});
  });

  it('advances as the flow advances, and a selected entry shows its own step', () => {
    const signIn = entry('RespondToAuthChallenge');
    const getId = entry('GetId');
    const jwks = entry('GET jwks.json');
    const trace = [signIn, jwks, getId];
    expect(currentSteps(trace, null)).toEqual({ 'cup-federation': 6, 'cip-federation': 3 });
    expect(currentSteps(trace, signIn.id)).toEqual({ 'cup-federation': 5, 'cip-federation': 2 });
    expect(entriesByStep(trace, 'cip-federation').get(3)).toBe(getId.id);
  });
});
