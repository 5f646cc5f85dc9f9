/** The index build's public entry: MDX and transcripts to plain text, and the per-locale index files. Re-exports only. */
export { documentsFor, VIDEO_CATEGORY } from './documents.ts';
export { mdxToSections } from './sections.ts';
export { cuesToPassages, PASSAGE_SECONDS, type Chapter } from './transcript.ts';
export { PROGRESS_EVERY, writeSearchIndexes, type WriteOptions, type WrittenIndex } from './write.ts';
