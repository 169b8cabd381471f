import { describe, expect, it } from 'vitest';
import { ConfigError, parseStackConfig, type StackConfig } from '../src/config.js';
import { runProgramWithMocks } from '../src/testing/index.js';
import { loadStackConfigFiles } from '../src/testing/internal/stack-config-files.js';

const ids = (stack: string) => ({ project: 'orders', stack });

function parse(stack: string, overrides: Record<string, string> = {}): StackConfig {
  const { config } = loadStackConfigFiles(stack, overrides);
  return parseStackConfig((key) => config[key], ids(stack));
}

function problemsOf(
  stack: string,
  overrides: Record<string, string>,
): Array<{ key: string; message: string }> {
  try {
    parse(stack, overrides);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return [...(error as ConfigError).problems];
  }
  throw new Error('expected a ConfigError');
}

describe('stack config', () => {
  it('reads the committed dev stack on top of the Pulumi.yaml defaults', () => {
    const config = parse('dev');

    expect(config).toMatchObject({
      project: 'orders',
      stack: 'dev',
      region: 'us-east-1',
      environment: 'development',
      workflowType: 'STANDARD',
      logLevel: 'ALL',
      includeExecutionData: true,
      logRetentionDays: 7,
      lambdaTimeoutSeconds: 10,
      lambdaMemoryMb: 256,
      simulation: { enabled: false },
      seedInventory: true,
    });
    expect(config.lambdaDistDir).toMatch(/packages\/lambdas\/dist$/);
  });

  it('reads the committed prod stack', () => {
    expect(parse('prod')).toMatchObject({
      environment: 'production',
      logLevel: 'ERROR',
      includeExecutionData: false,
      logRetentionDays: 90,
      lambdaTimeoutSeconds: 15,
      lambdaMemoryMb: 512,
      simulation: { enabled: false },
      seedInventory: false,
    });
  });

  it('turns the simulation on with its rates when the stack asks for it', () => {
    const config = parse('dev', { 'orders:simulate': 'true', 'orders:simulationSeed': 'seed-1' });

    expect(config.simulation).toEqual({
      enabled: true,
      seed: 'seed-1',
      paymentRejectRate: 0.25,
      outOfStockRate: 0.1,
      declineRate: 0.25,
    });
  });

  it.each([
    ['orders:workflowType', 'FAST', /one of STANDARD, EXPRESS, got "FAST"/],
    ['orders:logLevel', 'VERBOSE', /one of ALL, ERROR, FATAL, OFF/],
    ['orders:environment', 'staging', /one of development, production/],
    ['orders:includeExecutionData', 'yes', /true or false, got "yes"/],
    ['orders:logRetentionDays', '10', /one of 1, 3, 5, 7, 14/],
    ['orders:lambdaTimeoutSeconds', '901', /integer from 1 to 900, got "901"/],
    ['orders:lambdaTimeoutSeconds', '30', /below the workflow's Lambda task timeout \(30 s\), got 30/],
    ['orders:lambdaMemoryMb', 'lots', /integer from 128 to 10240/],
    ['orders:alarmEmail', 'ops', /email address/],
    ['aws:region', '', /is required/],
  ])('names %s when its value is %j', (key, value, message) => {
    const problems = problemsOf('dev', { [key]: value, 'orders:simulate': 'false' });

    expect(problems).toEqual([{ key, message: expect.stringMatching(message) }]);
  });

  it('reads orders:workflowType into the state machine type', () => {
    expect(parse('dev', { 'orders:workflowType': 'EXPRESS' }).workflowType).toBe('EXPRESS');
  });

  it('refuses the old key orders:stateMachineType instead of ignoring it', () => {
    const problems = problemsOf('dev', { 'orders:stateMachineType': 'EXPRESS' });

    expect(problems).toEqual([
      { key: 'orders:stateMachineType', message: 'was renamed: set orders:workflowType instead' },
    ]);
  });

  it('names the simulation rates it cannot read once the simulation is on', () => {
    const problems = problemsOf('dev', { 'orders:simulate': 'true', 'orders:simDeclineRate': '1.5' });

    expect(problems).toEqual([
      { key: 'orders:simDeclineRate', message: expect.stringMatching(/from 0 to 1/) },
    ]);
  });

  it('refuses execution data in logs, the simulation and the fixture in production, naming every key at once', () => {
    const problems = problemsOf('prod', {
      'orders:includeExecutionData': 'true',
      'orders:simulate': 'true',
      'orders:seedInventory': 'true',
    });

    expect(problems.map((p) => p.key)).toEqual([
      'orders:includeExecutionData',
      'orders:simulate',
      'orders:seedInventory',
    ]);
  });

  it('puts every key in the error message', () => {
    expect(() => parse('dev', { 'orders:logLevel': 'LOUD', 'orders:lambdaMemoryMb': '1' })).toThrow(
      /orders:logLevel: must be one of .*\n.*orders:lambdaMemoryMb: must be an integer/,
    );
  });

  it('fails the program run itself with the key named', async () => {
    await expect(runProgramWithMocks({ stack: 'dev', config: { workflowType: 'FAST' } })).rejects.toThrow(
      /orders:workflowType: must be one of STANDARD, EXPRESS/,
    );
  });
});
