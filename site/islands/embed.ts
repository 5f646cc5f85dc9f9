/**
 * Click-to-load embeds for video guides hosted on a provider. Pure: the island builds the iframe URL only after
 * the customer presses play, so nothing is requested from the provider before that.
 */
export type Provider = 'youtube' | 'aparat' | 'vimeo';

/** The provider's name as customers know it, per locale. */
export const PROVIDER_NAMES: Record<Provider, { fa: string; en: string }> = {
  youtube: { fa: 'یوتیوب', en: 'YouTube' },
  aparat: { fa: 'آپارات', en: 'Aparat' },
  vimeo: { fa: 'ویمئو', en: 'Vimeo' },
};

/**
 * The iframe URL that starts playing at `start` seconds.
 * YouTube: the privacy-enhanced youtube-nocookie.com host, `start`; Vimeo: `dnt=1` and the `#t=` fragment;
 * Aparat: its frame embed with the `t` parameter.
 */
export function embedUrl(provider: Provider, id: string, start = 0, autoplay = true): string {
  const s = Math.max(0, Math.floor(start));
  const safeId = encodeURIComponent(id);
  switch (provider) {
    case 'youtube': {
      const params = new URLSearchParams({ rel: '0', cc_load_policy: '1' });
      if (autoplay) params.set('autoplay', '1');
      if (s) params.set('start', String(s));
      return `https://www.youtube-nocookie.com/embed/${safeId}?${params}`;
    }
    case 'vimeo': {
      const params = new URLSearchParams({ dnt: '1' });
      if (autoplay) params.set('autoplay', '1');
      return `https://player.vimeo.com/video/${safeId}?${params}${s ? `#t=${s}s` : ''}`;
    }
    case 'aparat': {
      const params = new URLSearchParams();
      if (autoplay) params.set('autoplay', 'true');
      if (s) params.set('t', String(s));
      const query = params.toString();
      return `https://www.aparat.com/video/video/embed/videohash/${safeId}/vt/frame${query ? `?${query}` : ''}`;
    }
  }
}

/** Reads `?t=` from a query string: whole seconds ≥ 0, or undefined when absent or not a number. */
export function startFromSearch(search: string): number | undefined {
  const raw = new URLSearchParams(search).get('t');
  if (raw === null || !/^\d+(?:\.\d+)?s?$/.test(raw.trim())) return undefined;
  return Math.floor(Number.parseFloat(raw));
}
