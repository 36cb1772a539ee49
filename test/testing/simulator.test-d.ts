import type { RequestHandler } from 'msw';
import { describe, expectTypeOf, it } from 'vitest';
import {
  createServerPilotSimulator,
  type Fault,
  SIMULATOR_CREDENTIALS,
  SIMULATOR_IDS,
  type SimRequestLogEntry,
  type SimulatorServer,
} from '../../src/testing/index.js';

describe('simulator types', () => {
  it('expose msw handlers, a loopback server and a typed request log', () => {
    const sim = createServerPilotSimulator();
    expectTypeOf(sim.handlers).toEqualTypeOf<readonly RequestHandler[]>();
    expectTypeOf(sim.listen()).resolves.toEqualTypeOf<SimulatorServer>();
    expectTypeOf(sim.requests).toEqualTypeOf<readonly SimRequestLogEntry[]>();
    expectTypeOf(SIMULATOR_IDS.appId).toEqualTypeOf<'simA000000000001'>();
    expectTypeOf(SIMULATOR_CREDENTIALS).toEqualTypeOf<{
      readonly clientId: 'sim-client-id';
      readonly apiKey: 'sim-api-key';
    }>();
  });

  it('reject a fault without its required fields', () => {
    expectTypeOf<{ kind: 'latency'; ms: 5 }>().toExtend<Fault>();
    expectTypeOf<{ kind: 'latency' }>().not.toExtend<Fault>();
    expectTypeOf<{ kind: 'concurrent-writer' }>().not.toExtend<Fault>();
    expectTypeOf<{ kind: 'status'; status: 503; processed: true }>().toExtend<Fault>();
  });
});
