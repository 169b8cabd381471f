import { randomUUID } from 'node:crypto';
import { TaskError } from '@orders/asl-engine';
import { type AccessDenial, accessDeniedMessage } from './iam-authorizer.js';
import type { TaskCall } from './task-permissions.js';

/**
 * How each service refuses a call, as Step Functions reports it (the Java SDK's exception class behind the
 * integration: DynamoDB and Lambda have no modeled access-denied exception there, so Step Functions names the
 * service's base exception; SNS's AuthorizationError is modeled) and as the service answers over HTTP.
 */
interface ServiceDenial {
  /** The `<prefix>.<name>` error of the optimized integration and of the `aws-sdk:` one. */
  readonly optimizedError: string;
  readonly sdkError: string;
  /** The service id and error code in the cause text. */
  readonly serviceId: string;
  readonly code: string;
  readonly status: number;
  /** How the service spells its prefix in the message (`SNS:Publish`). */
  readonly messagePrefix?: string;
}

const DENIALS: Readonly<Record<string, ServiceDenial>> = {
  lambda: {
    optimizedError: 'Lambda.AWSLambdaException',
    sdkError: 'Lambda.LambdaException',
    serviceId: 'AWSLambda',
    code: 'AccessDeniedException',
    status: 403,
  },
  dynamodb: {
    optimizedError: 'DynamoDB.AmazonDynamoDBException',
    sdkError: 'DynamoDb.DynamoDbException',
    serviceId: 'AmazonDynamoDBv2',
    code: 'AccessDeniedException',
    status: 400,
  },
  sns: {
    optimizedError: 'SNS.AuthorizationErrorException',
    sdkError: 'Sns.AuthorizationErrorException',
    serviceId: 'AmazonSNS',
    code: 'AuthorizationError',
    status: 403,
    messagePrefix: 'SNS',
  },
  states: {
    optimizedError: 'StepFunctions.AWSStepFunctionsException',
    sdkError: 'Sfn.SfnException',
    serviceId: 'AWSStepFunctions',
    code: 'AccessDeniedException',
    status: 400,
  },
  sqs: {
    optimizedError: 'SQS.AmazonSQSException',
    sdkError: 'Sqs.SqsException',
    serviceId: 'AmazonSQS',
    code: 'AccessDenied',
    status: 403,
  },
};

function denialOf(service: string): ServiceDenial {
  return (
    DENIALS[service] ?? {
      optimizedError: `${service}.AccessDeniedException`,
      sdkError: `${service}.AccessDeniedException`,
      serviceId: service,
      code: 'AccessDeniedException',
      status: 403,
    }
  );
}

/** The Task failure Step Functions reports for a call its role may not make. */
export function deniedTaskError(call: TaskCall, denial: AccessDenial): TaskError {
  const d = denialOf(call.service);
  const message = accessDeniedMessage(denial, d.messagePrefix);
  return new TaskError(
    call.optimized ? d.optimizedError : d.sdkError,
    `${message} (Service: ${d.serviceId}; Status Code: ${d.status}; Error Code: ${d.code}; ` +
      `Request ID: ${randomUUID()}; Proxy: null)`,
  );
}

/** An HTTP answer the AWS SDK v3 parses as the service's access-denied error. */
export interface DeniedResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/**
 * The service's own refusal over HTTP: DynamoDB (JSON 1.0) a 400 `AccessDeniedException`, SQS (JSON,
 * query-compatible) a 403 `AccessDenied`, SNS (query protocol) a 403 `AuthorizationError` XML document.
 */
export function deniedResponse(service: string, message: string): DeniedResponse {
  const requestId = randomUUID();
  const d = denialOf(service);
  if (service === 'sns') {
    const xml =
      '<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">' +
      `<Error><Type>Sender</Type><Code>${d.code}</Code><Message>${escapeXml(message)}</Message></Error>` +
      `<RequestId>${requestId}</RequestId></ErrorResponse>`;
    return {
      status: d.status,
      headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
      body: xml,
    };
  }
  const headers: Record<string, string> = {
    'content-type': 'application/x-amz-json-1.0',
    'x-amzn-requestid': requestId,
  };
  // SQS answers in JSON but keeps its query-protocol error code in this header, which the SDK reads.
  if (service === 'sqs') headers['x-amzn-query-error'] = `${d.code};Sender`;
  const type =
    service === 'sqs' ? 'com.amazonaws.sqs#AccessDenied' : 'com.amazon.coral.service#AccessDeniedException';
  return { status: d.status, headers, body: JSON.stringify({ __type: type, message, Message: message }) };
}

/**
 * The answer for a call the proxy could not hand to moto (moto down or restarting): the service's own
 * internal error, which the SDK reads as such and retries, as it would retry AWS's.
 */
export function unavailableResponse(service: string, message: string): DeniedResponse {
  const requestId = randomUUID();
  if (service === 'sns') {
    const xml =
      '<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">' +
      `<Error><Type>Receiver</Type><Code>InternalError</Code><Message>${escapeXml(message)}</Message></Error>` +
      `<RequestId>${requestId}</RequestId></ErrorResponse>`;
    return { status: 500, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, body: xml };
  }
  const headers: Record<string, string> = {
    'content-type': 'application/x-amz-json-1.0',
    'x-amzn-requestid': requestId,
  };
  if (service === 'sqs') headers['x-amzn-query-error'] = 'InternalError;Receiver';
  const type =
    service === 'dynamodb'
      ? 'com.amazonaws.dynamodb.v20120810#InternalServerError'
      : service === 'sqs'
        ? 'com.amazonaws.sqs#InternalError'
        : 'com.amazon.coral.service#InternalFailure';
  return { status: 500, headers, body: JSON.stringify({ __type: type, message, Message: message }) };
}

/** The message of a denial as the service words it. */
export function serviceMessage(service: string, denial: AccessDenial): string {
  return accessDeniedMessage(denial, denialOf(service).messagePrefix);
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
