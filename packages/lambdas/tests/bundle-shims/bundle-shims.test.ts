import { afterEach, describe, expect, it } from 'vitest';
import { resolveEndpointDiscoveryConfig } from '../../src/bundle-shims/endpoint-discovery.js';
import { InvokeStore } from '../../src/bundle-shims/lambda-invoke-store.js';

type Global = { awslambda?: { InvokeStore?: unknown } };

describe('bundle shims', () => {
  afterEach(() => {
    delete (globalThis as Global).awslambda;
    delete process.env.AWS_LAMBDA_NODEJS_NO_GLOBAL_AWSLAMBDA;
  });

  it('the invoke store is the one the Lambda runtime publishes, or none', async () => {
    expect(await InvokeStore.getInstanceAsync()).toBeUndefined();
    const runtimeStore = { getXRayTraceId: () => 'Root=1-abc' };
    (globalThis as Global).awslambda = { InvokeStore: runtimeStore };
    expect(await InvokeStore.getInstanceAsync()).toBe(runtimeStore);
    process.env.AWS_LAMBDA_NODEJS_NO_GLOBAL_AWSLAMBDA = '1';
    expect(await InvokeStore.getInstanceAsync()).toBeUndefined();
  });

  it('endpoint discovery settings resolve without a cache', async () => {
    const ctor = class DescribeEndpoints {};
    const off = resolveEndpointDiscoveryConfig({}, { endpointDiscoveryCommandCtor: ctor });
    expect(off).toMatchObject({
      endpointDiscoveryCommandCtor: ctor,
      isClientEndpointDiscoveryEnabled: false,
    });
    expect(await off.endpointDiscoveryEnabled()).toBe(false);
    const on = resolveEndpointDiscoveryConfig(
      { endpointDiscoveryEnabled: true },
      { endpointDiscoveryCommandCtor: ctor },
    );
    expect(await on.endpointDiscoveryEnabled()).toBe(true);
  });
});
