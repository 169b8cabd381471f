// Types only: the shapes of the API's requests and responses, as the SDK's clients send and read them.
import type {
  CreateStateMachineInput,
  CreateStateMachineOutput,
  DeleteStateMachineInput,
  DeleteStateMachineOutput,
  DescribeExecutionInput,
  DescribeExecutionOutput,
  DescribeStateMachineForExecutionInput,
  DescribeStateMachineForExecutionOutput,
  DescribeStateMachineInput,
  DescribeStateMachineOutput,
  ExecutionStatus,
  GetExecutionHistoryInput,
  GetExecutionHistoryOutput,
  ListExecutionsInput,
  ListExecutionsOutput,
  ListStateMachinesInput,
  ListStateMachinesOutput,
  StartExecutionInput,
  StartExecutionOutput,
  StartSyncExecutionInput,
  StartSyncExecutionOutput,
  StateMachineType,
  StopExecutionInput,
  StopExecutionOutput,
  SyncExecutionStatus,
} from '@aws-sdk/client-sfn';
import { type ArnScope, executionArn, isValidName, stateMachineArn } from './arns.js';
import {
  DefinitionRejectedError,
  type ExecutionResult,
  type HistoryEvent,
  type LoadedMachine,
  type LoadMachine,
  type RunningExecution,
} from './engine-port.js';
import { paginate } from './internal/page-cursor.js';
import { SfnApiError } from './sfn-api-error.js';
import { type JsonObject, toWire, type Unchecked } from './wire.js';

/** The states an execution here can be in (PENDING_REDRIVE is not: nothing is redriven). */
type RunStatus = Exclude<ExecutionStatus, 'PENDING_REDRIVE'>;
const MACHINE_TYPES: readonly StateMachineType[] = ['STANDARD', 'EXPRESS'];
/** What ListExecutions' statusFilter accepts (PENDING_REDRIVE never matches here: nothing is redriven). */
const STATUS_FILTERS: readonly ExecutionStatus[] = [
  'RUNNING',
  'SUCCEEDED',
  'FAILED',
  'TIMED_OUT',
  'ABORTED',
  'PENDING_REDRIVE',
];

interface StateMachineRecord {
  readonly arn: string;
  readonly name: string;
  readonly definition: string;
  readonly roleArn: string;
  readonly type: StateMachineType;
  readonly creationDate: Date;
  readonly machine: LoadedMachine;
}

interface ExecutionRecord {
  readonly arn: string;
  readonly name: string;
  readonly machine: StateMachineRecord;
  readonly input: string;
  readonly startDate: Date;
  /** Start order: breaks ties between executions started in the same millisecond. */
  readonly seq: number;
  readonly run: RunningExecution;
  readonly done: Promise<void>;
  status: RunStatus;
  stopDate?: Date;
  output?: string;
  error?: string;
  cause?: string;
}

/**
 * GetExecutionHistory's answer. The events are the engine's: in the SDK's HistoryEvent shape by
 * construction, but typed only as loosely as the engine types them (`type` a string, the details
 * unknown), so the SDK's stricter `events` type is not claimed for them.
 */
export type ExecutionHistoryPage = Omit<GetExecutionHistoryOutput, 'events'> & {
  readonly events: HistoryEvent[];
};

/** The fields DescribeExecution and StartSyncExecution share. */
type ExecutionBody = Pick<
  DescribeExecutionOutput,
  | 'executionArn'
  | 'stateMachineArn'
  | 'name'
  | 'status'
  | 'startDate'
  | 'stopDate'
  | 'input'
  | 'inputDetails'
  | 'output'
  | 'outputDetails'
  | 'error'
  | 'cause'
>;

/** One operation as the HTTP layer calls it: the parsed JSON body in, the wire form of the answer out. */
export type WireOperation = (body: JsonObject) => Promise<object>;

const MAX_INPUT_BYTES = 256 * 1024;
const ROLE_ARN = /^arn:aws[\w-]*:iam::\d{12}:role\/.+$/;

