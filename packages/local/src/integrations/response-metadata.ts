import { randomUUID } from 'node:crypto';

/** The SDK HTTP metadata Step Functions adds to optimized integration results (`SdkHttpMetadata`, …). */
export function responseMetadata(
  contentLength: number,
  extraHeaders: Readonly<Record<string, string>> = {},
): { SdkHttpMetadata: unknown; SdkResponseMetadata: { RequestId: string } } {
  const requestId = randomUUID();
  const headers: Record<string, string> = {
    Connection: 'keep-alive',
    'Content-Length': String(contentLength),
    'Content-Type': 'application/json',
    Date: new Date().toUTCString(),
    ...extraHeaders,
    'x-amzn-RequestId': requestId,
  };
  return {
    SdkHttpMetadata: {
      AllHttpHeaders: Object.fromEntries(Object.entries(headers).map(([key, value]) => [key, [value]])),
      HttpHeaders: headers,
      HttpStatusCode: 200,
    },
    SdkResponseMetadata: { RequestId: requestId },
  };
}
