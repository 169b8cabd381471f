import { INVENTORY_FIXTURE } from '@orders/shared-types';
import { useMemo, useRef, useState } from 'preact/hooks';
import { dynamodb, type Notification, notificationsSince, type Outputs } from '../api.js';
import { isoTime } from '../format.js';
import { pure, usePolling } from '../hooks.js';

type Row = Record<string, unknown>;
type Tab = 'orders' | 'stock' | 'notifications';

const SHOWN = 200;

/**
 * The Orders table, the Inventory table and the notifications, the tables read only while their tab is open
 * (a Scan of every order every few seconds would slow the stack it shows).
 */
export const DataTabs = pure(function DataTabs({ outputs }: { outputs: Outputs }) {
  const [tab, setTab] = useState<Tab>('notifications');
  const [orders, setOrders] = useState<Row[]>();
  const [stock, setStock] = useState<Row[]>();
  const [notifications, setNotifications] = useState<Notification[]>([]);
  const [received, setReceived] = useState(0);
  const since = useRef(0);

  // Stock and reservations both need the Orders rows.
  usePolling(
    async () => {
      const [o, s] = await Promise.all([
        dynamodb.scan(outputs.ordersTableName),
        tab === 'stock' ? dynamodb.scan(outputs.inventoryTableName) : Promise.resolve(undefined),
      ]);
      setOrders(o.sort((a, b) => String(b.CreatedAt ?? '').localeCompare(String(a.CreatedAt ?? ''))));
      if (s !== undefined) setStock(s.sort((a, b) => String(a.ItemId).localeCompare(String(b.ItemId))));
    },
    4000,
    tab !== 'notifications',
    [tab],
  );
  usePolling(
    async () => {
      // the table shows the newest SHOWN: the first read asks for no more (the buffer holds 2,000)
      const { notifications: more, last } = await notificationsSince(since.current, SHOWN);
      since.current = last;
      setReceived(last);
      if (more.length > 0) setNotifications((n) => [...more.reverse(), ...n].slice(0, SHOWN));
    },
    2000,
    true,
  );

  return (
    <section class="card data" aria-label="Orders, stock and notifications">
      <div class="tabs" role="tablist">
        {(
          [
            ['orders', `Orders${orders === undefined ? '' : ` (${orders.length})`}`],
            ['stock', 'Stock'],
            ['notifications', `Notifications (${received})`],
          ] as const
        ).map(([id, label]) => (
          <button
            type="button"
            role="tab"
            key={id}
            data-tab={id}
            aria-selected={tab === id}
            class={tab === id ? 'tab on' : 'tab'}
            onClick={() => setTab(id)}
          >
            {label}
          </button>
        ))}
      </div>
      <div class="tab-body">
        {tab === 'orders' && <OrdersTable rows={orders} />}
        {tab === 'stock' && <StockTable rows={stock} orders={orders} />}
        {tab === 'notifications' && <NotificationsTable items={notifications} />}
      </div>
    </section>
  );
});

function parseJsonList(value: unknown): Array<{ itemId?: string; quantity?: number }> {
  if (Array.isArray(value)) return value as Array<{ itemId?: string; quantity?: number }>;
  if (typeof value !== 'string') return [];
  try {
    const parsed = JSON.parse(value) as unknown;
    return Array.isArray(parsed) ? (parsed as Array<{ itemId?: string; quantity?: number }>) : [];
  } catch {
    return [];
  }
}

