export { basicAuth, createServerPilotSimulator, type Simulator } from './create.js';
export type { DomainEdit, Fault, FaultHandle, FaultRule, SimulatorFaults } from './faults.js';
export type { SimulatorServer } from './http-server.js';
export type { SimulatorConfig, SimulatorOptions } from './options.js';
export { defaultSeed, SIMULATOR_CREDENTIALS, SIMULATOR_IDS, SIMULATOR_RUNTIMES } from './seed.js';
export type {
  SimAction,
  SimActionStatus,
  SimApp,
  SimDb,
  SimRequest,
  SimRequestLogEntry,
  SimResponse,
  SimServer,
  SimSshKey,
  SimSsl,
  SimSysuser,
  SimulatorCredentials,
  SimulatorSeed,
  SimulatorState,
} from './types.js';
