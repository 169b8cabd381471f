/** The actions AWS authorizes only on Resource "*": the state machine role needs them, the policy pack allows them. */

/**
 * CloudWatch Logs delivery for Step Functions goes through the vended-log-delivery APIs, which do not
 * support resource-level permissions: AWS requires these actions on Resource "*".
 */
export const LOG_DELIVERY_ACTIONS = [
  'logs:CreateLogDelivery',
  'logs:DeleteLogDelivery',
  'logs:DescribeLogGroups',
  'logs:DescribeResourcePolicies',
  'logs:GetLogDelivery',
  'logs:ListLogDeliveries',
  'logs:PutResourcePolicy',
  'logs:UpdateLogDelivery',
] as const;

/** X-Ray's trace APIs have no resource-level permissions either: AWS requires Resource "*". */
export const XRAY_ACTIONS = [
  'xray:GetSamplingRules',
  'xray:GetSamplingTargets',
  'xray:PutTelemetryRecords',
  'xray:PutTraceSegments',
] as const;
