/** A mocked run did not finish in time (typically an error thrown inside an `apply`, which never settles). */
export class ProgramTimeoutError extends Error {
  override readonly name = 'ProgramTimeoutError';
}

/** Resolve with `promise`, or reject with ProgramTimeoutError after `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, describe: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ProgramTimeoutError(`${describe()} within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
