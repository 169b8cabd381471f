import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MotoProfileOffError, type MotoServer, readMotoCpuSeconds, startMoto } from '../src/index.js';

/** One signed-looking AWS request (moto reads the service from the credential scope, not the signature). */
function awsRequest(
  moto: MotoServer,
  service: string,
  init: { target?: string; form?: string; json?: object },
) {
  return fetch(moto.endpoint, {
    method: 'POST',
    headers: {
      ...(init.target === undefined ? {} : { 'X-Amz-Target': init.target }),
      'Content-Type':
        init.form === undefined ? 'application/x-amz-json-1.0' : 'application/x-www-form-urlencoded',
      Authorization: `AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body: init.form ?? JSON.stringify(init.json ?? {}),
  });
}

describe('the request profile', () => {
  let moto: MotoServer;
  beforeAll(async () => {
    moto = await startMoto({ profile: true, startTimeoutMs: 90_000 });
  }, 120_000);
  afterAll(() => moto?.stop());

  it('counts each operation by service and action, JSON and query protocol alike, and starts again on reset', async () => {
    await moto.resetProfile(); // the start-up probe's request
    await awsRequest(moto, 'dynamodb', { target: 'DynamoDB_20120810.ListTables' });
    await awsRequest(moto, 'dynamodb', { target: 'DynamoDB_20120810.ListTables' });
    const created = await awsRequest(moto, 'sns', {
      form: 'Action=CreateTopic&Name=profiled&Version=2010-03-31',
    });
    expect(created.status).toBe(200);
    // moto still saw the form body the profile read.
    expect(await created.text()).toContain('profiled');

    const profile = await moto.profile();
    expect(profile['dynamodb:ListTables']?.count).toBe(2);
    expect(profile['sns:CreateTopic']?.count).toBe(1);
    expect(profile['dynamodb:ListTables']?.seconds).toBeGreaterThan(0);
    expect(await readMotoCpuSeconds(moto.endpoint)).toBeGreaterThan(0);

    const recent = await moto.recentRequests();
    expect(recent.map((r) => r.operation)).toEqual([
      'dynamodb:ListTables',
      'dynamodb:ListTables',
      'sns:CreateTopic',
    ]);
    // Enough to send it again: the same request creates the same topic.
    const [, , createTopic] = recent;
    expect(createTopic?.body).toBe('Action=CreateTopic&Name=profiled&Version=2010-03-31');
    const again = await fetch(`${moto.endpoint}${createTopic?.path}`, {
      method: createTopic?.method ?? 'GET',
      headers: createTopic?.headers ?? {},
      body: createTopic?.body ?? '',
    });
    expect(await again.text()).toContain('profiled');

    await moto.resetProfile();
    await awsRequest(moto, 'dynamodb', { target: 'DynamoDB_20120810.ListTables' });
    expect(await moto.profile()).toEqual({ 'dynamodb:ListTables': expect.objectContaining({ count: 1 }) });
    expect(await moto.recentRequests()).toHaveLength(1);
  });

  it('is refused by a moto started without it', async () => {
    const plain = await startMoto({ profile: false, startTimeoutMs: 90_000 });
    try {
      await expect(plain.profile()).rejects.toThrow(MotoProfileOffError);
    } finally {
      await plain.stop();
    }
  }, 120_000);
});
