import { redactCardNumbers } from '@orders/shared-types';
import type { Clock } from './clock.js';
import { SYSTEM_CLOCK } from './clock.js';

export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
type Fields = Record<string, unknown>;

/** A structured logger: one JSON object per line with level, message, service and correlation id. */
export interface Logger {
  debug(message: string, fields?: Fields): void;
  info(message: string, fields?: Fields): void;
  warn(message: string, fields?: Fields): void;
  error(message: string, fields?: Fields): void;
  /** A logger whose lines also carry `fields` (e.g. `correlationId`). */
  child(fields: Fields): Logger;
}

export interface LoggerOptions {
  readonly service: string;
  /** Where lines go; default: stdout (what Lambda ships to CloudWatch). */
  readonly write?: (line: string) => void;
  readonly clock?: Clock;
  /** Lowest level written; default $LOG_LEVEL or INFO. */
  readonly level?: LogLevel;
}

const RANK: Record<LogLevel, number> = { DEBUG: 10, INFO: 20, WARN: 30, ERROR: 40 };

function serializeError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  return {
    name: error.name,
    message: error.message,
    ...(error.cause === undefined ? {} : { cause: serializeError(error.cause) }),
  };
}

/** Create a JSON-lines logger. Every line passes through `redactCardNumbers` as a last line of defence. */
export function createLogger(options: LoggerOptions, bound: Fields = {}): Logger {
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const clock = options.clock ?? SYSTEM_CLOCK;
  const envLevel = process.env.LOG_LEVEL?.toUpperCase();
  const min =
    RANK[options.level ?? (envLevel !== undefined && envLevel in RANK ? (envLevel as LogLevel) : 'INFO')];

  const log = (level: LogLevel, message: string, fields: Fields = {}) => {
    if (RANK[level] < min) return;
    const entry: Fields = {
      timestamp: new Date(clock.now()).toISOString(),
      level,
      service: options.service,
      message,
      ...bound,
      ...fields,
    };
    if ('error' in entry) entry.error = serializeError(entry.error);
    // Every string is masked as it is, before JSON escapes it; the whole line once more after.
    write(redactCardNumbers(JSON.stringify(entry, maskStrings)));
  };

  return {
    debug: (m, f) => log('DEBUG', m, f),
    info: (m, f) => log('INFO', m, f),
    warn: (m, f) => log('WARN', m, f),
    error: (m, f) => log('ERROR', m, f),
    child: (fields) => createLogger(options, { ...bound, ...fields }),
  };
}

function maskStrings(_key: string, value: unknown): unknown {
  return typeof value === 'string' ? redactCardNumbers(value) : value;
}
