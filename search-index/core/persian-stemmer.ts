/**
 * A light Persian stemmer for search: it strips the few affixes that most often make one word look like two, and
 * nothing that needs a dictionary. Input is one normalised word (see normalise.ts: ZWNJ already a space, Arabic
 * letters folded). Rules, applied once each, in this order:
 *
 * 1. Verb prefix: نمی or می at the start is removed when at least two letters remain and the word is not one of
 *    the common nouns that merely begin with می (میز, میوه, میدان...). So میگوید → گوید, and because
 *    normalisation turns می‌گوید into "می گوید" and می is a stopword, all three spellings meet at گوید.
 * 2. Plural and possessive endings: هایمان, هایتان, هایشان, هایی, هایم, هایت, هایش, های, ها (longest first)
 *    when at least two letters remain: مودمها → مودم.
 * 3. Comparative and superlative: ترین, تر when at least three letters remain and the word is not a loan word
 *    that ends in those letters (روتر, فیلتر, کامپیوتر...): سریعترین → سریع.
 * 4. Plural ان and ات when at least three letters remain and the word is not a common word that ends in them
 *    (زمان, ایران, خیابان, اینترنت...): کاربران → کاربر, اطلاعات → اطلاع.
 *
 * Over-stemming only costs a few false matches between rare words; under-stemming costs a missed answer.
 */

const VERB_PREFIXES = ['نمی', 'می'] as const;
const PLURAL_SUFFIXES = ['هایمان', 'هایتان', 'هایشان', 'هایی', 'هایم', 'هایت', 'هایش', 'های', 'ها'] as const;
const DEGREE_SUFFIXES = ['ترین', 'تر'] as const;
const NOUN_PLURAL_SUFFIXES = ['ان', 'ات'] as const;

/** Words that begin with می but are not verbs with the continuous prefix. */
const NOT_VERB_PREFIX = new Set([
  'میز', 'میزان', 'میوه', 'میدان', 'میان', 'میانه', 'میانگین', 'میلیون', 'میلیارد', 'میلیمتر', 'میل', 'میله',
  'میراث', 'میهمان', 'میهن', 'میمون', 'میکروب', 'میکروفون', 'میکرو', 'میگو', 'میخ', 'میش', 'میلاد', 'میترا',
  'میکس', 'میتینگ', 'میزبان', 'میزبانی', 'میگرن',
]);

/** Loan and plain words that end in تر/ترین without being comparatives. */
const NOT_DEGREE = new Set([
  'روتر', 'فیلتر', 'کامپیوتر', 'پرینتر', 'دفتر', 'دختر', 'کبوتر', 'متر', 'کیلومتر', 'سانتیمتر', 'میلیمتر',
  'چتر', 'بستر', 'شتر', 'دکتر', 'پوستر', 'لیتر', 'کاراکتر', 'پارامتر', 'توییتر', 'تویتر', 'اسکوتر', 'کنتر',
  'تیاتر', 'اختر', 'استر', 'کلاستر', 'اینتر', 'رجیستر', 'مستر', 'فاکتور', 'اکانتر', 'دیگر',
]);

/** Common words that end in ان/ات without being plurals. */
const NOT_PLURAL = new Set([
  'زمان', 'مکان', 'ایران', 'تهران', 'خیابان', 'زبان', 'اسان', 'ارزان', 'پایان', 'بیان', 'میزان', 'امکان',
  'جریان', 'سامان', 'کاشان', 'اصفهان', 'کرمان', 'گیلان', 'همدان', 'زنجان', 'استان', 'داستان', 'بیمارستان',
  'دبستان', 'تابستان', 'زمستان', 'دندان', 'خانمان', 'ایمان', 'باران', 'جوان', 'نان', 'جان', 'جهان', 'انسان',
  'دوران', 'بحران', 'درمان', 'سازمان', 'ساختمان', 'میدان', 'میهمان', 'مهمان', 'پنهان', 'همان', 'چنان', 'چنین',
  'ثبات', 'اوقات', 'حیات', 'زکات', 'نجات', 'صفات', 'ملاقات', 'اثبات', 'نبات', 'برات', 'کلات', 'سادات',
  'ساعات', 'لیوان', 'ایوان', 'دیوان', 'عنوان', 'توان', 'میان', 'فراوان',
  'رایگان', 'ارمغان', 'گمان', 'کمان', 'خاندان', 'فرمان', 'قربان', 'پیمان', 'دامان', 'نشان', 'روان', 'شان',
]);

function stripPrefix(word: string): string {
  if (NOT_VERB_PREFIX.has(word)) return word;
  for (const prefix of VERB_PREFIXES) {
    if (word.startsWith(prefix) && word.length - prefix.length >= 2) return word.slice(prefix.length);
  }
  return word;
}

function stripSuffix(word: string, suffixes: readonly string[], minimumStem: number, exceptions?: Set<string>): string {
  if (exceptions?.has(word)) return word;
  for (const suffix of suffixes) {
    if (word.endsWith(suffix) && word.length - suffix.length >= minimumStem) return word.slice(0, -suffix.length);
  }
  return word;
}

/** Stems one normalised Persian word; see the rules at the top of this file. */
export function stemPersian(word: string): string {
  if (word.length <= 2) return word;
  let stem = stripPrefix(word);
  stem = stripSuffix(stem, PLURAL_SUFFIXES, 2);
  stem = stripSuffix(stem, DEGREE_SUFFIXES, 3, NOT_DEGREE);
  stem = stripSuffix(stem, NOUN_PLURAL_SUFFIXES, 3, NOT_PLURAL);
  return stem;
}
