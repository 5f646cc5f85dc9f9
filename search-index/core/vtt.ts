/**
 * A small, strict WebVTT parser for video guide transcripts (https://www.w3.org/TR/webvtt1/).
 * Pure: used by the content check, the index build and the site's transcript view.
 * Cue settings are accepted and ignored; NOTE, STYLE and REGION blocks are skipped; voice and class tags
 * (<v Name>, <c.x>, <i>...) are removed from the text.
 */

export interface VttCue {
  /** Start, in seconds. */
  start: number;
  /** End, in seconds. */
  end: number;
  /** Plain text of the cue, tags removed, lines joined with a space. */
  text: string;
}

/** A malformed transcript: `line` is 1-based. */
export class VttError extends Error {
  readonly line: number;
  constructor(line: number, message: string) {
    super(`line ${line}: ${message}`);
    this.name = 'VttError';
    this.line = line;
  }
}

const TIMESTAMP = /^(?:(\d{2,}):)?([0-5]\d):([0-5]\d)\.(\d{3})$/;
const TIMING_LINE = /^(\S+)[ \t]+-->[ \t]+(\S+)(?:[ \t].*)?$/;
const TAG = /<\/?[a-zA-Z][^>]*>|<\d{2}:[^>]*>/g;
const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&nbsp;': '\u00a0', '&lrm;': '\u200e', '&rlm;': '\u200f' };

/** Parses a WebVTT timestamp ("01:02.500" or "00:01:02.500") to seconds, or undefined when malformed. */
export function parseVttTimestamp(value: string): number | undefined {
  const match = TIMESTAMP.exec(value);
  if (!match) return undefined;
  const [, hours, minutes, seconds, millis] = match;
  return Number(hours ?? 0) * 3600 + Number(minutes) * 60 + Number(seconds) + Number(millis) / 1000;
}

/** Formats seconds as a WebVTT-style clock for people: "1:05" or "1:02:03". */
export function formatClock(totalSeconds: number): string {
  const whole = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

function cueText(lines: string[]): string {
  return lines
    .join(' ')
    .replace(TAG, '')
    .replace(/&(?:amp|lt|gt|nbsp|lrm|rlm);/g, (entity) => ENTITIES[entity] ?? entity)
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Parses a WebVTT file. Throws VttError naming the line for a missing header, a malformed timing line,
 * an end before its start, a cue that starts before the previous one, or a cue without text.
 */
export function parseVtt(source: string): VttCue[] {
  const lines = source.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  if (!/^WEBVTT(?:[ \t].*)?$/.test(lines[0] ?? '')) {
    throw new VttError(1, 'expected the file to start with "WEBVTT"');
  }
  const cues: VttCue[] = [];
  let i = 1;
  // Skip the header block (anything up to the first blank line).
  while (i < lines.length && lines[i]!.trim() !== '') i++;
  while (i < lines.length) {
    while (i < lines.length && lines[i]!.trim() === '') i++;
    if (i >= lines.length) break;
    const blockStart = i;
    const block: string[] = [];
    while (i < lines.length && lines[i]!.trim() !== '') block.push(lines[i++]!);
    const first = block[0]!;
    if (/^(?:NOTE|STYLE|REGION)(?:[ \t]|$)/.test(first)) continue;
    // An optional cue identifier precedes the timing line.
    const timingIndex = first.includes('-->') ? 0 : 1;
    const timing = block[timingIndex];
    const lineNo = blockStart + timingIndex + 1;
    const match = timing === undefined ? null : TIMING_LINE.exec(timing.trim());
    if (!match) {
      throw new VttError(lineNo, `expected a cue timing line like "00:00:01.000 --> 00:00:04.000", got "${timing ?? first}"`);
    }
    const start = parseVttTimestamp(match[1]!);
    const end = parseVttTimestamp(match[2]!);
    if (start === undefined || end === undefined) {
      throw new VttError(lineNo, `expected timestamps as "mm:ss.ttt" or "hh:mm:ss.ttt", got "${timing!.trim()}"`);
    }
    if (end <= start) throw new VttError(lineNo, 'expected the cue to end after it starts');
    const previous = cues.at(-1);
    if (previous && start < previous.start) {
      throw new VttError(lineNo, 'expected cues in order of start time');
    }
    const text = cueText(block.slice(timingIndex + 1));
    if (!text) throw new VttError(lineNo, 'expected text after the cue timing line');
    cues.push({ start, end, text });
  }
  return cues;
}
