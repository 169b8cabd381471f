/** A parsed Task `Resource` that targets an AWS service. */
export interface ServiceResource {
  readonly service: string;
  readonly action: string;
  /** `arn:aws:states:::dynamodb:putItem` (optimized) vs `arn:aws:states:::aws-sdk:dynamodb:putItem`. */
  readonly optimized: boolean;
}

const OPTIMIZED = /^arn:aws[\w-]*:states:::(dynamodb|sns|sqs):([A-Za-z]+)$/;
const AWS_SDK = /^arn:aws[\w-]*:states:::aws-sdk:([a-z0-9]+):([A-Za-z]+)$/;

/** Parse a service integration resource; undefined when it is not one this module serves. */
export function parseServiceResource(resource: string): ServiceResource | undefined {
  const optimized = OPTIMIZED.exec(resource);
  if (optimized?.[1] !== undefined && optimized[2] !== undefined) {
    return { service: optimized[1], action: optimized[2], optimized: true };
  }
  const sdk = AWS_SDK.exec(resource);
  if (sdk?.[1] !== undefined && sdk[2] !== undefined)
    return { service: sdk[1], action: sdk[2], optimized: false };
  return undefined;
}
