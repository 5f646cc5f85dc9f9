/** Components MDX writers use without importing (passed to <Content components={...} />). */
import Callout from './Callout.astro';
import Steps from './Steps.astro';
import Kbd from './Kbd.astro';
import Figure from './Figure.astro';
import WatchVideo from './WatchVideo.astro';
import Pre from './Pre.astro';

export const mdxComponents = { Callout, Steps, Kbd, Figure, WatchVideo, pre: Pre };
