import type { IncomingHttpHeaders } from 'node:http';

/** One AWS API call read from its HTTP request: who signed it, for which service, which operation, what input. */
export interface SignedCall {
  readonly accessKeyId: string;
  /** The signing name of the SigV4 scope (`dynamodb`, `sns`, `sqs`, …), which is the IAM prefix for these services. */
  readonly service: string;
  readonly region: string;
  /** The API operation (`PutItem`, `Publish`); empty when the request names none. */
  readonly operation: string;
  readonly input: Readonly<Record<string, unknown>>;
}

const CREDENTIAL = /Credential=([^/,\s]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/;

/**
 * Read a SigV4-signed request: the access key, region and service from the Authorization header's
 * `Credential=` scope; the operation and input from `X-Amz-Target` and the JSON body (DynamoDB, SQS), or
 * from the form body or query string (`Action=Publish&TopicArn=…`: SNS). Undefined when it is not signed.
 */
export function readSignedCall(
  headers: IncomingHttpHeaders,
  url: string,
  body: Buffer,
): SignedCall | undefined {
  const authorization = headers.authorization ?? '';
  const credential = CREDENTIAL.exec(authorization) ?? CREDENTIAL.exec(decodeURIComponent(url));
  const [, accessKeyId, region, service] = credential ?? [];
  if (accessKeyId === undefined || region === undefined || service === undefined) return undefined;
  const target = headers['x-amz-target'];
  if (typeof target === 'string') {
    // `DynamoDB_20120810.PutItem`, `AmazonSQS.SendMessage`.
    const operation = target.slice(target.lastIndexOf('.') + 1);
    return { accessKeyId, service, region, operation, input: parseJson(body) };
  }
  const params = new URLSearchParams(new URL(url, 'http://local').search);
  const contentType = String(headers['content-type'] ?? '');
  if (contentType.includes('x-www-form-urlencoded')) {
    for (const [key, value] of new URLSearchParams(body.toString('utf8'))) params.append(key, value);
  }
  const input = Object.fromEntries(params);
  return { accessKeyId, service, region, operation: String(input.Action ?? ''), input };
}

function parseJson(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    // Not JSON: the service will refuse it itself; IAM checks what it can read (nothing).
    return {};
  }
}
