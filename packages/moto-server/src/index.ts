export { freePort, isPortFree } from './free-port.js';
export { MotoNotInstalledError, type MotoServer, type StartMotoOptions, startMoto } from './moto-server.js';
