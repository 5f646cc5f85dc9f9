/**
 * A deterministic synthetic help center for the bench: made-up words with a Zipf (Mandelbrot) frequency law, as
 * in natural text, and per-article topic words repeated through title, headings and body, as in real articles.
 * About 400 words an article: a title, a description, keywords and four sections with headings.
 */

/** Distinct words in the vocabulary. */
const VOCABULARY_SIZE = 40_000;
/** Words of each section body, and sections per article (4 × 90 plus title, description and headings ≈ 400). */
const SECTION_WORDS = 90;
const SECTIONS = 4;
/** Topic words per article, and the share of body words drawn from them. */
const TOPIC_WORDS = 8;
const TOPIC_SHARE = 0.1;
/** Content words (titles, headings, topics) are drawn from below this frequency rank. */
const CONTENT_RANK = 150;

const CONSONANTS = 'bdfgklmnprstvz';
const VOWELS = 'aeiou';

export interface GeneratedArticle {
  slug: string;
  title: string;
  description: string;
  category: string;
  keywords: string[];
  sections: { heading?: string; anchor?: string; text: string }[];
  /** Positions of the article's topic words in the vocabulary. */
  topics: number[];
}

/** mulberry32: a small, fast, seedable PRNG. */
export function randomGenerator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Vocabulary {
  words: string[];
  cumulative: Float64Array;
}

let cachedVocabulary: Vocabulary | undefined;

function vocabulary(): Vocabulary {
  if (cachedVocabulary) return cachedVocabulary;
  const random = randomGenerator(7);
  const pick = (letters: string): string => letters[Math.floor(random() * letters.length)]!;
  const words = new Set<string>();
  while (words.size < VOCABULARY_SIZE) {
    const syllables = 2 + Math.floor(random() * 3);
    let word = '';
    for (let s = 0; s < syllables; s++) word += pick(CONSONANTS) + pick(VOWELS) + (random() < 0.3 ? pick(CONSONANTS) : '');
    words.add(word);
  }
  const cumulative = new Float64Array(VOCABULARY_SIZE);
  let total = 0;
  for (let rank = 0; rank < VOCABULARY_SIZE; rank++) {
    total += 1 / (rank + 2.7);
    cumulative[rank] = total;
  }
  for (let rank = 0; rank < VOCABULARY_SIZE; rank++) cumulative[rank]! /= total;
  cachedVocabulary = { words: [...words], cumulative };
  return cachedVocabulary;
}

/** A word rank drawn from the Zipf law, at or after `fromRank`. */
function zipfRank(random: () => number, fromRank = 0): number {
  const { cumulative } = vocabulary();
  const low = fromRank > 0 ? cumulative[fromRank - 1]! : 0;
  const target = low + random() * (1 - low);
  let lo = fromRank;
  let hi = VOCABULARY_SIZE - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function phrase(random: () => number, length: number, topics: readonly number[], topicShare: number, fromRank = 0): string {
  const { words } = vocabulary();
  const out: string[] = [];
  for (let n = 0; n < length; n++) {
    const rank = random() < topicShare ? topics[Math.floor(random() * topics.length)]! : zipfRank(random, fromRank);
    out.push(words[rank]!);
  }
  return out.join(' ');
}

/** `count` articles, the same for the same seed. */
export function generateArticles(count: number, seed: number): GeneratedArticle[] {
  const random = randomGenerator(seed);
  const articles: GeneratedArticle[] = [];
  for (let n = 0; n < count; n++) {
    const topics = Array.from({ length: TOPIC_WORDS }, () => CONTENT_RANK + Math.floor(random() * (VOCABULARY_SIZE - CONTENT_RANK)));
    const sections = Array.from({ length: SECTIONS }, (_unused, position) => {
      const heading = phrase(random, 3 + Math.floor(random() * 3), topics, 0.4, CONTENT_RANK);
      const text = `${phrase(random, SECTION_WORDS, topics, TOPIC_SHARE)}.`;
      return position === 0 ? { text } : { heading, anchor: heading.replaceAll(' ', '-'), text };
    });
    articles.push({
      slug: `article-${n}`,
      title: phrase(random, 6 + Math.floor(random() * 4), topics, 0.5, CONTENT_RANK),
      description: phrase(random, 15 + Math.floor(random() * 10), topics, 0.2),
      category: `category-${n % 12}`,
      keywords: [phrase(random, 2, topics, 0.5, CONTENT_RANK), phrase(random, 2, topics, 0.5, CONTENT_RANK)],
      sections,
      topics,
    });
  }
  return articles;
}

/**
 * A problem description of `words` words about one article: about a fifth of its words are the article's topic
 * words, two fifths other words of its text, the rest everyday words from the whole vocabulary.
 */
export function generateQuery(articles: readonly GeneratedArticle[], words: number, seed: number): { text: string; target: number } {
  const random = randomGenerator(seed);
  const target = Math.floor(random() * articles.length);
  const article = articles[target]!;
  const { words: vocabularyWords } = vocabulary();
  const body = article.sections.map((section) => section.text).join(' ').split(' ');
  const out: string[] = [];
  for (let n = 0; n < words; n++) {
    const roll = random();
    if (roll < 0.2) out.push(vocabularyWords[article.topics[Math.floor(random() * article.topics.length)]!]!);
    else if (roll < 0.6) out.push(body[Math.floor(random() * body.length)]!.replace('.', ''));
    else out.push(vocabularyWords[zipfRank(random)]!);
  }
  return { text: `${out.join(' ')}.`, target };
}
