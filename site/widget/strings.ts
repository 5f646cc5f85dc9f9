/** The widget's few strings, in both locales (kept short: every byte counts against the 15 KB budget). */
import type { Locale } from '../../search-index/core/schemas.ts';

export const WIDGET_STRINGS: Record<Locale, Record<'heading' | 'found' | 'none' | 'article' | 'video' | 'newTab' | 'hint' | 'asked' | 'yes' | 'no' | 'done', string>> = {
  fa: {
    heading: 'شاید پاسخ‌تان این‌جا باشد',
    found: '{n} پاسخ پیشنهادی پیدا شد',
    none: 'پاسخی پیدا نشد؛ فرم را بفرستید.',
    article: 'مقاله',
    video: 'ویدیو از {t}',
    newTab: '(در زبانه‌ی تازه)',
    hint: 'با کلیدهای بالا و پایین بین پاسخ‌ها بروید و با Enter باز کنید.',
    asked: 'مشکل‌تان با «{title}» حل شد؟',
    yes: 'بله، حل شد',
    no: 'نه، این نبود',
    done: 'چه خوب! دیگر نیازی به فرستادن این فرم نیست.',
  },
  en: {
    heading: 'These answers may help',
    found: '{n} suggested answers found',
    none: 'No answer found; please send the form.',
    article: 'Article',
    video: 'Video from {t}',
    newTab: '(opens in a new tab)',
    hint: 'Use the up and down arrow keys to move through the answers and Enter to open one.',
    asked: 'Did “{title}” solve your problem?',
    yes: 'Yes, solved',
    no: 'No, not this',
    done: 'Glad that helped! You do not need to send this form.',
  },
};
