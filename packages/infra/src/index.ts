/**
 * The Pulumi program: `pulumi up` runs this module (package.json `exports["."]`) with tsx.
 * It reads the stack config once, creates the components and exports the stack outputs.
 */
import { loadStackConfig } from './config.js';
import { ordersProgram } from './program.js';

const outputs = ordersProgram(loadStackConfig());

export const stateMachineArn = outputs.stateMachineArn;
export const stateMachineName = outputs.stateMachineName;
export const region = outputs.region;
export const ordersTableName = outputs.ordersTableName;
export const inventoryTableName = outputs.inventoryTableName;
export const notificationTopicArn = outputs.notificationTopicArn;
export const functionNames = outputs.functionNames;
export const intakeApiUrl = outputs.intakeApiUrl;
export const intakeFunctionName = outputs.intakeFunctionName;
