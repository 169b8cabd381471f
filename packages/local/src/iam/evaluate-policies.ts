import { conditionsHold } from './conditions.js';
import type { PolicyDocument, PolicyPrincipal, PolicyStatement } from './policy-document.js';
import { substituteVariables } from './policy-variables.js';
import type { RequestContext } from './request-context.js';
import { arnMatch, wildcardMatch } from './wildcard.js';

/** One call to authorize: who (a role, through one of its sessions), what, on what. */
export interface AuthorizationRequest {
  /** The role's ARN (`arn:aws:iam::…:role/name`): what resource policies name and `aws:PrincipalArn` holds. */
  readonly principalArn: string;
  /** The role session's ARN (`arn:aws:sts::…:assumed-role/name/session`), which a resource policy may name too. */
  readonly sessionArn: string;
  readonly principalAccount: string;
  /** Set when an AWS service is the caller (`states.amazonaws.com` assuming a role): matched against `Principal.Service`. */
  readonly servicePrincipal?: string;
  readonly action: string;
  readonly resource: string;
  readonly context: RequestContext;
}

/** The policies that bear on a request in one account: the principal's own, and the resource's. */
export interface ApplicablePolicies {
  readonly identity: readonly PolicyDocument[];
  readonly resource: readonly PolicyDocument[];
}

/** Where a decision came from, for the error message and for tests. */
export interface DecidingStatement {
  readonly policy: 'identity' | 'resource';
  readonly source: string;
  readonly sid?: string;
}

export type Decision =
  | { readonly effect: 'Allow'; readonly by: DecidingStatement }
  | { readonly effect: 'ExplicitDeny'; readonly by: DecidingStatement }
  | { readonly effect: 'ImplicitDeny' };

/**
 * IAM's evaluation for a principal and a resource of the same account: an explicit Deny in any applicable
 * policy wins; otherwise an Allow in the principal's identity policies, or a resource policy Allow that names
 * the role or its session, allows; otherwise the request is implicitly denied. A resource policy that grants
 * to the account (`…:root` or the bare account id) only hands the decision to the identity policies.
 */
export function evaluatePolicies(request: AuthorizationRequest, policies: ApplicablePolicies): Decision {
  let allow: DecidingStatement | undefined;
  const consider = (documents: readonly PolicyDocument[], policy: 'identity' | 'resource') => {
    for (const document of documents) {
      for (const statement of document.statements) {
        if (!statementApplies(statement, request)) continue;
        const principal = policy === 'resource' ? principalMatch(statement, request) : 'direct';
        if (principal === 'none') continue;
        const by: DecidingStatement = {
          policy,
          source: document.source,
          ...(statement.sid === undefined ? {} : { sid: statement.sid }),
        };
        if (statement.effect === 'Deny') return by;
        if (principal === 'direct') allow ??= by;
      }
    }
    return undefined;
  };
  const denied = consider(policies.identity, 'identity') ?? consider(policies.resource, 'resource');
  if (denied !== undefined) return { effect: 'ExplicitDeny', by: denied };
  return allow === undefined ? { effect: 'ImplicitDeny' } : { effect: 'Allow', by: allow };
}

/** Action, resource and conditions of one statement against the request (the principal aside). */
export function statementApplies(statement: PolicyStatement, request: AuthorizationRequest): boolean {
  const actionMatches = (patterns: readonly string[]) =>
    patterns.some((pattern) => pattern === '*' || wildcardMatch(pattern, request.action, true));
  if (statement.actions !== undefined && !actionMatches(statement.actions)) return false;
  if (statement.notActions !== undefined && actionMatches(statement.notActions)) return false;
  const resourceMatches = (patterns: readonly string[]) =>
    patterns.some((pattern) => {
      const resolved = substituteVariables(pattern, request.context);
      return resolved !== undefined && arnMatch(resolved, request.resource);
    });
  if (statement.resources !== undefined && !resourceMatches(statement.resources)) return false;
  if (statement.notResources !== undefined && resourceMatches(statement.notResources)) return false;
  return conditionsHold(statement.condition, request.context);
}

type PrincipalMatch = 'direct' | 'account' | 'none';

function principalMatch(statement: PolicyStatement, request: AuthorizationRequest): PrincipalMatch {
  if (statement.principal !== undefined) return principalIn(statement.principal, request);
  if (statement.notPrincipal !== undefined)
    return principalIn(statement.notPrincipal, request) === 'none' ? 'direct' : 'none';
  return 'none';
}

function principalIn(principal: PolicyPrincipal, request: AuthorizationRequest): PrincipalMatch {
  if (principal === '*') return 'direct';
  if (request.servicePrincipal !== undefined)
    return (principal.Service ?? []).includes(request.servicePrincipal) ? 'direct' : 'none';
  let found: PrincipalMatch = 'none';
  for (const value of principal.AWS ?? []) {
    if (value === '*' || value === request.principalArn || value === request.sessionArn) return 'direct';
    if (value === request.principalAccount || value === `arn:aws:iam::${request.principalAccount}:root`)
      found = 'account';
  }
  // Service and federated principals never match a role session.
  return found;
}
