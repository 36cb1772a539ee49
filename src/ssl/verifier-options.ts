/** The checks `createSslVerifier` runs on its options. */
import {
  durationMs,
  flag,
  ipAddress,
  ipList,
  optional,
  orThrow,
  port,
  struct,
} from '../internal/validate.js';
import type { VerifierOptions } from './types.js';

const rules = struct(
  {
    port: optional(port),
    // One try's time limit feeds a timer: a longer one would fire at once.
    timeoutMs: optional(durationMs({ min: 1, example: 10_000 })),
    connectTo: optional(ipAddress),
    expectedIps: optional(ipList),
    checkDns: optional(flag),
  },
  '{ expectedIps: ["203.0.113.10"] }',
);

/** Throws `ServerPilotSdkError` (`InvalidOption`) for the first option the verifier cannot use. */
export const validateOptions = (options: VerifierOptions): void => {
  orThrow(rules('', options));
};
