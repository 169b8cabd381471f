import { createLogger, type Logger } from '../../src/runtime/logger.js';

/** A logger that keeps its lines in memory, for asserting on what a handler logged. */
export function memoryLogger(service: string): {
  logger: Logger;
  lines: string[];
  entries: () => Record<string, unknown>[];
} {
  const lines: string[] = [];
  const logger = createLogger({ service, write: (line) => lines.push(line) });
  return { logger, lines, entries: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}
