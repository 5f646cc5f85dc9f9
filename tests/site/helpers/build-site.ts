/**
 * Builds the site once into a temporary folder with the project's own Astro CLI, run by the Node that runs the
 * tests (Node 24: the `astro` shim's `#!/usr/bin/env node` could pick an older Node from PATH).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

export const ROOT = resolve(import.meta.dirname, '../../..');
const ASTRO_CLI = join(ROOT, 'node_modules/astro/bin/astro.mjs');

export interface BuiltSite {
  dir: string;
  remove: () => Promise<void>;
}

export async function buildSite(prefix = 'rahnama-site-'): Promise<BuiltSite> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  try {
    await promisify(execFile)(process.execPath, [ASTRO_CLI, 'build', '--outDir', dir], {
      cwd: ROOT,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    await rm(dir, { recursive: true, force: true });
    throw new Error(`site build failed:\n${stderr}\n${stdout.split('\n').slice(-40).join('\n')}`);
  }
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
