/** Requests moto served for one operation (`dynamodb:UpdateItem`, `sns:Publish`, `sqs:ReceiveMessage`). */
export interface OperationProfile {
  readonly count: number;
  /** Wall-clock seconds moto spent on them, waiting for the DynamoDB lock included. */
  readonly seconds: number;
}

/** Request counts per operation since moto started or since the last reset. */
export type MotoProfile = Readonly<Record<string, OperationProfile>>;

/** One request as moto received it: enough to send it again. */
export interface RecordedRequest {
  readonly operation: string;
  readonly method: string;
  /** Path and query string. */
  readonly path: string;
  /** The headers moto routes on: Content-Type, X-Amz-Target, Authorization (its credential scope). */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** The launcher's profile route (served only when moto was started with the profile on). */
export const PROFILE_PATH = '/_moto-profile';

/** moto was started without the profile, so there are no counts to read. */
export class MotoProfileOffError extends Error {
  override readonly name = 'MotoProfileOffError';
  constructor(endpoint: string, status: number) {
    super(
      `moto at ${endpoint} keeps no request profile (GET ${PROFILE_PATH} answered ${status}): ` +
        'start it with startMoto({ profile: true }) or MOTO_PROFILE=1',
    );
  }
}

/** The request counts per operation of the moto at `endpoint`. */
export function readMotoProfile(endpoint: string): Promise<MotoProfile> {
  return profileRequest(endpoint, 'GET');
}

/** The last 2,000 requests the moto at `endpoint` received (since start or the last reset), oldest first. */
export function readRecentRequests(endpoint: string): Promise<readonly RecordedRequest[]> {
  return profileRequest(endpoint, 'GET', '/requests');
}

/** CPU seconds the moto process at `endpoint` has used since it started (all its threads). */
export async function readMotoCpuSeconds(endpoint: string): Promise<number> {
  const { seconds } = await profileRequest<{ seconds: number }>(endpoint, 'GET', '/cpu');
  return seconds;
}

/** Start the counts (and the recent requests) of the moto at `endpoint` again from zero. */
export async function resetMotoProfile(endpoint: string): Promise<void> {
  await profileRequest(endpoint, 'DELETE');
}

async function profileRequest<T = MotoProfile>(
  endpoint: string,
  method: 'GET' | 'DELETE',
  sub = '',
): Promise<T> {
  const response = await fetch(`${endpoint}${PROFILE_PATH}${sub}`, { method });
  const text = await response.text();
  if (!response.ok || !(response.headers.get('content-type') ?? '').startsWith('application/json'))
    throw new MotoProfileOffError(endpoint, response.status);
  return JSON.parse(text) as T;
}
