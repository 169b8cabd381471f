import { describe, expect, it } from 'vitest';
import { InvalidRouteKeyError, routeMatcher } from '../../src/api/http-api-routes.js';

describe('routeMatcher (route selection of an HTTP API)', () => {
  const intake = routeMatcher(['POST /orders', 'GET /orders/{id}']);

  it('matches the intake routes, binding {id} decoded', () => {
    expect(intake('POST', '/orders')).toEqual({ routeKey: 'POST /orders', pathParameters: {} });
    expect(intake('GET', '/orders/ord_a%20b')).toEqual({
      routeKey: 'GET /orders/{id}',
      pathParameters: { id: 'ord_a b' },
    });
  });

  it('matches nothing for another method, an extra or a missing segment, or a trailing slash', () => {
    for (const [method, path] of [
      ['GET', '/orders'],
      ['DELETE', '/orders/x'],
      ['GET', '/orders/x/items'],
      ['GET', '/orders/'],
      ['POST', '/orders/'],
      ['GET', '/'],
    ] as const) {
      expect({ method, path, route: intake(method, path) }).toEqual({ method, path, route: undefined });
    }
  });

  it('prefers a literal segment to a parameter, a parameter to a greedy one, a method to ANY; $default last', () => {
    const match = routeMatcher([
      '$default',
      'ANY /items/{proxy+}',
      'GET /items/{id}',
      'GET /items/new',
      'ANY /items/{id}',
    ]);
    expect(match('GET', '/items/new')?.routeKey).toBe('GET /items/new');
    expect(match('GET', '/items/7')).toEqual({ routeKey: 'GET /items/{id}', pathParameters: { id: '7' } });
    expect(match('PUT', '/items/7')?.routeKey).toBe('ANY /items/{id}');
    expect(match('GET', '/items/7/parts/2')).toEqual({
      routeKey: 'ANY /items/{proxy+}',
      pathParameters: { proxy: '7/parts/2' },
    });
    expect(match('GET', '/elsewhere')).toEqual({ routeKey: '$default', pathParameters: {} });
  });

  it('refuses a malformed route key, naming it', () => {
    expect(() => routeMatcher(['orders'])).toThrow(InvalidRouteKeyError);
    expect(() => routeMatcher(['GET /{rest+}/x'])).toThrow(
      'route key "GET /{rest+}/x": a greedy {rest+} must come last',
    );
  });
});
