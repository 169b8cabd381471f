import {
  DeleteItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { HttpResponse } from '../intake/http.js';
import {
  CLAIM_LEASE_MS,
  type IdempotencyClaim,
  type IdempotencyStore,
  KEY_RETENTION_SECONDS,
} from '../intake/idempotency.js';

/** The idempotency table's key attribute. */
export const IDEMPOTENCY_KEY = 'IdempotencyKey';

const NAMES = {
  '#key': IDEMPOTENCY_KEY,
  '#fingerprint': 'Fingerprint',
  '#status': 'Status',
  '#lease': 'LeaseUntil',
  '#expires': 'ExpiresAt',
};

const isConditionFailure = (error: unknown) =>
  error instanceof Error && error.name === 'ConditionalCheckFailedException';

/**
 * Idempotency keys in a DynamoDB table keyed by `IdempotencyKey`: a conditional put claims a key, so of many
 * concurrent requests with one key exactly one gets it. `ExpiresAt` (epoch seconds) is the table's TTL
 * attribute; an expired key counts as free even before DynamoDB deletes it.
 */
export function dynamoDbIdempotencyStore(client: DynamoDBClient, table: () => string): IdempotencyStore {
  return {
    async claim(key, fingerprint, now): Promise<IdempotencyClaim> {
      try {
        await client.send(
          new PutItemCommand({
            TableName: table(),
            Item: {
              [IDEMPOTENCY_KEY]: { S: key },
              Fingerprint: { S: fingerprint },
              Status: { S: 'IN_FLIGHT' },
              LeaseUntil: { N: String(now + CLAIM_LEASE_MS) },
              ExpiresAt: { N: String(Math.floor(now / 1000) + KEY_RETENTION_SECONDS) },
            },
            // A new key, an expired one, or a claim whose request gave out (same body, lease over).
            ConditionExpression:
              'attribute_not_exists(#key) OR #expires <= :nowSeconds OR ' +
              '(#status = :inFlight AND #fingerprint = :fingerprint AND #lease <= :now)',
            ExpressionAttributeNames: NAMES,
            ExpressionAttributeValues: {
              ':nowSeconds': { N: String(Math.floor(now / 1000)) },
              ':inFlight': { S: 'IN_FLIGHT' },
              ':fingerprint': { S: fingerprint },
              ':now': { N: String(now) },
            },
          }),
        );
        return { kind: 'claimed' };
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
      const { Item } = await client.send(
        new GetItemCommand({
          TableName: table(),
          Key: { [IDEMPOTENCY_KEY]: { S: key } },
          ConsistentRead: true,
        }),
      );
      // Deleted between the two calls (released): the caller tries again.
      if (Item === undefined) return { kind: 'in-flight' };
      if (Item.Fingerprint?.S !== fingerprint) return { kind: 'mismatch' };
      const response = Item.Response?.S;
      if (Item.Status?.S === 'COMPLETED' && response !== undefined) {
        return { kind: 'completed', response: JSON.parse(response) as HttpResponse };
      }
      return { kind: 'in-flight' };
    },

    async complete(key, fingerprint, response) {
      await client.send(
        new UpdateItemCommand({
          TableName: table(),
          Key: { [IDEMPOTENCY_KEY]: { S: key } },
          UpdateExpression: 'SET #status = :completed, #response = :response REMOVE #lease',
          ConditionExpression: '#fingerprint = :fingerprint',
          ExpressionAttributeNames: {
            '#status': 'Status',
            '#response': 'Response',
            '#lease': 'LeaseUntil',
            '#fingerprint': 'Fingerprint',
          },
          ExpressionAttributeValues: {
            ':completed': { S: 'COMPLETED' },
            ':response': { S: JSON.stringify(response) },
            ':fingerprint': { S: fingerprint },
          },
        }),
      );
    },

    async release(key, fingerprint) {
      try {
        await client.send(
          new DeleteItemCommand({
            TableName: table(),
            Key: { [IDEMPOTENCY_KEY]: { S: key } },
            ConditionExpression: '#status = :inFlight AND #fingerprint = :fingerprint',
            ExpressionAttributeNames: { '#status': 'Status', '#fingerprint': 'Fingerprint' },
            ExpressionAttributeValues: {
              ':inFlight': { S: 'IN_FLIGHT' },
              ':fingerprint': { S: fingerprint },
            },
          }),
        );
      } catch (error) {
        // Someone else holds or finished it now: theirs to keep.
        if (!isConditionFailure(error)) throw error;
      }
    },
  };
}
