import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/runtime/logger.js';

function capture(level?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR') {
  const lines: string[] = [];
  const logger = createLogger({
    service: 'test',
    write: (l) => lines.push(l),
    clock: { now: () => Date.parse('2026-11-29T00:00:00Z') },
    ...(level === undefined ? {} : { level }),
  });
  return { logger, lines };
}

describe('createLogger', () => {
  it('writes one JSON object per line with the bound correlation id', () => {
    const { logger, lines } = capture();
    logger.child({ correlationId: 'order-1' }).info('hello', { n: 1 });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toEqual({
      timestamp: '2026-11-29T00:00:00.000Z',
      level: 'INFO',
      service: 'test',
      message: 'hello',
      correlationId: 'order-1',
      n: 1,
    });
  });

  it('serializes errors with name, message and cause', () => {
    const { logger, lines } = capture();
    logger.error('failed', { error: new TypeError('outer', { cause: new RangeError('inner') }) });
    expect(JSON.parse(lines[0]!).error).toEqual({
      name: 'TypeError',
      message: 'outer',
      cause: { name: 'RangeError', message: 'inner' },
    });
  });

  it('masks anything card-like that slipped into a field', () => {
    const { logger, lines } = capture();
    logger.info('oops', { note: 'paid with 4111 1111 1111 1111', nested: { pan: '378282246310005' } });
    expect(lines[0]).not.toMatch(/4111 1111|378282246310005/);
    expect(lines[0]).toContain('**** 1111');
    expect(lines[0]).toContain('**** 0005');
  });

  it('drops lines below the level', () => {
    const { logger, lines } = capture('WARN');
    logger.debug('d');
    logger.info('i');
    logger.warn('w');
    expect(lines.map((l) => JSON.parse(l).level)).toEqual(['WARN']);
  });
});
