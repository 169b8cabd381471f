import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { MotoNotInstalledError, startMoto } from '../src/index.js';

describe('startMoto', () => {
  it('starts moto on loopback, answers, and stops by pid', async () => {
    const moto = await startMoto();
    try {
      expect(moto.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const res = await fetch(`${moto.endpoint}/moto-api/data.json`);
      expect(res.status).toBe(200);
    } finally {
      await moto.stop();
    }
    expect(() => process.kill(moto.pid, 0)).toThrow();
  }, 40_000);

  it('picks another port when the requested one is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const taken = (blocker.address() as { port: number }).port;
    const moto = await startMoto({ port: taken });
    try {
      expect(moto.port).not.toBe(taken);
    } finally {
      await moto.stop();
      blocker.close();
    }
  }, 60_000);

  it('names the install command when moto is missing', async () => {
    await expect(startMoto({ python: 'definitely-not-a-python' })).rejects.toThrow(MotoNotInstalledError);
    await expect(startMoto({ python: 'definitely-not-a-python' })).rejects.toThrow(
      "pip install 'moto[server]'",
    );
  });
});
