/** How Step Functions names a service in its errors and cause texts. */
export interface ServiceNames {
  /** Prefix of error names for the optimized integration (`DynamoDB.`) … */
  readonly optimizedPrefix: string;
  /** … and for the aws-sdk one (`DynamoDb.`). */
  readonly sdkPrefix: string;
  /** The service id in cause texts, as the Java SDK behind Step Functions prints it. */
  readonly serviceId: string;
}

/** The services the local integrations call (moto's), by the service id of the Task resource. */
export const SERVICE_NAMES: Readonly<Record<string, ServiceNames>> = {
  dynamodb: { optimizedPrefix: 'DynamoDB', sdkPrefix: 'DynamoDb', serviceId: 'AmazonDynamoDBv2' },
  sns: { optimizedPrefix: 'SNS', sdkPrefix: 'Sns', serviceId: 'AmazonSNS' },
  sqs: { optimizedPrefix: 'SQS', sdkPrefix: 'Sqs', serviceId: 'AmazonSQS' },
};

/** The error prefix a Task of `service` reports under (`DynamoDB` / `DynamoDb`); undefined for another service. */
export function errorPrefix(service: string, optimized: boolean): string | undefined {
  const names = SERVICE_NAMES[service];
  if (names === undefined) return undefined;
  return optimized ? names.optimizedPrefix : names.sdkPrefix;
}

/** The cause text Step Functions shows for a service error (the Java SDK's exception message). */
export function serviceErrorCause(
  names: ServiceNames,
  error: { message: string; statusCode: number; code: string; requestId: string },
): string {
  return (
    `${error.message} (Service: ${names.serviceId}; Status Code: ${error.statusCode}; ` +
    `Error Code: ${error.code}; Request ID: ${error.requestId}; Proxy: null)`
  );
}
