import { type DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { isCardType } from '@orders/shared-types';
import type { CardVault, VaultedCard } from '../domain/card-vault.js';

/** The vault table's key attribute. */
export const VAULT_KEY = 'Token';

/**
 * The card vault as a DynamoDB table keyed by `Token` (encrypted at rest with the program's KMS key; only the
 * intake and charge-payment roles may read it).
 */
export function dynamoDbCardVault(client: DynamoDBClient, table: () => string): CardVault {
  return {
    async put(card, createdAt) {
      await client.send(
        new PutItemCommand({
          TableName: table(),
          Item: {
            [VAULT_KEY]: { S: card.token },
            CardType: { S: card.cardType },
            CardLast4: { S: card.cardLast4 },
            HolderName: { S: card.holderName },
            CardNumber: { S: card.number },
            Expiration: { S: card.expiration },
            CreatedAt: { S: createdAt },
          },
          // Tokens are random; a clash would be a bug, never an overwrite.
          ConditionExpression: 'attribute_not_exists(#token)',
          ExpressionAttributeNames: { '#token': VAULT_KEY },
        }),
      );
    },
    async get(token) {
      const { Item } = await client.send(
        new GetItemCommand({ TableName: table(), Key: { [VAULT_KEY]: { S: token } }, ConsistentRead: true }),
      );
      if (Item === undefined) return undefined;
      const cardType = Item.CardType?.S ?? '';
      if (!isCardType(cardType))
        throw new Error(`the vault's row for ${token} is malformed: CardType ${JSON.stringify(cardType)}`);
      return {
        token,
        cardType,
        cardLast4: Item.CardLast4?.S ?? '',
        holderName: Item.HolderName?.S ?? '',
        number: Item.CardNumber?.S ?? '',
        expiration: Item.Expiration?.S ?? '',
      } satisfies VaultedCard;
    },
  };
}
