import { describe, expect, it } from 'vitest';
import {
  chain,
  dynamoPutItem,
  findSensitiveFlows,
  JSONata,
  jsonata,
  lambdaInvoke,
  map,
  parallel,
  pass,
  path,
  type StateMachineOptions,
  snsPublish,
  stateMachine,
} from '../../src/asl/index.js';
import { aslErrors } from '../support/asl-validator.js';

const SENSITIVE = ['paymentDetails.cardNumber', 'paymentDetails.expiration'];
const TABLE = { name: 't', arn: 'arn:aws:dynamodb:us-east-1:123456789012:table/t' };
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:topic';

function flows(options: StateMachineOptions, allowedFunctions: string[] = []): string[] {
  const asl = stateMachine(options).toAsl();
  expect(aslErrors(asl)).toBe('');
  return findSensitiveFlows(asl, { sensitiveFields: SENSITIVE, allowedFunctions }).map(
    (f) => `${f.state} (${f.sink}) <- ${f.field} via ${f.via}`,
  );
}

const publish = (message: unknown) =>
  JSONata.snsPublish('Publish', { topicArn: TOPIC, message, timeoutSeconds: 5 });
const publishPath = (message: unknown) =>
  snsPublish('Publish', { topicArn: TOPIC, message, timeoutSeconds: 5 });

describe('sensitive-data flow analysis', () => {
  it('finds the whole input published to SNS (JSONata)', () => {
    expect(flows({ queryLanguage: 'JSONata', startAt: publish(jsonata('$string($states.input)')) })).toEqual([
      'Publish (SNS) <- paymentDetails.cardNumber via Arguments.Message',
      'Publish (SNS) <- paymentDetails.expiration via Arguments.Message',
    ]);
  });

  it('finds the whole input published to SNS (JSONPath `Message.$: $`, as in the original)', () => {
    expect(flows({ startAt: publishPath(path('$')) })).toHaveLength(2);
  });

  it('allows a card-free projection', () => {
    const message = jsonata(
      '$string({ "type": $states.input.paymentDetails.cardType, "id": $states.input.id })',
    );
    expect(flows({ queryLanguage: 'JSONata', startAt: publish(message) })).toEqual([]);
  });

  it('follows variables into a DynamoDB item', () => {
    const keep = JSONata.pass('Keep', { assign: { order: jsonata('$states.input') } });
    const put = JSONata.dynamoPutItem('Put', {
      table: TABLE,
      item: { Card: { S: jsonata('$order.paymentDetails.cardNumber') } },
      timeoutSeconds: 5,
    });
    expect(flows({ queryLanguage: 'JSONata', startAt: chain(keep, put) })).toEqual([
      'Put (DynamoDB) <- paymentDetails.cardNumber via Arguments.Item.Card.S',
    ]);
  });

  it('follows a state Output into the next state input', () => {
    const reshape = JSONata.pass('Reshape', {
      output: { card: jsonata('$states.input.paymentDetails'), n: 1 },
    });
    expect(
      flows({ queryLanguage: 'JSONata', startAt: chain(reshape, publish(jsonata('$states.input.card'))) }),
    ).toEqual([
      'Publish (SNS) <- paymentDetails.cardNumber via Arguments.Message',
      'Publish (SNS) <- paymentDetails.expiration via Arguments.Message',
    ]);
  });

  it('follows JSONPath ResultPath (the input is kept) and Parallel results', () => {
    const call = lambdaInvoke('Call', {
      functionArn: 'ok',
      payload: { 'x.$': '$.id' },
      timeoutSeconds: 5,
      resultPath: '$.r',
    });
    const both = parallel('Both', { branches: [pass('Copy')], resultSelector: { 'order.$': '$[0]' } });
    const put = dynamoPutItem('Put', {
      table: TABLE,
      item: { Exp: { 'S.$': '$.order.paymentDetails.expiration' } },
      timeoutSeconds: 5,
    });
    expect(flows({ startAt: chain(call, both, put) })).toEqual([
      'Put (DynamoDB) <- paymentDetails.expiration via Parameters.Item.Exp.S',
    ]);
  });

  it('follows Map items into the iterations', () => {
    const each = map('Each', {
      itemsPath: '$.cards',
      itemSelector: { card: path('$.paymentDetails') },
      itemProcessor: publishPath(path('$.card.cardNumber')),
    });
    expect(flows({ startAt: each })).toEqual([
      'Publish (SNS) <- paymentDetails.cardNumber via Parameters.Message',
    ]);
  });

  it('finds card data sent to a Lambda that is not allowed, and accepts an allowed one', () => {
    const verify = JSONata.lambdaInvoke('Verify', {
      functionArn: 'verify',
      payload: jsonata('$states.input'),
      timeoutSeconds: 5,
    });
    const options = { queryLanguage: 'JSONata' as const, startAt: chain(verify, JSONata.succeed('Done')) };
    expect(flows(options)).toEqual([
      'Verify (Lambda) <- paymentDetails.cardNumber via Arguments.Payload',
      'Verify (Lambda) <- paymentDetails.expiration via Arguments.Payload',
    ]);
    expect(flows(options, ['verify'])).toEqual([]);
  });

  it('finds the execution input read from the context object', () => {
    expect(
      flows({ queryLanguage: 'JSONata', startAt: publish(jsonata('$states.context.Execution.Input')) }),
    ).toHaveLength(2);
    expect(flows({ startAt: publishPath(path('$$.Execution.Input.paymentDetails')) })).toHaveLength(2);
  });
});
