/** Strings of the contact page's form island, in both locales. "{name}" placeholders are filled with fill(). */
import type { Locale } from '../../search-index/core/schemas.ts';

export interface ContactStrings {
  subject: string;
  subjectHint: string;
  description: string;
  descriptionHint: string;
  category: string;
  categoryNone: string;
  email: string;
  emailHint: string;
  optional: string;
  submit: string;
  sending: string;
  errors: { subject: string; description: string; email: string; category: string; tooLong: string; other: string };
  errorSummary: string;
  unavailable: string;
  retry: string;
  restored: string;
  sentTitle: string;
  sentReference: string;
  sentLead: string;
  another: string;
  suggestionsTitle: string;
  suggestionsIdle: string;
  suggestionsHint: string;
  found: string;
  foundOne: string;
  none: string;
  offline: string;
  article: string;
  video: string;
  previewLoading: string;
  previewError: string;
  openArticle: string;
  openVideo: string;
  solved: string;
  notThis: string;
  doneTitle: string;
  doneLead: string;
  doneLink: string;
  doneBack: string;
  phone: string;
}

export const CONTACT_STRINGS: Record<Locale, ContactStrings> = {
  fa: {
    subject: 'موضوع',
    subjectHint: 'در یک جمله بگویید چه مشکلی پیش آمده.',
    description: 'شرح مشکل',
    descriptionHint: 'هرچه دقیق‌تر بنویسید، پاسخ‌های بهتری پیشنهاد می‌کنیم. مثلاً کدام چراغ مودم قرمز است یا از کی.',
    category: 'دسته',
    categoryNone: 'نمی‌دانم / انتخاب نمی‌کنم',
    email: 'ایمیل',
    emailHint: 'پاسخ کارشناس به این نشانی فرستاده می‌شود.',
    optional: '(اختیاری)',
    submit: 'ارسال درخواست',
    sending: 'در حال ارسال…',
    errors: {
      subject: 'موضوع را بنویسید: دست‌کم ۳ و حداکثر ۲۰۰ نویسه، در یک خط.',
      description: 'مشکل را دست‌کم در ۱۰ نویسه شرح دهید.',
      email: 'یک نشانی ایمیل درست بنویسید، مثلاً name@example.com.',
      category: 'این دسته معتبر نیست؛ یکی از فهرست انتخاب کنید.',
      tooLong: 'شرح مشکل طولانی‌تر از ۵۰۰۰ نویسه است؛ کوتاه‌ترش کنید.',
      other: 'درخواست فرستاده نشد. لطفاً دوباره امتحان کنید.',
    },
    errorSummary: 'لطفاً موارد مشخص‌شده را درست کنید.',
    unavailable:
      'الان نمی‌توانیم درخواست‌تان را بفرستیم. متن شما در همین مرورگر نگه داشته شده است؛ چند لحظه‌ی دیگر دوباره بفرستید یا با ۱۵۷۰ تماس بگیرید.',
    retry: 'ارسال دوباره',
    restored: 'درخواستی که فرستاده نشده بود برگردانده شد. آن را بررسی کنید و دوباره بفرستید.',
    sentTitle: 'درخواست‌تان ثبت شد',
    sentReference: 'شماره‌ی پیگیری:',
    sentLead: 'کارشناسان ما به‌زودی به ایمیل‌تان پاسخ می‌دهند. این شماره را برای پیگیری نگه دارید.',
    another: 'ثبت درخواست دیگر',
    suggestionsTitle: 'شاید پاسخ‌تان این‌جا باشد',
    suggestionsIdle: 'وقتی مشکل را می‌نویسید، مقاله‌ها و ویدیوهای مرتبط همین‌جا پیدا می‌شوند.',
    suggestionsHint: 'با کلیدهای بالا و پایین بین پاسخ‌ها بروید و با Enter باز کنید.',
    found: '{count} پاسخ پیشنهادی پیدا شد',
    foundOne: '{count} پاسخ پیشنهادی پیدا شد',
    none: 'پاسخ آماده‌ای پیدا نشد؛ درخواست‌تان را بفرستید.',
    offline: 'پیشنهادها از نسخه‌ی ذخیره‌شده‌ی راهنما آمده‌اند.',
    article: 'مقاله',
    video: 'ویدیو، از {time}',
    previewLoading: 'در حال باز کردن پاسخ…',
    previewError: 'این پاسخ باز نشد. می‌توانید آن را در زبانه‌ی تازه ببینید.',
    openArticle: 'دیدن کل مقاله در زبانه‌ی تازه',
    openVideo: 'پخش ویدیو از {time} در زبانه‌ی تازه',
    solved: 'مشکلم حل شد',
    notThis: 'این نبود',
    doneTitle: 'چه خوب که حل شد!',
    doneLead: 'دیگر نیازی به فرستادن درخواست نیست. اگر بعداً دوباره لازم شد، پاسخ همیشه این‌جاست:',
    doneLink: '{title}',
    doneBack: 'هنوز کمک لازم دارم',
    phone: 'یا با ۱۵۷۰ تماس بگیرید',
  },
  en: {
    subject: 'Subject',
    subjectHint: 'One sentence saying what went wrong.',
    description: 'Describe the problem',
    descriptionHint: 'The more detail you give, the better the answers we can suggest: which modem light is red, since when.',
    category: 'Topic',
    categoryNone: 'Not sure / skip',
    email: 'Email',
    emailHint: 'Our reply goes to this address.',
    optional: '(optional)',
    submit: 'Send request',
    sending: 'Sending…',
    errors: {
      subject: 'Write a subject of 3 to 200 characters, on one line.',
      description: 'Describe the problem in at least 10 characters.',
      email: 'Enter a valid email address, like name@example.com.',
      category: 'This topic is not valid; pick one from the list.',
      tooLong: 'The description is longer than 5,000 characters; please shorten it.',
      other: 'Your request was not sent. Please try again.',
    },
    errorSummary: 'Please fix the marked fields.',
    unavailable:
      'We cannot send your request right now. Your text is kept in this browser; send it again in a moment, or call 1570.',
    retry: 'Send again',
    restored: 'Your unsent request has been restored. Check it and send it again.',
    sentTitle: 'Your request was received',
    sentReference: 'Reference:',
    sentLead: 'Our support team will reply to your email soon. Keep this reference to follow up.',
    another: 'Send another request',
    suggestionsTitle: 'These answers may help',
    suggestionsIdle: 'As you describe the problem, matching articles and videos appear here.',
    suggestionsHint: 'Use the up and down arrow keys to move through the answers and Enter to open one.',
    found: '{count} suggested answers found',
    foundOne: '{count} suggested answer found',
    none: 'No ready answer found; please send your request.',
    offline: 'Suggestions come from the saved copy of the help center.',
    article: 'Article',
    video: 'Video, from {time}',
    previewLoading: 'Opening the answer…',
    previewError: 'This answer did not open here. You can read it in a new tab.',
    openArticle: 'Read the whole article in a new tab',
    openVideo: 'Play the video from {time} in a new tab',
    solved: 'This solved my problem',
    notThis: 'Not what I need',
    doneTitle: 'Glad that solved it!',
    doneLead: 'You do not need to send a request. If you need it again later, the answer is always here:',
    doneLink: '{title}',
    doneBack: 'I still need help',
    phone: 'or call 1570',
  },
};
