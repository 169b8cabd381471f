import { type HttpRequest, type HttpResponse, problem } from './http.js';
import { orderStatus } from './order-status.js';
import { type SubmitOrderDeps, submitOrder } from './submit-order.js';

/**
 * The intake API's routes: `POST /orders` and `GET /orders/{id}`. Anything else is 404 (unknown path) or
 * 405 (a known path with another method, naming the allowed ones).
 */
export async function routeIntake(request: HttpRequest, deps: SubmitOrderDeps): Promise<HttpResponse> {
  const path = request.path.replace(/\/+$/, '') || '/';
  if (path === '/orders') {
    if (request.method === 'POST') return submitOrder(request, deps);
    return problem(405, 'MethodNotAllowed', `${request.method} /orders: expected POST`, {
      headers: { allow: 'POST' },
    });
  }
  const match = /^\/orders\/([^/]+)$/.exec(path);
  if (match?.[1] !== undefined) {
    if (request.method !== 'GET') {
      return problem(405, 'MethodNotAllowed', `${request.method} /orders/{id}: expected GET`, {
        headers: { allow: 'GET' },
      });
    }
    let id: string;
    try {
      id = decodeURIComponent(match[1]);
    } catch {
      return problem(400, 'InvalidRequest', 'id: expected a URL-encoded order id');
    }
    return orderStatus(id, deps.orders, deps.workflow);
  }
  return problem(
    404,
    'NotFound',
    `${request.method} ${path}: the intake serves POST /orders and GET /orders/{id}`,
  );
}
