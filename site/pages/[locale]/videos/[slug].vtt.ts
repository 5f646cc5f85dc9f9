/** /<locale>/videos/<slug>.vtt: the guide's WebVTT transcript, served for <track> captions and download. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { entryLocale, entrySlug, getVideos, type VideoEntry } from '../../../utils/content.ts';
import { readTranscript } from '../../../utils/transcripts.ts';

export const getStaticPaths = (async () =>
  (await getVideos()).map((video) => ({
    params: { locale: entryLocale(video), slug: entrySlug(video) },
    props: { video },
  }))) satisfies GetStaticPaths;

export const GET: APIRoute<{ video: VideoEntry }> = async ({ props }) =>
  new Response(await readTranscript(props.video.filePath!), {
    headers: { 'Content-Type': 'text/vtt; charset=utf-8' },
  });
