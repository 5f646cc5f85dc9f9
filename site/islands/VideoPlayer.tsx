/**
 * The video guide player: the video (a self-hosted file with its VTT as captions, or a click-to-load provider
 * embed), a chapter list and the transcript. Chapter and transcript timestamps are ordinary `?t=` links, so they work
 * without JavaScript (the page reloads and the player starts there); hydrated, they seek in place.
 */
import { useCallback, useEffect, useRef, useState, type MouseEvent } from 'react';
import { embedUrl, startFromSearch, type Provider } from './embed.ts';

export interface TimedText {
  /** Seconds. */
  start: number;
  /** Chapter title or cue text. */
  text: string;
  /** The start as the page shows it, in the locale's digits ("۱:۰۵"). */
  label: string;
}

export interface PlayerStrings {
  chapters: string;
  transcript: string;
  captions: string;
  player: string;
  /** "Load and play the video from YouTube". */
  load: string;
  /** "Load and play from {time} on YouTube", {time} filled in by the island. */
  loadAt: string;
  /** Privacy note shown before the customer loads an external embed. */
  privacy: string;
  /** "Play from {time}", the accessible name of a timestamp link. */
  playFrom: string;
}

export type PlayerSource = { provider: 'file'; src: string } | { provider: Provider; id: string };

export interface VideoPlayerProps {
  lang: string;
  title: string;
  source: PlayerSource;
  poster: string;
  /** URL of the WebVTT transcript served beside the page. */
  captionsUrl: string;
  chapters: TimedText[];
  /** Transcript cues; `end` in seconds. */
  cues: (TimedText & { end: number })[];
  strings: PlayerStrings;
  /** Id prefix for headings, unique on the page. */
  idPrefix?: string;
}

/** Index of the last item that starts at or before `time`, or -1. */
export function activeIndex(items: readonly { start: number }[], time: number): number {
  let found = -1;
  for (let i = 0; i < items.length; i++) if (items[i]!.start <= time + 0.05) found = i;
  return found;
}

