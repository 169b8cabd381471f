import { BatchWriteItemCommand, CreateTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateTopicCommand, type SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { StackModel, TableSpec } from './stack-model.js';

/** One Inventory row: `ItemId` (S) and `quantityInStock` (N). */
export interface InventoryRow {
  readonly itemId: string;
  readonly quantityInStock: number;
}

export interface Provisioned {
  /** The topic ARNs moto assigned, by topic name. */
  readonly topicArns: Readonly<Record<string, string>>;
  /** The queue subscribed to the notification topic (SNS envelope, raw message delivery off). */
  readonly queueUrl: string;
  readonly queueArn: string;
}

export interface AwsClients {
  readonly dynamodb: DynamoDBClient;
  readonly sns: SNSClient;
  readonly sqs: SQSClient;
}

/**
 * Create in moto what the program declares: every table (with its keys), every topic, an inspection
 * queue subscribed to the notification topic, and the Inventory rows.
 */
export async function provision(
  clients: AwsClients,
  model: StackModel,
  notificationTopicName: string,
  inventory: readonly InventoryRow[],
): Promise<Provisioned> {
  // moto creates tables ACTIVE at once (no waiter); the three services load lazily, so start all at once.
  const [, topicEntries, { QueueUrl }] = await Promise.all([
    Promise.all(model.tables.map((table) => clients.dynamodb.send(createTable(table)))),
    Promise.all(
      model.topics.map(async (topic) => {
        const { TopicArn } = await clients.sns.send(new CreateTopicCommand({ Name: topic.name }));
        if (TopicArn === undefined) throw new Error(`moto created topic ${topic.name} without an ARN`);
        return [topic.name, TopicArn] as const;
      }),
    ),
    clients.sqs.send(new CreateQueueCommand({ QueueName: `${notificationTopicName}-inspect` })),
  ]);
  const topicArns: Record<string, string> = Object.fromEntries(topicEntries);
  const topicArn = topicArns[notificationTopicName];
  if (topicArn === undefined) throw new Error(`the program declares no topic named ${notificationTopicName}`);
  if (QueueUrl === undefined) throw new Error('moto created the inspection queue without a URL');
  const { Attributes } = await clients.sqs.send(
    new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
  );
  const queueArn = Attributes?.QueueArn;
  if (queueArn === undefined) throw new Error('moto returned no ARN for the inspection queue');
  await clients.sns.send(
    new SubscribeCommand({
      TopicArn: topicArn,
      Protocol: 'sqs',
      Endpoint: queueArn,
      Attributes: { RawMessageDelivery: 'false' },
    }),
  );

  const inventoryTable = model.tables.find((t) => t.name === model.outputs.inventoryTableName);
  if (inventoryTable === undefined)
    throw new Error(`the program declares no table ${model.outputs.inventoryTableName}`);
  await seedInventory(clients.dynamodb, inventoryTable.name, inventoryTable.hashKey, inventory);
  return { topicArns, queueUrl: QueueUrl, queueArn };
}

function createTable(table: TableSpec): CreateTableCommand {
  return new CreateTableCommand({
    TableName: table.name,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: table.attributes.map((a) => ({ AttributeName: a.name, AttributeType: a.type })),
    KeySchema: [
      { AttributeName: table.hashKey, KeyType: 'HASH' },
      ...(table.rangeKey === undefined ? [] : [{ AttributeName: table.rangeKey, KeyType: 'RANGE' as const }]),
    ],
  });
}

async function seedInventory(
  dynamodb: DynamoDBClient,
  tableName: string,
  hashKey: string,
  rows: readonly InventoryRow[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 25) {
    await dynamodb.send(
      new BatchWriteItemCommand({
        RequestItems: {
          [tableName]: rows.slice(i, i + 25).map((row) => ({
            PutRequest: {
              Item: { [hashKey]: { S: row.itemId }, quantityInStock: { N: String(row.quantityInStock) } },
            },
          })),
        },
      }),
    );
  }
}
