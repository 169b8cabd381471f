/** The intake's HTTP in the shape every route handles: API Gateway's HTTP API (payload 2.0) maps onto it. */
import type { IntakeError } from '@orders/shared-types';

export interface HttpRequest {
  readonly method: string;
  readonly path: string;
  /** Header names in lower case (as API Gateway's HTTP API gives them). */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** The body as text (decoded from base64 when the event says so). */
  readonly body: string | undefined;
}

export interface HttpResponse {
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** An API Gateway HTTP API event (payload format 2.0), the fields the intake reads. */
export interface ApiGatewayHttpEvent {
  readonly rawPath?: string;
  readonly headers?: Readonly<Record<string, string | undefined>>;
  readonly body?: string;
  readonly isBase64Encoded?: boolean;
  readonly requestContext?: { readonly http?: { readonly method?: string; readonly path?: string } };
}

/** The request an API Gateway HTTP API event describes (header names lower-cased). */
export function fromApiGatewayEvent(event: ApiGatewayHttpEvent): HttpRequest {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(event.headers ?? {})) headers[name.toLowerCase()] = value;
  const body =
    event.body === undefined
      ? undefined
      : event.isBase64Encoded === true
        ? Buffer.from(event.body, 'base64').toString('utf8')
        : event.body;
  return {
    method: event.requestContext?.http?.method ?? 'GET',
    path: event.rawPath ?? event.requestContext?.http?.path ?? '/',
    headers,
    body,
  };
}

/** A JSON answer. */
export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  return {
    statusCode,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  };
}

/** An error answer: its name, a message, and for a bad request the problem of each field. */
export function problem(
  statusCode: number,
  error: string,
  message: string,
  extra: { issues?: IntakeError['issues']; headers?: Record<string, string> } = {},
): HttpResponse {
  const body: IntakeError = {
    error,
    message,
    ...(extra.issues === undefined ? {} : { issues: extra.issues }),
  };
  return json(statusCode, body, extra.headers);
}
