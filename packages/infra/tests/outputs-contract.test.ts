import { parseStackOutputs, type StackOutputs } from '@orders/shared-types';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { OrdersStackOutputs } from '../src/program.js';
import { runProgramWithMocks } from '../src/testing/index.js';

describe('stack outputs', () => {
  it('have the keys of the StackOutputs contract that e2e and the local stack read', async () => {
    // tsc fails here when the program's outputs and the shared contract drift apart.
    expectTypeOf<keyof OrdersStackOutputs>().toEqualTypeOf<keyof StackOutputs>();
    expectTypeOf<keyof OrdersStackOutputs['functionNames']>().toEqualTypeOf<
      keyof StackOutputs['functionNames']
    >();

    for (const stack of ['dev', 'prod']) {
      const { outputs } = await runProgramWithMocks({ stack });
      const parsed = parseStackOutputs(outputs, `the ${stack} program under mocks`);
      expect(Object.keys(outputs).sort()).toEqual(Object.keys(parsed).sort());
      expect(parsed.stateMachineName).toBe(`orders-${stack}-order-workflow`);
    }
  }, 60_000);
});
