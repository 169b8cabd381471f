import type { FuzzRequest } from './request-arbitrary.js';

/** The API's answer to one fuzz request. */
export interface FuzzAnswer {
  readonly status: number;
  readonly location: string | undefined;
  readonly text: string;
}

/**
 * A message that names the field it is about: `body: …`, `content-type: …`, `Idempotency-Key: …`,
 * `orderId: …`, `orderContents.items[0].price: …`.
 */
const FIELD_FIRST = /^[A-Za-z][\w-]*(?:\.[A-Za-z_][\w-]*|\[\d+\])*: \S/;

/** The errors a valid order may still meet: its id or key met an earlier request's. */
const VALID_ORDER_REFUSALS = new Set(['OrderAlreadySubmitted', 'IdempotencyKeyReused', 'RequestInFlight']);

/** The error name of an error answer, or undefined when the body is not an IntakeError. */
export function errorName(answer: FuzzAnswer): string | undefined {
  const body = parseJson(answer.text);
  return isRecord(body) && typeof body.error === 'string' ? body.error : undefined;
}

/**
 * Everything wrong with an answer: anything but a 202 (with its order id and Location) or a 4xx whose
 * IntakeError names a field (`issues[].path`, or a message that starts with the field's name); a valid order
 * refused for anything but its id or key; a card number of the request in the answer.
 */
export function answerProblems(request: FuzzRequest, answer: FuzzAnswer): string[] {
  const problems: string[] = [];
  const body = parseJson(answer.text);
  if (answer.status === 202) problems.push(...acceptedProblems(body, answer.location));
  else if (answer.status >= 400 && answer.status < 500) {
    problems.push(...errorProblems(body, answer));
    const name = isRecord(body) ? body.error : undefined;
    if (request.generator === 'valid' && !VALID_ORDER_REFUSALS.has(String(name)))
      problems.push(`a valid order was refused: ${answer.status} ${answer.text.slice(0, 300)}`);
  } else problems.push(`answered ${answer.status}: ${answer.text.slice(0, 300)}`);
  const echoed = echoedCardNumbers(request, answer.text);
  if (echoed > 0) problems.push(`the answer repeats ${echoed} card number(s) of the request`);
  return problems;
}

function acceptedProblems(body: unknown, location: string | undefined): string[] {
  if (!isRecord(body) || typeof body.orderId !== 'string' || typeof body.state !== 'string')
    return ['a 202 without {orderId, state, location}'];
  const expected = `/orders/${encodeURIComponent(body.orderId)}`;
  if (body.location !== expected || location !== expected)
    return [`a 202 whose location (${String(body.location)}, header ${location}) is not ${expected}`];
  return [];
}

function errorProblems(body: unknown, answer: FuzzAnswer): string[] {
  if (!isRecord(body) || typeof body.error !== 'string' || typeof body.message !== 'string')
    return [`a ${answer.status} whose body is not {error, message}: ${answer.text.slice(0, 200)}`];
  const issues = body.issues;
  if (issues !== undefined) {
    const named =
      Array.isArray(issues) &&
      issues.length > 0 &&
      issues.every(
        (i) => isRecord(i) && typeof i.path === 'string' && i.path !== '' && typeof i.message === 'string',
      );
    return named ? [] : [`a ${answer.status} ${body.error} whose issues do not each name a path`];
  }
  return FIELD_FIRST.test(body.message)
    ? []
    : [`a ${answer.status} ${body.error} that names no field: ${body.message.slice(0, 200)}`];
}

/** Runs of 12 or more digits (spaces and dashes between digits dropped): anything that could be a PAN. */
function digitRuns(text: string): string[] {
  return (text.replace(/(\d)[ -](?=\d)/g, '$1').match(/\d{12,}/g) ?? []).map(String);
}

/**
 * How many digit runs of the answer (12 digits or more: anything that could be a card number) repeat the
 * request's digits. The request's own `orderId` is left out: the API names the order by it.
 */
export function echoedCardNumbers(request: FuzzRequest, answerText: string): number {
  let text = typeof request.body === 'string' ? request.body : Buffer.from(request.body).toString('latin1');
  const parsed = parseJson(text);
  if (isRecord(parsed) && typeof parsed.orderId === 'string' && parsed.orderId !== '')
    text = text.replaceAll(JSON.stringify(parsed.orderId), '""');
  const sent = digitRuns(text);
  if (sent.length === 0) return 0;
  return digitRuns(answerText).filter((run) => sent.some((s) => s.includes(run))).length;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