/**
 * The Step Functions control plane on top of the engine: state machines, executions and their
 * histories, with AWS's validation and error types. Each method takes the request of the API operation
 * of the same name as it arrives (its fields unchecked: the method validates them) and returns the
 * SDK's response shape; `operations` serves them in their wire form, so the HTTP layer only routes.
 */
export class SfnService {
  private readonly machines = new Map<string, StateMachineRecord>();
  /** STANDARD executions, kept for Describe/List/History as AWS keeps them. */
  private readonly executions = new Map<string, ExecutionRecord>();
  /** EXPRESS executions still running: AWS offers no API to read them back, so none is kept after. */
  private readonly runningExpress = new Set<ExecutionRecord>();
  private shutDown = false;
  private started = 0;

  constructor(
    private readonly scope: ArnScope,
    private readonly load: LoadMachine,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** The operations served, by their `X-Amz-Target` name. */
  readonly operations: Readonly<Record<string, WireOperation>> = {
    CreateStateMachine: async (body) => toWire(this.createStateMachine(body)),
    DescribeStateMachine: async (body) => toWire(this.describeStateMachine(body)),
    DescribeStateMachineForExecution: async (body) => toWire(this.describeStateMachineForExecution(body)),
    ListStateMachines: async (body) => toWire(this.listStateMachines(body)),
    DeleteStateMachine: async (body) => toWire(this.deleteStateMachine(body)),
    StartExecution: async (body) => toWire(this.startExecution(body)),
    StartSyncExecution: async (body) => toWire(await this.startSyncExecution(body)),
    DescribeExecution: async (body) => toWire(this.describeExecution(body)),
    ListExecutions: async (body) => toWire(this.listExecutions(body)),
    GetExecutionHistory: async (body) => toWire(this.getExecutionHistory(body)),
    StopExecution: async (body) => toWire(this.stopExecution(body)),
  };

  createStateMachine(input: Unchecked<CreateStateMachineInput>): CreateStateMachineOutput {
    const name = input.name;
    if (!isValidName(name)) throw new SfnApiError('InvalidName', `Invalid Name: '${String(name)}'`);
    const definition = requireString(input, 'definition');
    const roleArn = requireString(input, 'roleArn');
    if (!ROLE_ARN.test(roleArn)) throw new SfnApiError('InvalidArn', `Invalid Arn: '${roleArn}'`);
    const type = input.type ?? 'STANDARD';
    if (!isMachineType(type)) {
      throw validation(
        `Value '${String(type)}' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [STANDARD, EXPRESS]`,
      );
    }
    try {
      return this.addStateMachine({ name, definition, roleArn, type });
    } catch (error) {
      if (error instanceof DefinitionRejectedError) {
        throw new SfnApiError(
          'InvalidDefinition',
          `Invalid State Machine Definition: '${error.problems.join(', ')}'`,
        );
      }
      throw error;
    }
  }

  /**
   * Register a state machine; the same name with the same definition, role and type is a no-op.
   * Throws DefinitionRejectedError (every problem) when the engine rejects the definition.
   */
  addStateMachine(spec: { name: string; definition: string; roleArn: string; type: StateMachineType }): {
    stateMachineArn: string;
    creationDate: Date;
  } {
    const arn = stateMachineArn(this.scope, spec.name);
    const existing = this.machines.get(arn);
    if (existing !== undefined) {
      if (
        existing.definition === spec.definition &&
        existing.roleArn === spec.roleArn &&
        existing.type === spec.type
      ) {
        return { stateMachineArn: arn, creationDate: existing.creationDate };
      }
      throw new SfnApiError('StateMachineAlreadyExists', `State Machine Already Exists: '${arn}'`);
    }
    const machine = this.load(spec.definition);
    const record = { ...spec, arn, creationDate: this.clock(), machine };
    this.machines.set(arn, record);
    return { stateMachineArn: arn, creationDate: record.creationDate };
  }

  describeStateMachine(input: Unchecked<DescribeStateMachineInput>): DescribeStateMachineOutput {
    const machine = this.machine(input.stateMachineArn);
    return {
      stateMachineArn: machine.arn,
      name: machine.name,
      status: 'ACTIVE',
      definition: machine.definition,
      roleArn: machine.roleArn,
      type: machine.type,
      creationDate: machine.creationDate,
      loggingConfiguration: { level: 'OFF', includeExecutionData: false },
      tracingConfiguration: { enabled: false },
    };
  }

  /** The machine an execution ran; machines are never updated here, so `updateDate` is its creation. */
  describeStateMachineForExecution(
    input: Unchecked<DescribeStateMachineForExecutionInput>,
  ): DescribeStateMachineForExecutionOutput {
    const { machine } = this.execution(input.executionArn);
    return {
      stateMachineArn: machine.arn,
      name: machine.name,
      definition: machine.definition,
      roleArn: machine.roleArn,
      updateDate: machine.creationDate,
      loggingConfiguration: { level: 'OFF', includeExecutionData: false },
      tracingConfiguration: { enabled: false },
    };
  }

  listStateMachines(input: Unchecked<ListStateMachinesInput>): ListStateMachinesOutput {
    const { page, nextToken } = paginate(
      [...this.machines.values()],
      (m) => [m.name],
      { operation: 'ListStateMachines', args: {} },
      input,
    );
    return {
      stateMachines: page.map((m) => ({
        stateMachineArn: m.arn,
        name: m.name,
        type: m.type,
        creationDate: m.creationDate,
      })),
      ...nextToken,
    };
  }

  deleteStateMachine(input: Unchecked<DeleteStateMachineInput>): DeleteStateMachineOutput {
    const arn = requireString(input, 'stateMachineArn');
    if (!arn.includes(':stateMachine:')) throw new SfnApiError('InvalidArn', `Invalid Arn: '${arn}'`);
    this.machines.delete(arn);
    return {};
  }

  startExecution(input: Unchecked<StartExecutionInput>): StartExecutionOutput {
    const machine = this.machine(input.stateMachineArn);
    const record = this.start(machine, input, machine.type === 'STANDARD');
    return { executionArn: record.arn, startDate: record.startDate };
  }

  async startSyncExecution(input: Unchecked<StartSyncExecutionInput>): Promise<StartSyncExecutionOutput> {
    const machine = this.machine(input.stateMachineArn);
    if (machine.type !== 'EXPRESS') throw typeNotSupported();
    const record = this.start(machine, input, false);
    await record.done;
    const status = syncStatus(record.status);
    const stopDate = record.stopDate ?? this.clock();
    const billedDurationInMilliseconds = Math.max(
      100,
      Math.ceil((stopDate.getTime() - record.startDate.getTime()) / 100) * 100,
    );
    return {
      ...this.executionBody(record),
      status,
      stopDate,
      billingDetails: { billedMemoryUsedInMB: 64, billedDurationInMilliseconds },
    };
  }

  describeExecution(input: Unchecked<DescribeExecutionInput>): DescribeExecutionOutput {
    const record = this.execution(input.executionArn);
    return { ...this.executionBody(record), redriveCount: 0, redriveStatus: 'NOT_REDRIVABLE' };
  }

  listExecutions(input: Unchecked<ListExecutionsInput>): ListExecutionsOutput {
    const machine = this.machine(input.stateMachineArn);
    if (machine.type === 'EXPRESS') throw typeNotSupported();
    const status = input.statusFilter ?? undefined;
    if (status !== undefined && !isStatusFilter(status)) {
      throw validation(
        `1 validation error detected: Value '${String(status)}' at 'statusFilter' failed to satisfy constraint: Member must satisfy enum value set: [${STATUS_FILTERS.join(', ')}]`,
      );
    }
    const { page, nextToken } = paginate(
      [...this.executions.values()].filter(
        (e) => e.machine === machine && (status === undefined || e.status === status),
      ),
      // newest first
      (e) => [-e.startDate.getTime(), -e.seq],
      { operation: 'ListExecutions', args: { stateMachineArn: machine.arn, statusFilter: status } },
      input,
    );
    return {
      executions: page.map((e) => ({
        executionArn: e.arn,
        stateMachineArn: machine.arn,
        name: e.name,
        status: e.status,
        startDate: e.startDate,
        ...(e.stopDate === undefined ? {} : { stopDate: e.stopDate }),
      })),
      ...nextToken,
    };
  }

  getExecutionHistory(input: Unchecked<GetExecutionHistoryInput>): ExecutionHistoryPage {
    const record = this.execution(input.executionArn);
    const includeData = input.includeExecutionData !== false;
    const reverse = input.reverseOrder === true;
    const { page, nextToken } = paginate(
      record.run.history(),
      (event) => [reverse ? -event.id : event.id],
      { operation: 'GetExecutionHistory', args: { executionArn: record.arn, reverseOrder: reverse } },
      input,
    );
    return { events: includeData ? page : page.map(withoutData), ...nextToken };
  }

  stopExecution(input: Unchecked<StopExecutionInput>): StopExecutionOutput {
    const record = this.execution(input.executionArn);
    const error = typeof input.error === 'string' ? input.error : undefined;
    const cause = typeof input.cause === 'string' ? input.cause : undefined;
    this.abort(record, error, cause);
    return { stopDate: record.stopDate ?? this.clock() };
  }

  /**
   * Stop every RUNNING execution as StopExecution would and refuse new ones, so that no Wait timer
   * keeps the process alive and no task calls services that are being stopped; resolves once they settle.
   */
  async shutdown(): Promise<void> {
    this.shutDown = true;
    const running = [...this.executions.values(), ...this.runningExpress].filter(
      (record) => record.status === 'RUNNING',
    );
    for (const record of running) this.abort(record, undefined, 'The local stack was stopped');
    await Promise.all(running.map((record) => record.done));
  }

  private abort(record: ExecutionRecord, error: string | undefined, cause: string | undefined): void {
    if (record.status !== 'RUNNING') return;
    record.run.stop(error, cause);
    this.settle(record, {
      status: 'ABORTED',
      ...(error === undefined ? {} : { error }),
      ...(cause === undefined ? {} : { cause }),
    });
  }

  private start(
    machine: StateMachineRecord,
    input: Unchecked<Pick<StartExecutionInput, 'name' | 'input'>>,
    idempotent: boolean,
  ): ExecutionRecord {
    if (this.shutDown) {
      throw new SfnApiError('ServiceUnavailable', 'The local Step Functions service is shutting down', 503);
    }
    const name = input.name ?? crypto.randomUUID();
    if (!isValidName(name)) throw new SfnApiError('InvalidName', `Invalid Name: '${String(name)}'`);
    const inputText = input.input === undefined ? '{}' : input.input;
    if (typeof inputText !== 'string') throw validation("'input' must be a string");
    if (Buffer.byteLength(inputText) > MAX_INPUT_BYTES) {
      throw validation(
        `Value at 'input' failed to satisfy constraint: Member must have length less than or equal to ${MAX_INPUT_BYTES}`,
      );
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(inputText);
    } catch (error) {
      throw new SfnApiError(
        'InvalidExecutionInput',
        `Invalid State Machine Execution Input: '${(error as Error).message}'`,
      );
    }
    const express = machine.type === 'EXPRESS';
    const arn = executionArn(this.scope, machine.name, name, express);
    const existing = express ? undefined : this.executions.get(arn);
    if (existing !== undefined) {
      // On AWS a Standard start is idempotent only while the first run is still running with the same input.
      if (idempotent && existing.status === 'RUNNING' && existing.input === inputText) return existing;
      throw new SfnApiError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`);
    }
    const run = machine.machine.start(parsed, {
      name,
      executionArn: arn,
      stateMachineArn: machine.arn,
      stateMachineName: machine.name,
      roleArn: machine.roleArn,
    });
    const record: ExecutionRecord = {
      arn,
      name,
      machine,
      input: inputText,
      startDate: this.clock(),
      seq: this.started++,
      run,
      status: 'RUNNING',
      done: run.result.then(
        (result) => this.settle(record, result),
        (error: unknown) =>
          this.settle(record, {
            status: 'FAILED',
            error: 'States.Runtime',
            cause: String((error as Error)?.message ?? error),
          }),
      ),
    };
    if (express) {
      this.runningExpress.add(record);
      void record.done.then(() => this.runningExpress.delete(record));
    } else {
      this.executions.set(arn, record);
    }
    return record;
  }

  private settle(record: ExecutionRecord, result: ExecutionResult): void {
    if (record.status !== 'RUNNING') return;
    record.status = result.status;
    record.stopDate = this.clock();
    if (result.status === 'SUCCEEDED') {
      record.output = JSON.stringify(result.output ?? null);
      return;
    }
    if (result.error !== undefined) record.error = result.error;
    if (result.cause !== undefined) record.cause = result.cause;
  }

  private executionBody(record: ExecutionRecord): ExecutionBody {
    return {
      executionArn: record.arn,
      stateMachineArn: record.machine.arn,
      name: record.name,
      status: record.status,
      startDate: record.startDate,
      ...(record.stopDate === undefined ? {} : { stopDate: record.stopDate }),
      input: record.input,
      inputDetails: { included: true },
      ...(record.output === undefined ? {} : { output: record.output, outputDetails: { included: true } }),
      ...(record.error === undefined ? {} : { error: record.error }),
      ...(record.cause === undefined ? {} : { cause: record.cause }),
    };
  }

  private machine(arn: unknown): StateMachineRecord {
    if (typeof arn !== 'string' || !arn.startsWith('arn:')) {
      throw new SfnApiError('InvalidArn', `Invalid Arn: '${String(arn)}'`);
    }
    const machine = this.machines.get(arn);
    if (machine === undefined)
      throw new SfnApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
    return machine;
  }

  private execution(arn: unknown): ExecutionRecord {
    if (typeof arn !== 'string' || !/^arn:aws[\w-]*:states:[^:]+:\d+:(execution|express):/.test(arn)) {
      throw new SfnApiError('InvalidArn', `Invalid Arn: '${String(arn)}'`);
    }
    // AWS answers this for Describe/Stop/GetExecutionHistory of an EXPRESS execution
    if (arn.split(':')[5] === 'express') {
      throw new SfnApiError('InvalidArn', "Invalid Arn: 'Resource type not valid in this context: express'");
    }
    const record = this.executions.get(arn);
    if (record === undefined)
      throw new SfnApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
    return record;
  }
}

function requireString<T>(input: Unchecked<T>, key: keyof T & string): string {
  const value = input[key];
  if (typeof value !== 'string' || value === '') {
    throw validation(
      `1 validation error detected: Value null at '${key}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return value;
}

function isMachineType(value: unknown): value is StateMachineType {
  return MACHINE_TYPES.some((type) => type === value);
}

function isStatusFilter(value: unknown): value is ExecutionStatus {
  return STATUS_FILTERS.some((status) => status === value);
}

/**
 * StartSyncExecution answers only SUCCEEDED, FAILED or TIMED_OUT, as on AWS. An EXPRESS execution
 * cannot be stopped, so ABORTED means the local stack was stopped while it ran.
 */
function syncStatus(status: RunStatus): SyncExecutionStatus {
  if (status === 'SUCCEEDED' || status === 'FAILED' || status === 'TIMED_OUT') return status;
  if (status === 'ABORTED') {
    throw new SfnApiError(
      'ServiceUnavailable',
      'The local Step Functions service was stopped while the execution ran',
      503,
    );
  }
  throw new Error('a synchronous execution was answered while it was still RUNNING');
}

function typeNotSupported(): SfnApiError {
  return new SfnApiError(
    'StateMachineTypeNotSupported',
    'This operation is not supported by this type of state machine',
  );
}

function validation(message: string): SfnApiError {
  return new SfnApiError('ValidationException', message);
}

/** An event with its `input`/`output` payloads left out (GetExecutionHistory includeExecutionData=false). */
function withoutData(event: HistoryEvent): HistoryEvent {
  const copy: { -readonly [K in keyof HistoryEvent]: HistoryEvent[K] } = { ...event };
  for (const [key, value] of Object.entries(copy)) {
    if (!key.endsWith('EventDetails') || typeof value !== 'object' || value === null) continue;
    const { input: _input, output: _output, ...rest } = value as Record<string, unknown>;
    copy[key] = rest;
  }
  return copy;
}
