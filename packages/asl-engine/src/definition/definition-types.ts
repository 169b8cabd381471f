/** A (sub-)state machine: the top level, a Parallel branch or a Map ItemProcessor. */
export interface MachineDefinition {
  StartAt: string;
  States: Record<string, StateDefinition>;
  QueryLanguage?: QueryLanguage;
  TimeoutSeconds?: number;
  Comment?: string;
  Version?: string;
  ProcessorConfig?: { Mode?: string; ExecutionType?: string };
}

export type QueryLanguage = 'JSONPath' | 'JSONata';

export interface Retrier {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
  JitterStrategy?: 'FULL' | 'NONE';
  Comment?: string;
}

export interface Catcher {
  ErrorEquals: string[];
  Next: string;
  ResultPath?: string | null;
  Output?: unknown;
  Assign?: Record<string, unknown>;
  Comment?: string;
}

export interface ChoiceRule {
  Next?: string;
  Condition?: unknown;
  Assign?: Record<string, unknown>;
  Output?: unknown;
  [operator: string]: unknown;
}

export interface ItemBatcher {
  MaxItemsPerBatch?: unknown;
  MaxItemsPerBatchPath?: string;
  MaxInputBytesPerBatch?: unknown;
  MaxInputBytesPerBatchPath?: string;
  BatchInput?: unknown;
}

/** Any state; the fields a given Type uses are checked by the validator. */
export interface StateDefinition {
  Type: string;
  Next?: string;
  End?: boolean;
  Comment?: string;
  QueryLanguage?: QueryLanguage;
  InputPath?: string | null;
  OutputPath?: string | null;
  ResultPath?: string | null;
  Parameters?: unknown;
  ResultSelector?: unknown;
  Result?: unknown;
  Arguments?: unknown;
  Output?: unknown;
  Assign?: Record<string, unknown>;
  Resource?: string;
  Credentials?: unknown;
  TimeoutSeconds?: unknown;
  TimeoutSecondsPath?: string;
  HeartbeatSeconds?: unknown;
  HeartbeatSecondsPath?: string;
  Retry?: Retrier[];
  Catch?: Catcher[];
  Choices?: ChoiceRule[];
  Default?: string;
  Seconds?: unknown;
  Timestamp?: unknown;
  SecondsPath?: string;
  TimestampPath?: string;
  Error?: unknown;
  Cause?: unknown;
  ErrorPath?: string;
  CausePath?: string;
  Branches?: MachineDefinition[];
  ItemProcessor?: MachineDefinition;
  Iterator?: MachineDefinition;
  ItemsPath?: string;
  Items?: unknown;
  ItemSelector?: unknown;
  ItemReader?: unknown;
  ItemBatcher?: ItemBatcher;
  ResultWriter?: unknown;
  MaxConcurrency?: unknown;
  MaxConcurrencyPath?: string;
  ToleratedFailureCount?: unknown;
  ToleratedFailureCountPath?: string;
  ToleratedFailurePercentage?: unknown;
  ToleratedFailurePercentagePath?: string;
  Label?: string;
}

/**
 * Fields a state may use only with QueryLanguage JSONPath: Step Functions rejects them in a JSONata
 * state. The one list both validators read (this engine's and the infra builder's).
 */
export const JSONPATH_ONLY_FIELDS = [
  'InputPath',
  'OutputPath',
  'Parameters',
  'ResultPath',
  'ResultSelector',
  'Result',
  'ItemsPath',
  'Iterator',
  'TimeoutSecondsPath',
  'HeartbeatSecondsPath',
  'SecondsPath',
  'TimestampPath',
  'ErrorPath',
  'CausePath',
  'MaxConcurrencyPath',
  'ToleratedFailureCountPath',
  'ToleratedFailurePercentagePath',
] as const satisfies readonly (keyof StateDefinition)[];

/** Fields a state may use only with QueryLanguage JSONata. */
export const JSONATA_ONLY_FIELDS = [
  'Arguments',
  'Output',
  'Items',
] as const satisfies readonly (keyof StateDefinition)[];

/** The fields a state with the given query language must not use. */
export function wrongLanguageFields(queryLanguage: QueryLanguage): readonly (keyof StateDefinition)[] {
  return queryLanguage === 'JSONata' ? JSONPATH_ONLY_FIELDS : JSONATA_ONLY_FIELDS;
}
