import { type SdkError, ServerPilotSdkError } from '../errors/index.js';

/** Throw `error` as a `ServerPilotSdkError`; the verifier turns it back into a Left at its edge. */
export const fail = (error: SdkError): never => {
  throw new ServerPilotSdkError(error);
};