export default function VideoPlayer(props: VideoPlayerProps) {
  const { lang, title, source, poster, captionsUrl, chapters, cues, strings, idPrefix = 'player' } = props;
  const videoRef = useRef<HTMLVideoElement>(null);
  const loadButtonRef = useRef<HTMLButtonElement>(null);
  const transcriptRef = useRef<HTMLOListElement>(null);
  const iframeRef = useRef<HTMLIFrameElement>(null);
  const [time, setTime] = useState(0);
  const [embedStart, setEmbedStart] = useState<number | undefined>(undefined);
  const [embedLoaded, setEmbedLoaded] = useState(false);
  const [embedKey, setEmbedKey] = useState(0);
  const isFile = source.provider === 'file';

  const seek = useCallback(
    (second: number, fromUser: boolean) => {
      setTime(second);
      if (source.provider === 'file') {
        const video = videoRef.current;
        if (!video) return;
        const apply = () => {
          video.currentTime = second;
          if (fromUser) video.play().catch(() => undefined);
        };
        if (video.readyState >= 1) apply();
        else video.addEventListener('loadedmetadata', apply, { once: true });
      } else {
        setEmbedStart(second);
        if (embedLoaded) setEmbedKey((k) => k + 1);
        else if (fromUser) loadButtonRef.current?.focus();
      }
    },
    [source.provider, embedLoaded],
  );

  // ?t= on arrival: start there (the file video waits for its metadata; an embed only remembers it).
  useEffect(() => {
    const start = startFromSearch(window.location.search);
    if (start !== undefined) seek(start, false);
    // Only on first render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // The load button disappears when pressed: keep keyboard focus on the player that replaced it.
  useEffect(() => {
    if (embedLoaded) iframeRef.current?.focus();
  }, [embedLoaded]);

  // Keep the active transcript line in view inside the transcript box while the video plays.
  const activeCue = activeIndex(cues, time);
  useEffect(() => {
    const list = transcriptRef.current;
    const video = videoRef.current;
    if (!list || !video || video.paused || activeCue < 0) return;
    const item = list.children[activeCue] as HTMLElement | undefined;
    if (item) list.scrollTop = item.offsetTop - list.clientHeight / 3;
  }, [activeCue]);

  const onTimestamp = (second: number) => (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0) return;
    event.preventDefault();
    const url = new URL(window.location.href);
    url.searchParams.set('t', String(Math.floor(second)));
    window.history.replaceState(null, '', url);
    seek(second, true);
  };

  const activeChapter = activeIndex(chapters, time);
  const startLabel =
    embedStart !== undefined && embedStart > 0
      ? (chapters.find((c) => Math.floor(c.start) === Math.floor(embedStart))?.label ??
        cues.find((c) => Math.floor(c.start) === Math.floor(embedStart))?.label ??
        String(embedStart))
      : undefined;

  return (
    <div className="player">
      <div className={`player__media${!isFile && !embedLoaded ? ' player__media--consent' : ''}`}>
        {source.provider === 'file' ? (
          <video
            ref={videoRef}
            controls
            preload="metadata"
            playsInline
            poster={poster}
            aria-label={`${strings.player}: ${title}`}
            onTimeUpdate={(e) => setTime(e.currentTarget.currentTime)}
            onSeeked={(e) => setTime(e.currentTarget.currentTime)}
          >
            <source src={source.src} type={source.src.endsWith('.webm') ? 'video/webm' : 'video/mp4'} />
            <track kind="captions" src={captionsUrl} srcLang={lang} label={strings.captions} default />
          </video>
        ) : embedLoaded ? (
          <iframe
            key={embedKey}
            ref={iframeRef}
            src={embedUrl(source.provider, source.id, embedStart ?? 0)}
            title={`${strings.player}: ${title}`}
            allow="autoplay; encrypted-media; picture-in-picture; fullscreen"
            allowFullScreen
            referrerPolicy="strict-origin-when-cross-origin"
          />
        ) : (
          <div className="player__consent" style={{ backgroundImage: `url(${JSON.stringify(poster)})` }}>
            <div className="player__consent-box">
              <button
                ref={loadButtonRef}
                type="button"
                className="button player__load"
                onClick={() => setEmbedLoaded(true)}
              >
                <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                  <path d="M8 5v14l11-7L8 5Z" fill="currentColor" />
                </svg>
                <span>{startLabel ? strings.loadAt.replace('{time}', startLabel) : strings.load}</span>
              </button>
              <p>{strings.privacy}</p>
            </div>
          </div>
        )}
      </div>

      <nav className="player__chapters" aria-labelledby={`${idPrefix}-chapters`}>
        <h2 id={`${idPrefix}-chapters`}>{strings.chapters}</h2>
        <ol role="list">
          {chapters.map((chapter, i) => (
            <li key={chapter.start}>
              <a
                href={`?t=${Math.floor(chapter.start)}`}
                onClick={onTimestamp(chapter.start)}
                aria-current={i === activeChapter && (isFile ? time > 0 || i > 0 : embedStart !== undefined) ? 'true' : undefined}
              >
                <span className="timestamp">{chapter.label}</span>
                <span className="player__chapter-title">{chapter.text}</span>
              </a>
            </li>
          ))}
        </ol>
      </nav>

      <section className="player__transcript" aria-labelledby={`${idPrefix}-transcript`}>
        <h2 id={`${idPrefix}-transcript`}>{strings.transcript}</h2>
        <ol role="list" ref={transcriptRef} className="transcript" lang={lang}>
          {cues.map((cue, i) => (
            <li key={`${cue.start}-${i}`} className={i === activeCue && time > 0 ? 'is-active' : undefined}>
              <a
                href={`?t=${Math.floor(cue.start)}`}
                onClick={onTimestamp(cue.start)}
                aria-label={strings.playFrom.replace('{time}', cue.label)}
                className="timestamp"
              >
                {cue.label}
              </a>
              <span dir="auto">{cue.text}</span>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
