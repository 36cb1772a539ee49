/** The checks `createSslVerifier` runs on its options. */
import { isIP } from 'node:net';
import * as E from 'fp-ts/lib/Either.js';
import { copyList, describeValue, quote } from '../domains/input.js';
import { invalidOption, type SdkError } from '../errors/index.js';
import { fail } from './fail.js';
import type { VerifierOptions } from './types.js';

/** The IP addresses of `option`, or why one is not an address. */
export const checkIps = (option: string, ips: readonly string[]): E.Either<SdkError, readonly string[]> => {
  const list = copyList(ips);
  if (!list.ok) {
    return E.left(
      invalidOption(option, `must be an array of IP addresses, such as ["203.0.113.10"]; got ${list.got}`),
    );
  }
  const bad = list.items.find((ip) => typeof ip !== 'string' || isIP(ip) === 0);
  return bad === undefined
    ? E.right(list.items as readonly string[])
    : E.left(
        invalidOption(
          option,
          `${typeof bad === 'string' ? quote(bad) : describeValue(bad).got} is not an IP address; pass the server's public IPv4/IPv6 address, such as its \`lastaddress\``,
        ),
      );
};

const positiveInteger = (option: string, value: number | undefined, example: string): void => {
  if (value !== undefined && (!Number.isInteger(value) || value < 1)) {
    fail(invalidOption(option, `${String(value)} is not a positive integer; pass ${example}`));
  }
};

/** Throws `ServerPilotSdkError` (`InvalidOption`) for the first option the verifier cannot use. */
export const validateOptions = (options: VerifierOptions): void => {
  positiveInteger('port', options.port, 'a TCP port such as 443');
  if (options.port !== undefined && options.port > 65_535) {
    fail(invalidOption('port', `${options.port} is not a TCP port; pass one from 1 to 65535, such as 443`));
  }
  positiveInteger('timeoutMs', options.timeoutMs, 'milliseconds, such as 10000');
  if (options.connectTo !== undefined && isIP(options.connectTo) === 0) {
    fail(
      invalidOption(
        'connectTo',
        `${JSON.stringify(options.connectTo)} is not an IP address; pass the server's IP, such as "203.0.113.10"`,
      ),
    );
  }
  const ips = checkIps('expectedIps', options.expectedIps ?? []);
  if (E.isLeft(ips)) fail(ips.left);
};
