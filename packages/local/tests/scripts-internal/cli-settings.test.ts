import { afterEach, describe, expect, it } from 'vitest';
import { intSetting } from '../../scripts/internal/cli-settings.js';

describe('intSetting', () => {
  afterEach(() => {
    delete process.env.CLI_SETTING_TEST;
  });

  it('gives the fallback when unset or empty, else the whole number', () => {
    expect(intSetting('CLI_SETTING_TEST', 7)).toBe(7);
    process.env.CLI_SETTING_TEST = '';
    expect(intSetting('CLI_SETTING_TEST', 7)).toBe(7);
    process.env.CLI_SETTING_TEST = '12';
    expect(intSetting('CLI_SETTING_TEST', 7)).toBe(12);
  });

  it('names the variable and the value it refuses, with the rule', () => {
    process.env.CLI_SETTING_TEST = '0';
    expect(() => intSetting('CLI_SETTING_TEST', 7)).toThrow(
      "CLI_SETTING_TEST must be a positive integer, got '0'",
    );
    process.env.CLI_SETTING_TEST = '2.5';
    expect(() => intSetting('CLI_SETTING_TEST', 7)).toThrow("must be a positive integer, got '2.5'");
    process.env.CLI_SETTING_TEST = '1';
    expect(() => intSetting('CLI_SETTING_TEST', 8, 2)).toThrow(
      "CLI_SETTING_TEST must be an integer of at least 2, got '1'",
    );
  });
});