function OrdersTable({ rows }: { rows: Row[] | undefined }) {
  if (rows === undefined) return <p class="muted">reading the Orders table…</p>;
  if (rows.length === 0) return <p class="muted">The Orders table is empty.</p>;
  return (
    <>
      {rows.length > SHOWN && (
        <p class="muted small">
          The newest {SHOWN} of {rows.length} rows.
        </p>
      )}
      <table class="list" data-testid="orders-table">
        <thead>
          <tr>
            <th>Order id</th>
            <th>State</th>
            <th>Customer</th>
            <th class="num">Total</th>
            <th>Items</th>
            <th>Reserved</th>
            <th>Reserved at</th>
            <th>Released at</th>
            <th>Card</th>
            <th>Updated</th>
            <th>Reason</th>
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, SHOWN).map((r) => (
            <tr key={String(r.OrderId)} data-order={String(r.OrderId)}>
              <td class="mono">{String(r.OrderId)}</td>
              <td>
                <span class={`pill order-${String(r.State)}`}>{String(r.State)}</span>
              </td>
              <td>{String(r.CustomerId ?? '')}</td>
              <td class="num">{String(r.OrderTotal ?? '')}</td>
              <td class="small">
                {parseJsonList(r.Items)
                  .map((i) => `${i.quantity ?? 1}× ${i.itemId}`)
                  .join(', ')}
              </td>
              <td class="small">
                {parseJsonList(r.ReservedItems)
                  .map((i) => `${i.quantity}× ${i.itemId}`)
                  .join(', ')}
              </td>
              <td class="mono">{isoTime(r.ReservedAt)}</td>
              <td class="mono">{isoTime(r.ReleasedAt)}</td>
              <td>{r.CardType === undefined ? '' : `${String(r.CardType)} ${String(r.CardLast4 ?? '')}`}</td>
              <td class="mono">{isoTime(r.UpdatedAt)}</td>
              <td class="small reason">{String(r.Reason ?? '')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function StockTable({ rows, orders }: { rows: Row[] | undefined; orders: Row[] | undefined }) {
  // Held: reserved by an order that is neither sold nor given back yet (still RECEIVED, not released).
  const held = useMemo(() => {
    const h = new Map<string, { quantity: number; orders: number }>();
    for (const o of orders ?? []) {
      if (o.ReservedAt === undefined || o.ReleasedAt !== undefined || o.State !== 'RECEIVED') continue;
      for (const line of parseJsonList(o.ReservedItems)) {
        const entry = h.get(String(line.itemId)) ?? { quantity: 0, orders: 0 };
        entry.quantity += Number(line.quantity ?? 0);
        entry.orders++;
        h.set(String(line.itemId), entry);
      }
    }
    return h;
  }, [orders]);
  if (rows === undefined) return <p class="muted">reading the Inventory table…</p>;
  const described = new Map<string, string>(INVENTORY_FIXTURE.map((i) => [i.itemId, i.itemDescription]));
  return (
    <table class="list" data-testid="stock-table">
      <thead>
        <tr>
          <th>Item</th>
          <th>Description</th>
          <th class="num">In stock</th>
          <th class="num">Held by orders in flight</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const id = String(r.ItemId);
          const h = held.get(id);
          const qty = Number(r.quantityInStock ?? 0);
          return (
            <tr key={id} data-item={id}>
              <td class="mono">{id}</td>
              <td>{described.get(id) ?? ''}</td>
              <td class={`num${qty === 0 ? ' error' : ''}`}>{qty}</td>
              <td class="num">{h === undefined ? '' : `${h.quantity} (${h.orders} orders)`}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function NotificationsTable({ items }: { items: Notification[] }) {
  const [open, setOpen] = useState<number>();
  if (items.length === 0) return <p class="muted">No notification received yet.</p>;
  return (
    <table class="list" data-testid="notifications-table">
      <thead>
        <tr>
          <th>Received</th>
          <th>Order id</th>
          <th>state</th>
          <th>outcome</th>
          <th>Customer</th>
          <th>Reason</th>
        </tr>
      </thead>
      <tbody>
        {items.slice(0, SHOWN).map((n) => {
          const m = (typeof n.message === 'object' && n.message !== null ? n.message : {}) as Row;
          return [
            <tr key={n.seq} onClick={() => setOpen(open === n.seq ? undefined : n.seq)}>
              <td class="mono">{isoTime(n.receivedAt)}</td>
              <td class="mono">{String(m.orderId ?? '')}</td>
              <td>
                <span class={`pill order-${n.attributes.state ?? ''}`}>{n.attributes.state ?? ''}</span>
              </td>
              <td>{n.attributes.outcome ?? ''}</td>
              <td>{String(m.customerId ?? '')}</td>
              <td class="small reason">{String(m.reason ?? '')}</td>
            </tr>,
            open === n.seq && (
              <tr key={`${n.seq}-details`} class="details">
                <td colSpan={6}>
                  <pre class="json">{JSON.stringify(n, null, 2)}</pre>
                </td>
              </tr>
            ),
          ];
        })}
      </tbody>
    </table>
  );
}
