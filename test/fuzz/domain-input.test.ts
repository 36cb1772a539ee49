/**
 * Issue 9, fuzz: 10 000 arbitrary JavaScript values as a domain. `normalizeDomain` never throws
 * and answers every value with a name or a short `InvalidDomain`; the integration's `addDomain`,
 * against the simulator over loopback HTTP, never throws or rejects and sends no request at all
 * for any value `normalizeDomain` rejects.
 */
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServerPilotClient } from '../../src/client/client.js';
import { normalizeDomain } from '../../src/domains/index.js';
import { describeSdkError, type SdkError } from '../../src/errors/index.js';
import { createServerPilotIntegration, type ServerPilotIntegration } from '../../src/integration/index.js';
import {
  createServerPilotSimulator,
  SIMULATOR_CREDENTIALS,
  SIMULATOR_IDS,
  type Simulator,
  type SimulatorServer,
} from '../../src/testing/index.js';
import { anyDomainInput } from './hostile-values.js';

const RUNS = 10_000;

/** normalizeDomain's answer, or the throw it must never make. */
const attempt = (value: unknown): { thrown: unknown } | { result: E.Either<SdkError, string> } => {
  try {
    return { result: normalizeDomain(value as string) };
  } catch (thrown) {
    return { thrown };
  }
};

describe('normalizeDomain under 10 000 arbitrary values', () => {
  it('never throws, and rejects with a short InvalidDomain or returns a name it would return again', () => {
    let rejected = 0;
    fc.assert(
      fc.property(anyDomainInput, (make) => {
        const outcome = attempt(make());
        if ('thrown' in outcome) throw new Error(`threw ${String((outcome.thrown as Error)?.message)}`);
        const { result } = outcome;
        if (E.isLeft(result)) {
          rejected++;
          expect(result.left._tag).toBe('InvalidDomain');
          if (result.left._tag !== 'InvalidDomain') return;
          expect(typeof result.left.input).toBe('string');
          expect(result.left.input.length).toBeLessThanOrEqual(257);
          expect(describeSdkError(result.left).length).toBeLessThan(500);
        } else {
          expect(typeof result.right).toBe('string');
          expect(result.right.length).toBeLessThanOrEqual(253);
          expect(result.right).not.toMatch(/[%\s/@?#]/);
          expect(normalizeDomain(result.right)).toEqual(result);
        }
      }),
      { numRuns: RUNS, seed: 9_001 },
    );
    // The arbitrary must mostly produce rejects, or this would prove little.
    expect(rejected).toBeGreaterThan(RUNS * 0.9);
    if (process.env.FUZZ_FIGURES !== undefined)
      process.stderr.write(`normalizeDomain fuzz: ${rejected} rejected\n`);
  });
});

describe('addDomain under 10 000 arbitrary values, against the simulator over HTTP', () => {
  let sim: Simulator;
  let server: SimulatorServer;
  let sp: ServerPilotIntegration;
  beforeAll(async () => {
    sim = createServerPilotSimulator({ actionOpenMs: 0 });
    server = await sim.listen();
    sp = createServerPilotIntegration({
      client: createServerPilotClient({ ...SIMULATOR_CREDENTIALS, baseUrl: server.url, retry: { limit: 0 } }),
      appId: SIMULATOR_IDS.appId,
      actionWait: { intervalMs: 1 },
    });
  });
  afterAll(() => server.close());

  it('never throws or rejects, and sends 0 requests for every value normalizeDomain rejects', async () => {
    const tally = { rejected: 0, accepted: 0, requestsForRejected: 0, requestsForAccepted: 0 };
    await fc.assert(
      fc.asyncProperty(anyDomainInput, async (make) => {
        const value = make();
        const before = sim.requests.length;
        let result: E.Either<SdkError, unknown>;
        try {
          result = await sp.addDomain(value as string)();
        } catch (thrown) {
          throw new Error(`addDomain threw or rejected: ${String((thrown as Error)?.message)}`);
        }
        const requests = sim.requests.length - before;
        if (E.isLeft(normalizeDomain(value as string))) {
          tally.rejected++;
          tally.requestsForRejected += requests;
          expect(result).toMatchObject({ _tag: 'Left', left: { _tag: 'InvalidDomain' } });
          expect(requests).toBe(0);
        } else {
          tally.accepted++;
          tally.requestsForAccepted += requests;
          // A real name goes through; past the app's 300 names the plan refuses it before writing.
          if (E.isLeft(result)) expect(result.left._tag).toBe('TooManyDomains');
        }
      }),
      { numRuns: RUNS, seed: 9_002 },
    );
    expect(tally.rejected + tally.accepted).toBe(RUNS);
    expect(tally.requestsForRejected).toBe(0);
    expect(tally.rejected).toBeGreaterThan(RUNS * 0.9);
    expect(tally.accepted).toBeGreaterThan(0);
    if (process.env.FUZZ_FIGURES !== undefined)
      process.stderr.write(`addDomain fuzz: ${JSON.stringify(tally)}\n`);
  });
});
