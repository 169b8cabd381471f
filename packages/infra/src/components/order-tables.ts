import * as dynamodb from '@pulumi/aws/dynamodb/index.js';
import * as pulumi from '@pulumi/pulumi';

export interface OrderTablesArgs {
  /** Prefix of the physical table names, e.g. `orders-dev`. */
  readonly namePrefix: string;
  /** Point-in-time recovery and deletion protection (production). */
  readonly protect?: boolean;
  /** Inventory rows to create with the table (test stacks); Pulumi owns them from then on. */
  readonly inventorySeed?: ReadonlyArray<{ readonly itemId: string; readonly quantityInStock: number }>;
  readonly tags?: Record<string, string>;
}

/** The Orders table (one item per order) and the Inventory table (stock per item). */
export class OrderTables extends pulumi.ComponentResource {
  readonly orders: dynamodb.Table;
  readonly inventory: dynamodb.Table;

  constructor(name: string, args: OrderTablesArgs, opts?: pulumi.ComponentResourceOptions) {
    super('orders:data:OrderTables', name, {}, opts);
    const protect = args.protect ?? false;
    const table = (suffix: string, hashKey: string) =>
      new dynamodb.Table(
        `${name}-${suffix}`,
        {
          name: `${args.namePrefix}-${suffix}`,
          billingMode: 'PAY_PER_REQUEST',
          hashKey,
          attributes: [{ name: hashKey, type: 'S' }],
          // SSE with the AWS owned key is always on; `enabled` moves it to the AWS managed KMS key
          // (aws/dynamodb), whose use shows up in CloudTrail.
          serverSideEncryption: { enabled: true },
          pointInTimeRecovery: { enabled: protect },
          deletionProtectionEnabled: protect,
          ...(args.tags === undefined ? {} : { tags: args.tags }),
        },
        { parent: this },
      );
    this.orders = table('orders', 'OrderId');
    this.inventory = table('inventory', 'ItemId');
    for (const item of args.inventorySeed ?? []) {
      new dynamodb.TableItem(
        `${name}-inventory-${item.itemId}`,
        {
          tableName: this.inventory.name,
          hashKey: this.inventory.hashKey,
          item: JSON.stringify({
            ItemId: { S: item.itemId },
            quantityInStock: { N: String(item.quantityInStock) },
          }),
        },
        { parent: this },
      );
    }
    this.registerOutputs({ ordersTableName: this.orders.name, inventoryTableName: this.inventory.name });
  }
}
