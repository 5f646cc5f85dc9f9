/**
 * A help desk stand-in for the outbox tests: a node:http server on 127.0.0.1 that answers `failStatus` to the first
 * `failFirst` deliveries (or the `statuses` in turn) and 200 afterwards, recording every request with its raw body.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  headers: IncomingHttpHeaders;
  /** The raw body, exactly as received (what the signature covers). */
  body: string;
  /** The status this receiver answered. */
  status: number;
}

export interface ReceiverOptions {
  /** Deliveries to fail before the first success. */
  failFirst?: number;
  failStatus?: number;
  /** The answers to the first deliveries, in order (instead of failFirst and failStatus); 200 after them. */
  statuses?: number[];
  /** Port to listen on; 0 (the default) picks a free one. Reuse a port to bring a "help desk" back up. */
  port?: number;
  /** Never answer (to exercise the forwarder's timeout). */
  hang?: boolean;
}

export interface WebhookReceiver {
  url: string;
  port: number;
  requests: ReceivedRequest[];
  /** Requests answered with a 2xx. */
  acknowledged(): ReceivedRequest[];
  /** The answer to every delivery from now on, once the `statuses` given are used up (200 until this is called). */
  answerFromNow(status: number): void;
  close(): Promise<void>;
}

export async function startWebhookReceiver(options: ReceiverOptions = {}): Promise<WebhookReceiver> {
  const requests: ReceivedRequest[] = [];
  let standing = 200;
  const answers = options.statuses ? [...options.statuses] : Array<number>(options.failFirst ?? 0).fill(options.failStatus ?? 500);
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (options.hang) return;
      const status = answers.shift() ?? standing;
      requests.push({ method: request.method ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), status });
      response.writeHead(status, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ ok: status === 200 }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/rahnama`,
    port,
    requests,
    acknowledged: () => requests.filter((request) => request.status >= 200 && request.status < 300),
    answerFromNow: (status) => {
      standing = status;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
