import { type DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';

/** One Inventory row the scripts create for a run of their own, so nothing else moves its stock. */
export class ScriptItem {
  constructor(
    private readonly dynamodb: DynamoDBClient,
    private readonly tableName: string,
    readonly itemId: string,
  ) {}

  /** Create (or overwrite) the row with `stock` units. */
  async seed(stock: number): Promise<void> {
    await this.dynamodb.send(
      new PutItemCommand({
        TableName: this.tableName,
        Item: { ItemId: { S: this.itemId }, quantityInStock: { N: String(stock) } },
      }),
    );
  }

  /** The stock now (a consistent read); NaN when the row or its quantity is missing. */
  async stock(): Promise<number> {
    const { Item } = await this.dynamodb.send(
      new GetItemCommand({
        TableName: this.tableName,
        Key: { ItemId: { S: this.itemId } },
        ConsistentRead: true,
      }),
    );
    return Number(Item?.quantityInStock?.N ?? Number.NaN);
  }
}
