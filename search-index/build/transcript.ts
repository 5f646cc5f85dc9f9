/**
 * VTT cues to timestamped passages. A passage gathers consecutive cues until it spans PASSAGE_SECONDS or a chapter
 * starts, so a suggestion can open the video at the moment that answers the question, and each passage carries the
 * title of the chapter it belongs to.
 */
import type { IndexSection } from '../core/index.ts';
import type { VttCue } from '../core/vtt.ts';

/** Longest span of one passage, in seconds: long enough for a step, short enough to land near the answer. */
export const PASSAGE_SECONDS = 30;

export interface Chapter {
  start: number;
  title: string;
}

/** The chapter playing at `second` (chapters sorted by start). */
function chapterAt(chapters: readonly Chapter[], second: number): Chapter | undefined {
  let found: Chapter | undefined;
  for (const chapter of chapters) if (chapter.start <= second + 0.001) found = chapter;
  return found;
}

/** Groups cues into passages; each passage starts at its first cue, headed by its chapter's title. */
export function cuesToPassages(cues: readonly VttCue[], chapters: readonly Chapter[] = []): IndexSection[] {
  const sortedChapters = [...chapters].sort((a, b) => a.start - b.start);
  const passages: IndexSection[] = [];
  let current: { start: number; chapter: Chapter | undefined; texts: string[] } | undefined;
  const flush = (): void => {
    if (!current || current.texts.length === 0) return;
    passages.push({
      ...(current.chapter ? { heading: current.chapter.title } : {}),
      start: current.start,
      text: current.texts.join(' ').replace(/\s+/g, ' ').trim(),
    });
  };
  for (const cue of [...cues].sort((a, b) => a.start - b.start)) {
    const chapter = chapterAt(sortedChapters, cue.start);
    if (!current || chapter !== current.chapter || cue.start - current.start >= PASSAGE_SECONDS) {
      flush();
      current = { start: cue.start, chapter, texts: [] };
    }
    current.texts.push(cue.text);
  }
  flush();
  return passages;
}
