/**
 * Starts the real server (`node api/server.ts`, site + API) as a child process on 127.0.0.1 and a free port, with
 * its own data directory; resolves with its URL once it logs "listening".
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../../site/helpers/build-site.ts';

export interface RahnamaServer {
  url: string;
  child: ChildProcess;
  /** Stops the server (SIGTERM) and waits for it to exit. */
  stop: () => Promise<void>;
}

export function startRahnamaServer(siteDir: string, env: Record<string, string>): Promise<RahnamaServer> {
  const child = spawn(process.execPath, [join(ROOT, 'api/server.ts')], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', RAHNAMA_SITE_DIR: siteDir, RAHNAMA_RATE_LIMIT: 'off', RAHNAMA_INDEX_POLL_MS: '0', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    let buffer = '';
    let listening = false;
    // Keep reading after start-up (one log line per request), or the pipe would fill and block the server.
    child.stdout!.on('data', (chunk: Buffer) => {
      if (listening) return;
      buffer += chunk.toString();
      const line = buffer.split('\n').find((l) => l.includes('"msg":"listening"'));
      if (line) {
        listening = true;
        buffer = '';
        resolve({ url: JSON.parse(line).url as string, child, stop });
      }
    });
    child.once('exit', (code) => reject(new Error(`api/server.ts exited with ${code} before listening`)));
  });
}

/** GET an admin route with the bearer token. */
export async function adminGet<T>(server: RahnamaServer, path: string, token: string): Promise<T> {
  const response = await fetch(`${server.url}/api/v1/admin${path}`, { headers: { Authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`admin ${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}
