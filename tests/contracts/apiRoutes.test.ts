import { z } from 'zod';
import { apiRoutes, corsPolicy, routeOf } from '../../contracts/apiRoutes';

describe('API_ROUTES', () => {
  it('has one route per method and path, found again from them', () => {
    const keys = apiRoutes().map((route) => `${route.method} ${route.path}`);

    expect(new Set(keys).size).toBe(keys.length);
    for (const route of apiRoutes()) expect(routeOf(route.method, route.path)).toBe(route.id);
    expect(routeOf('GET', '/ops/{proxy+}')).toBeUndefined();
  });

  it("names each path parameter of a route's path in its path contract, and no other", () => {
    for (const route of apiRoutes()) {
      const inPath = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);

      expect({ route: route.id, parameters: Object.keys(route.request.path?.shape ?? {}) }).toEqual({ route: route.id, parameters: inPath });
    }
  });

  it('gives every route but the health check at least one scope, so API Gateway takes access tokens there', () => {
    expect(apiRoutes().filter((route) => route.auth.kind === 'public').map((route) => route.id)).toEqual(['ping']);
    for (const route of apiRoutes()) if (route.auth.kind === 'token') expect(route.auth.scopes.length).toBeGreaterThan(0);
  });

  it('points at contracts JSON Schema can express: requests as clients send them, answers as they come back', () => {
    for (const route of apiRoutes()) {
      const requests = [route.request.path, route.request.query, route.request.headers, route.request.body?.schema].filter((schema) => schema !== undefined);
      for (const schema of requests) expect(() => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'throw' })).not.toThrow();
      for (const schema of Object.values(route.responses)) expect(() => z.toJSONSchema(schema, { io: 'output', unrepresentable: 'throw' })).not.toThrow();
      expect(Object.keys(route.responses).some((status) => Number(status) < 300)).toBe(true);
    }
  });

  it('lets browsers send every method and request header of the table and read every answer header', () => {
    expect(corsPolicy()).toEqual({
      allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
      allowHeaders: ['Authorization', 'Content-Type', 'X-Api-Key', 'Idempotency-Key', 'If-Match'],
      exposeHeaders: ['ETag', 'Location', 'Retry-After'],
    });
  });
});
