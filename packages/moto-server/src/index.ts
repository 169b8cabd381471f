export { freePort, isPortFree } from './free-port.js';
export {
  type MotoProfile,
  MotoProfileOffError,
  type OperationProfile,
  type RecordedRequest,
  readMotoCpuSeconds,
  readMotoProfile,
  readRecentRequests,
  resetMotoProfile,
} from './moto-profile.js';
export { MotoNotRestartableError, type MotoRestart } from './moto-restart.js';
export { MotoNotInstalledError, type MotoServer, type StartMotoOptions, startMoto } from './moto-server.js';
