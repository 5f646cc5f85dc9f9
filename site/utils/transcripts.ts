/** Reads a video guide's WebVTT transcript (content/videos/<locale>/<slug>.vtt, beside its .mdx). Build time only. */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseVtt, type VttCue } from '../../search-index/core/vtt.ts';

/** Path of the transcript beside an entry's file (entry.filePath is relative to the project root). */
export function transcriptPath(filePath: string): string {
  return resolve(filePath.replace(/\.mdx$/, '.vtt'));
}

export async function readTranscript(filePath: string): Promise<string> {
  return readFile(transcriptPath(filePath), 'utf8');
}

export async function readCues(filePath: string): Promise<VttCue[]> {
  const path = transcriptPath(filePath);
  try {
    return parseVtt(await readFile(path, 'utf8'));
  } catch (error) {
    throw new Error(`site: ${path}: ${(error as Error).message}`);
  }
}
