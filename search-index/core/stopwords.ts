/**
 * Stopwords: the maintained stopwords-iso lists for Persian and English, adjusted for support text.
 *
 * - REMOVED_FROM_LIST: words the general lists drop but customers use to name their problem ("bill" is an English
 *   stopword there because of the first name; "open", "down", "free", "number", "line", "مجانی", "خدمات"...).
 * - SUPPORT_STOPWORDS: what help-desk messages add to ordinary prose: greetings and thanks, "problem", "please",
 *   "anyone", informal Persian verb forms (میشه, نمیدونم, دارم...) and colloquial pronouns (اینو, اونا...).
 *
 * Entries are stored in normalised form (see normalise.ts), so a list written with Arabic ي/ك or ZWNJ still matches.
 * Stopwords are matched per script: Persian ones on Arabic-script words, English ones on Latin words, so an English
 * word in Persian text is judged by the English list and the other way round.
 */
// The fa and en lists of the stopwords-iso package, copied by build/extract-stopwords.ts (the package's own file
// holds every language, 200 kB that would land in each browser bundle); a test keeps the copy equal to the package.
import stopwordsIso from './stopwords-iso.json' with { type: 'json' };
import { normalise } from './normalise.ts';

const REMOVED_FROM_LIST = {
  en: [
    'sent', 'show', 'showed', 'shows', 'copy', 'added', 'page', 'pages', 'group', 'groups', 'member', 'members',
    'name', 'number', 'numbers', 'line', 'open', 'opened', 'opens', 'opening', 'turn', 'turned', 'turning', 'home',
    'system', 'test', 'call', 'order', 'ordered', 'orders', 'move', 'full', 'free', 'date', 'year', 'years', 'part',
    'parts', 'state', 'states', 'interest', 'room', 'rooms', 'face', 'computer', 'text', 'run', 'old', 'new', 'big',
    'small', 'high', 'low', 'down', 'off', 'bill', 'work', 'works', 'worked', 'working', 'large', 'long', 'last',
    'latest', 'value', 'second', 'zero', 'end', 'present', 'first', 'third', 'web', 'website', 'websites', 'site',
    'sites', 'result', 'results', 'information', 'stop', 'stopped', 'allow', 'allowed', 'forward', 'specify',
    'contain', 'contains', 'showing', 'shown', 'message', 'messages', 'box',
  ],
  fa: ['خدمات', 'جدید', 'مجانی', 'نام', 'بد', 'هزار', 'میلیون', 'میلیارد', 'قطع', 'بخش', 'کامل', 'جریان', 'عدم', 'اول', 'دوم', 'سوم', 'کم'],
} as const;

const SUPPORT_STOPWORDS = {
  en: [
    'hi', 'hello', 'hey', 'dear', 'thanks', 'thank', 'thx', 'please', 'pls', 'plz', 'help', 'problem', 'problems',
    'issue', 'issues', 'question', 'anyone', 'anybody', 'someone', 'somebody', 'everyone', 'guys', 'wondering',
    'trying', 'tried', 'try', 'able', 'im', 'ive', 'id', 'dont', 'doesnt', 'didnt', 'cant', 'cannot', 'wont', 'isnt',
    'arent', 'wasnt', 'havent', 'hasnt', 'couldnt', 'shouldnt', 'wouldnt', 'lot', 'lots', 'thing', 'things', 'stuff',
    'way', 'ways', 'possible', 'anyway', 'etc',
  ],
  fa: [
    'سلام', 'باسلام', 'درود', 'ممنون', 'ممنونم', 'تشکر', 'باتشکر', 'سپاس', 'سپاسگزارم', 'مرسی', 'لطفا', 'خواهشا',
    'دوستان', 'عزیز', 'عزیزان', 'عزیزم', 'مشکل', 'مشکلی', 'سوال', 'سوالی', 'کمک', 'راهنمایی', 'چیکار', 'چکار',
    'چجوری', 'چطوری', 'چی', 'چیه', 'اینو', 'اونو', 'اون', 'اونا', 'اینا', 'دیگه', 'شه', 'بشه', 'نشه', 'میشه',
    'نمیشه', 'هستش', 'کنین', 'بکنم', 'بدم', 'بده', 'داره', 'دارین', 'نمیدونم', 'میدونم', 'بدونم', 'خیلیا', 'یکی',
    'نباشید', 'مرسی', 'الان', 'هم', 'رو', 'ام', 'ای',
  ],
} as const;

/** The two stopword sets, normalised; keyed by script rather than locale. */
export interface StopwordSets {
  readonly persian: ReadonlySet<string>;
  readonly latin: ReadonlySet<string>;
}

function buildSet(base: readonly string[], removed: readonly string[], added: readonly string[]): Set<string> {
  const words = new Set<string>();
  const add = (entry: string): void => {
    for (const word of normalise(entry).replaceAll("'", '').split(' ')) if (word) words.add(word);
  };
  base.forEach(add);
  added.forEach(add);
  for (const entry of removed) words.delete(normalise(entry));
  return words;
}

/** Stopwords by script, built once when the module loads. */
export const STOPWORDS: StopwordSets = {
  persian: buildSet(stopwordsIso.fa, REMOVED_FROM_LIST.fa, SUPPORT_STOPWORDS.fa),
  latin: buildSet(stopwordsIso.en, REMOVED_FROM_LIST.en, SUPPORT_STOPWORDS.en),
};
