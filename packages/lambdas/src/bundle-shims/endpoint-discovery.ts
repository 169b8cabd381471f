/**
 * Stands in for `@aws-sdk/middleware-endpoint-discovery` in the Lambda bundles (esbuild alias,
 * scripts/bundles.ts). The DynamoDB client of this SDK version still resolves endpoint-discovery settings
 * (an EndpointCache over mnemonist's LRU cache, the DescribeEndpoints command constructor), but no command
 * adds the discovery middleware any more (`_mw0` in the client's commandBuilder returns none), so nothing
 * ever reads them: about 2 KiB minified that never runs. The settings are kept as the real module shapes
 * them, without the cache. Source runs (tests, tsx) use the real module.
 */
export const NODE_ENDPOINT_DISCOVERY_CONFIG_OPTIONS = {
  environmentVariableSelector: (_env: Record<string, string | undefined>) => undefined,
  configFileSelector: (_profile: Record<string, string | undefined>) => undefined,
  default: undefined,
};

export function resolveEndpointDiscoveryConfig<T extends { endpointDiscoveryEnabled?: boolean }>(
  input: T,
  { endpointDiscoveryCommandCtor }: { endpointDiscoveryCommandCtor: unknown },
) {
  const { endpointDiscoveryEnabled } = input;
  return Object.assign(input, {
    endpointDiscoveryCommandCtor,
    endpointDiscoveryEnabled: () => Promise.resolve(endpointDiscoveryEnabled ?? false),
    isClientEndpointDiscoveryEnabled: endpointDiscoveryEnabled !== undefined,
  });
}
