/** Where local resources live: the region and account their ARNs name. */
export interface ArnScope {
  readonly region: string;
  readonly accountId: string;
}

export function stateMachineArn(scope: ArnScope, name: string): string {
  return `arn:aws:states:${scope.region}:${scope.accountId}:stateMachine:${name}`;
}

export function executionArn(scope: ArnScope, machineName: string, name: string, express: boolean): string {
  const kind = express ? 'express' : 'execution';
  const suffix = express ? `:${crypto.randomUUID()}` : '';
  return `arn:aws:states:${scope.region}:${scope.accountId}:${kind}:${machineName}:${name}${suffix}`;
}

const NAME_FORBIDDEN = /[\s<>{}[\]?*"#%\\^|~`$&,;:/]/;

/** Step Functions' rule for state machine and execution names. */
export function isValidName(name: unknown): name is string {
  if (typeof name !== 'string' || name.length < 1 || name.length > 80 || NAME_FORBIDDEN.test(name))
    return false;
  // Control characters (U+0000–U+001F, U+007F–U+009F) are forbidden too.
  return ![...name].some((ch) => {
    const code = ch.charCodeAt(0);
    return code <= 0x1f || (code >= 0x7f && code <= 0x9f);
  });
}
