/**
 * make-walkthrough.mjs: builds the self-hosted, narrated video guide "reset-password-walkthrough" in both
 * locales from one script (the SCRIPT table below), so picture, voice and transcript always agree.
 *
 * What it does, per locale:
 *   1. speaks every cue with espeak-ng (one WAV per cue) and lays the cues on a timeline: a short pause between
 *      cues, and every chapter starts on a whole second so the chapter list can say "m:ss" exactly;
 *   2. renders each distinct screen state (phone-app mock screens of "My TizNet": sign-in, "Forgot password?",
 *      SMS code, new password, signed in) with headless Chromium, so Persian is shaped and laid out right to left
 *      (ffmpeg's drawtext cannot shape Persian);
 *   3. joins the slides and the narration with ffmpeg: 854x480, H.264 main, yuv420p, AAC mono 48 kb/s, +faststart;
 *   4. writes the transcript content/videos/<locale>/reset-password-walkthrough.vtt from the same timeline (every
 *      cue's times are its audio's times) and rewrites `duration` and `chapters` in the guide's .mdx frontmatter.
 *
 * Needs: ffmpeg (with libx264 and aac), espeak-ng (voices "fa" and "en-us"), /usr/bin/chromium, and the repo's
 * node_modules (playwright-core, @fontsource-variable/vazirmatn). Its output is committed:
 *   site/public/media/videos/reset-password-walkthrough-{fa,en}.mp4, content/videos/{fa,en}/reset-password-walkthrough.vtt
 * so building or serving the site never needs any of these tools.
 *
 * Run from the repo root:  npx node scripts/media/make-walkthrough.mjs [fa] [en]   (both locales by default)
 * With --timing it only speaks the cues and prints the timeline (to fit the 60-100 s budget while editing SCRIPT).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = resolve(import.meta.dirname, '../..');
const SLUG = 'reset-password-walkthrough';
const WIDTH = 854;
const HEIGHT = 480;
const FPS = 15;
/** Silence before the first cue, between cues and after the last one (seconds). */
const LEAD_IN = 0.6;
const GAP = 0.4;
const TAIL = 1.2;
const SAMPLE_RATE = 22050; // espeak-ng's native rate
const VOICES = { fa: { voice: 'fa', speed: 185 }, en: { voice: 'en-us', speed: 160 } };
const MAX_BYTES = 2 * 1024 * 1024;
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * The walkthrough. Each cue: the screen shown (and its state), the narration per locale (a string, or
 * [caption, spoken] when espeak-ng needs a different spelling to say it right), and, on the first cue of a
 * chapter, the chapter title per locale.
 */
const SCRIPT = [
  { screen: 'title', chapter: { fa: 'پیش از شروع', en: 'Before you start' },
    fa: 'سلام! بیایید رمز عبور اپ «تیزنت من» را بازیابی کنیم.',
    en: "Hi! Let's reset your password in the My TizNet app." },
  { screen: 'title',
    fa: 'فقط گوشی‌تان را لازم دارید، با سیم‌کارت همان شمارهٔ حساب.',
    en: "You'll need your phone, with the SIM of the number on your account." },
  { screen: 'title',
    fa: 'کل کار حدود یک دقیقه طول می‌کشد.',
    en: 'It takes about a minute.' },
  { screen: 'signin', chapter: { fa: 'رفتن به «فراموشی رمز»', en: 'Open "Forgot password?"' },
    fa: 'اپ را باز کنید. این صفحهٔ ورود است.',
    en: 'Open My TizNet. This is the sign-in screen.' },
  { screen: 'signin', state: { hi: 'password' },
    fa: 'اگر رمز یادتان نیست، حدس نزنید.',
    en: "Can't remember your password? Don't keep guessing." },
  { screen: 'signin', state: { hi: 'password' },
    fa: 'با ۵ بار رمز اشتباه، حساب مدتی قفل می‌شود.',
    en: 'After five wrong tries, the account is locked for a while.' },
  { screen: 'signin', state: { hi: 'forgot' },
    fa: 'به‌جایش روی «رمز عبور را فراموش کرده‌اید؟» بزنید.',
    en: 'Instead, tap "Forgot password?", just under Sign in.' },
  { screen: 'forgot', state: { typed: true, hi: 'mobile' }, chapter: { fa: 'گرفتن کد پیامکی', en: 'Get the code by SMS' },
    fa: 'شمارهٔ موبایل حسابتان را وارد کنید.',
    en: 'Type the mobile number on your account.' },
  { screen: 'forgot', state: { typed: true, hi: 'send' },
    fa: 'شماره را چک کنید و «ارسال کد» را بزنید.',
    en: 'Check the number, then tap Send code.' },
  { screen: 'forgot', state: { typed: true, sent: true, sms: 'code' },
    fa: 'چند ثانیه بعد، پیامکی از ۱۵۷۰ می‌رسد.',
    en: ['Within seconds, a text arrives from 1570.', 'Within seconds, a text arrives from fifteen seventy.'] },
  { screen: 'forgot', state: { typed: true, sent: true, sms: 'code', hi: 'sms' },
    fa: 'کد ۶ رقمی‌اش را به هیچ‌کس ندهید، حتی به ما.',
    en: 'Never share its six-digit code with anyone, not even with us.' },
  { screen: 'code', state: { digits: 3 },
    fa: 'به اپ برگردید و کد را در خانه‌ها وارد کنید.',
    en: 'Back in the app, type the code into the boxes.' },
  { screen: 'code', state: { digits: 6 },
    fa: 'در بیشتر گوشی‌ها کد خودکار پر می‌شود.',
    en: 'On most phones, the code fills itself in.' },
  { screen: 'code', state: { digits: 6, hi: 'resend' },
    fa: 'پیامک نیامد؟ بعد از ۲ دقیقه «ارسال دوباره» را بزنید.',
    en: 'No text after two minutes? Tap Send again.' },
  { screen: 'newpass', state: { hi: 'pw1' }, chapter: { fa: 'انتخاب رمز تازه', en: 'Choose a new password' },
    fa: 'حالا یک رمز تازه انتخاب کنید.',
    en: 'Now choose a new password.' },
  { screen: 'newpass', state: { pw1: 11, hi: 'rules' },
    fa: 'دست‌کم ۸ نویسه، هم حرف و هم عدد.',
    en: 'Use at least eight characters, with letters and numbers.' },
  { screen: 'newpass', state: { pw1: 11, hi: 'rules' },
    fa: 'رمز قدیمی یا رمز سایت‌های دیگر را تکرار نکنید.',
    en: "Don't reuse an old password, or one from another website." },
  { screen: 'newpass', state: { pw1: 11, pw2: 11, hi: 'pw2' },
    fa: 'رمز را یک بار دیگر بنویسید.',
    en: 'Type it again to confirm it.' },
  { screen: 'newpass', state: { pw1: 11, pw2: 11, hi: 'save' },
    fa: 'نوار سبز شد؟ «ذخیرهٔ رمز» را بزنید.',
    en: 'When the bar turns green, tap Save password.' },
  { screen: 'done', chapter: { fa: 'ورود و یک قدم امنیتی', en: 'Signed in, and one more step' },
    fa: 'تمام شد! رمز عوض شد و وارد حساب شدید.',
    en: "Done! Your password is changed, and you're signed in." },
  { screen: 'done', state: { sms: 'changed' },
    fa: 'یک پیامک تأیید هم برایتان می‌آید.',
    en: 'We also text you to confirm the change.' },
  { screen: 'done', state: { sms: 'changed', hi: 'sms' },
    fa: 'اگر رمز را خودتان عوض نکرده بودید، فوراً با ۱۵۷۰ تماس بگیرید.',
    en: ["If you didn't make that change, call 1570 right away.",
      "If you didn't make that change, call fifteen seventy right away."] },
  { screen: 'settings', state: { hi: 'twostep' },
    fa: 'در «تنظیمات»، بخش «امنیت»، ورود دومرحله‌ای را هم روشن کنید.',
    en: 'One more tip: in Settings, under Security, turn on two-step verification.' },
  { screen: 'settings', state: { on: true, hi: 'twostep' },
    fa: 'آن‌وقت رمز به‌تنهایی برای ورود کافی نیست.',
    en: 'Then your password alone is not enough to sign in.' },
  { screen: 'outro',
    fa: 'مراحل نوشتاری در مقالهٔ زیر همین ویدیو است. ممنون که دیدید!',
    en: 'The written steps are in the article below this video. Thanks for watching!' },
];

/** Interface strings of the mock app and of the title cards. */
const UI = {
  fa: {
    dir: 'rtl', lang: 'fa', clock: '۹:۴۱', app: 'تیزنت من', mobile: 'شمارهٔ موبایل', number: '۰۹۱۲ ۳۴۵ ۶۷۸۹',
    masked: '۰۹۱۲ *** ۶۷۸۹', password: 'رمز عبور', signIn: 'ورود', cont: 'ادامه', forgot: 'رمز عبور را فراموش کرده‌اید؟',
    forgotTitle: 'بازیابی رمز عبور', forgotText: 'یک کد ۶ رقمی به شمارهٔ موبایل حسابتان پیامک می‌کنیم.',
    sendCode: 'ارسال کد', sending: 'کد فرستاده شد', smsFrom: '۱۵۷۰', smsNow: 'همین حالا',
    smsCode: 'تیزنت: کد بازیابی شما ۴۸۲۹۱۳ است. این کد را به هیچ‌کس، حتی کارکنان تیزنت، ندهید.',
    smsChanged: 'تیزنت: رمز عبور حساب شما ساعت ۹:۴۱ تغییر کرد. اگر خودتان نبودید، با ۱۵۷۰ تماس بگیرید.',
    code: '۴۸۲۹۱۳', codeTitle: 'کد پیامک‌شده را وارد کنید', codeSent: 'فرستاده شد به', resend: 'ارسال دوباره',
    resendIn: 'ارسال دوباره تا ۱:۱۲ دیگر', newTitle: 'رمز عبور تازه', pw1: 'رمز عبور تازه', pw2: 'تکرار رمز عبور تازه',
    rules: ['دست‌کم ۸ نویسه', 'حرف و عدد', 'تکراری نباشد'], strength: 'قوی', save: 'ذخیرهٔ رمز',
    doneTitle: 'رمز عبور عوض شد', doneText: 'وارد «تیزنت من» شدید.', balance: 'اینترنت خانگی ۵۰', balanceSub: 'تا ۲۴ روز دیگر',
    settings: 'تنظیمات', security: 'امنیت', twoStep: 'ورود دومرحله‌ای', twoStepHint: 'ورود از دستگاه تازه با کد پیامکی',
    changePw: 'تغییر رمز عبور', devices: 'دستگاه‌های واردشده',
    title: 'بازیابی رمز عبور در اپ «تیزنت من»', sub: 'حدود ۱ دقیقه · فقط گوشی و سیم‌کارتتان را لازم دارید',
    brand: 'راهنمای تیزنت', outroTitle: 'مراحل نوشتاری', outroArticle: 'بازیابی رمز عبور فراموش‌شده',
    outroMore: 'ورود دومرحله‌ای را روشن کنید', outroSupport: 'پشتیبانی: ۱۵۷۰', chapterOf: (i, n) => `بخش ${fa(i)} از ${fa(n)}`,
  },
  en: {
    dir: 'ltr', lang: 'en', clock: '9:41', app: 'My TizNet', mobile: 'Mobile number', number: '0912 345 6789',
    masked: '0912 *** 6789', password: 'Password', signIn: 'Sign in', cont: 'Continue', forgot: 'Forgot password?',
    forgotTitle: 'Reset your password', forgotText: "We'll text a 6-digit code to the mobile number on your account.",
    sendCode: 'Send code', sending: 'Code sent', smsFrom: '1570', smsNow: 'now',
    smsCode: "TizNet: your reset code is 482913. Don't share it with anyone, not even TizNet staff.",
    smsChanged: "TizNet: your account password was changed at 9:41. If this wasn't you, call 1570.",
    code: '482913', codeTitle: 'Enter the code we texted you', codeSent: 'Sent to', resend: 'Send again',
    resendIn: 'Send again in 1:12', newTitle: 'New password', pw1: 'New password', pw2: 'Repeat new password',
    rules: ['At least 8 characters', 'Letters and numbers', 'Not used before'], strength: 'Strong', save: 'Save password',
    doneTitle: 'Password changed', doneText: "You're signed in to My TizNet.", balance: 'Home 50', balanceSub: '24 days left',
    settings: 'Settings', security: 'Security', twoStep: 'Two-step verification', twoStepHint: 'A code by SMS for new devices',
    changePw: 'Change password', devices: 'Signed-in devices',
    title: 'Reset your password in the My TizNet app', sub: "About 1 minute · You'll need your phone and its SIM",
    brand: 'TizNet help', outroTitle: 'Written steps', outroArticle: 'Reset a forgotten password',
    outroMore: 'Turn on two-step verification', outroSupport: 'Support: 1570', chapterOf: (i, n) => `Part ${i} of ${n}`,
  },
};

function fa(n) {
  return String(n).replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[d]);
}

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const hi = (state, id) => (state.hi === id ? ' hi' : '');
const dots = (n) => '•'.repeat(n);

/** The @font-face rules of the installed Vazirmatn, pointed at the font files by file:// URL. */
function fontFaces() {
  const dir = join(ROOT, 'node_modules/@fontsource-variable/vazirmatn');
  const css = readFileSync(join(dir, 'wght.css'), 'utf8');
  return css.replace(/url\(\.\/files\//g, `url(${pathToFileURL(join(dir, 'files')).href}/`);
}

const CSS = `
*{box-sizing:border-box;margin:0;padding:0}
html,body{width:${WIDTH}px;height:${HEIGHT}px;overflow:hidden}
body{font-family:'Vazirmatn Variable',Tahoma,sans-serif;background:linear-gradient(135deg,#0f766e,#115e59);color:#0f172a;display:flex;align-items:center;gap:34px;padding-inline:48px}
.side{flex:1;color:#fff}
.side .brand{font-size:15px;opacity:.85;font-weight:600;letter-spacing:.01em}
.side .part{margin-top:26px;font-size:15px;opacity:.8}
.side h2{font-size:30px;line-height:1.35;margin-top:6px;font-weight:800}
.bar{display:flex;gap:6px;margin-top:22px}.bar i{height:6px;flex:1;border-radius:3px;background:rgba(255,255,255,.3)}.bar i.on{background:#fff}
.phone{width:236px;height:452px;border-radius:34px;background:#0b1220;padding:9px;box-shadow:0 18px 40px rgba(0,0,0,.35);flex:none}
.scr{position:relative;width:100%;height:100%;border-radius:26px;background:#f8fafc;overflow:hidden;font-size:12.5px}
.status{display:flex;justify-content:space-between;padding:7px 18px 0;font-size:11px;font-weight:700;color:#0f172a}
.status b{letter-spacing:1px}
.appbar{background:#0f766e;color:#fff;padding:10px 16px 12px;font-weight:700;font-size:15px;margin-top:6px}
.body{padding:14px 16px;display:flex;flex-direction:column;gap:9px}
.logo{width:54px;height:54px;border-radius:16px;background:#0f766e;color:#fff;display:grid;place-items:center;font-size:28px;font-weight:800;margin:10px auto 2px}
.h{font-weight:800;font-size:16px;text-align:center}
.p{color:#475569;font-size:12px;line-height:1.6;text-align:center}
label{font-size:11px;color:#475569;font-weight:600}
.f{border:1.5px solid #cbd5e1;border-radius:10px;background:#fff;padding:8px 10px;min-height:36px;font-size:14px;font-weight:600}
.f.empty{color:#94a3b8;font-weight:400;font-size:12px}
.btn{background:#0f766e;color:#fff;border-radius:10px;padding:9px;text-align:center;font-weight:700;font-size:13.5px}
.btn.off{background:#94a3b8}
.link{color:#0f766e;font-weight:700;text-align:center;font-size:12.5px;padding:3px}
.hi{outline:3px solid #f59e0b;outline-offset:3px;box-shadow:0 0 0 9px rgba(245,158,11,.28);border-radius:10px}
.boxes{display:flex;gap:5px;justify-content:center;direction:ltr}
.boxes span{width:28px;height:36px;border:1.5px solid #cbd5e1;border-radius:8px;background:#fff;display:grid;place-items:center;font-size:17px;font-weight:800}
.boxes span.cur{border-color:#0f766e;border-width:2px}
.meter{display:flex;gap:4px;align-items:center}.meter i{height:5px;flex:1;border-radius:3px;background:#e2e8f0}.meter i.g{background:#16a34a}
.meter em{font-style:normal;font-size:11px;color:#16a34a;font-weight:700;margin-inline-start:6px}
ul.rules{list-style:none;display:flex;flex-direction:column;gap:3px;padding:4px 2px}
ul.rules li{font-size:11.5px;color:#64748b}ul.rules li.ok{color:#15803d}ul.rules li::before{content:'○';margin-inline-end:6px}ul.rules li.ok::before{content:'✓'}
.dim::after{content:'';position:absolute;inset:0;background:rgba(15,23,42,.45)}
.note{position:absolute;top:30px;inset-inline:8px;background:#fff;border-radius:14px;padding:9px 11px;box-shadow:0 8px 22px rgba(0,0,0,.3);z-index:2;font-size:11.5px;line-height:1.55}
.note .t{display:flex;justify-content:space-between;font-size:10.5px;color:#64748b;font-weight:700;margin-bottom:2px}
.check{width:70px;height:70px;border-radius:50%;background:#dcfce7;color:#16a34a;display:grid;place-items:center;font-size:38px;font-weight:800;margin:18px auto 4px}
.card{background:#fff;border:1px solid #e2e8f0;border-radius:12px;padding:10px 12px}
.card b{display:block;font-size:13.5px}.card small{color:#64748b;font-size:11px}
.row{display:flex;justify-content:space-between;align-items:center;gap:8px;padding:10px 12px;background:#fff;border-bottom:1px solid #e2e8f0}
.row small{display:block;color:#64748b;font-size:10.5px}
.tog{width:38px;height:22px;border-radius:11px;background:#cbd5e1;position:relative;flex:none}
.tog::after{content:'';position:absolute;top:3px;inset-inline-start:3px;width:16px;height:16px;border-radius:50%;background:#fff}
.tog.on{background:#16a34a}.tog.on::after{inset-inline-start:19px}
.sec{padding:12px 12px 5px;font-size:11px;color:#0f766e;font-weight:800}
.cardbig{background:#fff;border-radius:22px;padding:34px 40px;box-shadow:0 18px 40px rgba(0,0,0,.3);width:100%;text-align:start}
.cardbig .logo{margin:0 0 16px}
.cardbig h1{font-size:32px;line-height:1.4;font-weight:800;color:#0f172a}
.cardbig p{font-size:17px;color:#475569;margin-top:12px}
.cardbig ul{margin-top:16px;list-style:none;display:flex;flex-direction:column;gap:8px;font-size:17px}
.cardbig li::before{content:'›';color:#0f766e;font-weight:800;margin-inline-end:10px}
`;

/** The phone screen for one cue's state. */
function phoneScreen(screen, state, t) {
  const status = `<div class="status"><span>${t.clock}</span><b>▮▮▮ ◔</b></div>`;
  const num = (s) => `<bdi dir="ltr">${s}</bdi>`;
  const sms = state.sms
    ? `<div class="note${hi(state, 'sms')}"><div class="t"><span>${num(t.smsFrom)}</span><span>${t.smsNow}</span></div>${
      esc(state.sms === 'code' ? t.smsCode : t.smsChanged)}</div>`
    : '';
  switch (screen) {
    case 'signin':
      return `${status}<div class="body"><div class="logo">T</div><div class="h">${t.app}</div>
        <label>${t.mobile}</label><div class="f">${num(t.number)}</div>
        <label>${t.password}</label><div class="f${hi(state, 'password')}">${dots(6)}</div>
        <div class="btn">${t.signIn}</div><div class="link${hi(state, 'forgot')}">${esc(t.forgot)}</div></div>`;
    case 'forgot':
      return `<div class="${state.sms ? 'dim' : ''}" style="position:absolute;inset:0">${status}<div class="appbar">${t.forgotTitle}</div>
        <div class="body"><div class="p">${esc(t.forgotText)}</div><label>${t.mobile}</label>
        <div class="f${hi(state, 'mobile')}"><bdi dir="ltr">${t.number}|</bdi></div>
        <div class="btn${state.sent ? ' off' : ''}${hi(state, 'send')}">${state.sent ? t.sending : t.sendCode}</div></div></div>${sms}`;
    case 'code': {
      const digits = [...t.code];
      const boxes = digits.map((d, i) => `<span class="${i === state.digits ? 'cur' : ''}">${i < state.digits ? d : ''}</span>`).join('');
      return `${status}<div class="appbar">${t.forgotTitle}</div><div class="body"><div class="h">${t.codeTitle}</div>
        <div class="p">${t.codeSent} ${num(t.masked)}</div><div class="boxes">${boxes}</div>
        <div class="btn${state.digits < 6 ? ' off' : ''}">${t.cont}</div>
        <div class="link${hi(state, 'resend')}">${state.hi === 'resend' ? t.resend : t.resendIn}</div></div>`;
    }
    case 'newpass': {
      const strong = (state.pw1 ?? 0) >= 8;
      const rules = t.rules.map((r) => `<li class="${strong ? 'ok' : ''}">${r}</li>`).join('');
      const meter = `<div class="meter"><i class="${strong ? 'g' : ''}"></i><i class="${strong ? 'g' : ''}"></i><i class="${strong ? 'g' : ''}"></i>${strong ? `<em>${t.strength}</em>` : ''}</div>`;
      const field = (n, id) => (n ? `<div class="f${hi(state, id)}">${dots(n)}</div>` : `<div class="f empty${hi(state, id)}">|</div>`);
      return `${status}<div class="appbar">${t.newTitle}</div><div class="body">
        <label>${t.pw1}</label>${field(state.pw1, 'pw1')}${meter}<ul class="rules${hi(state, 'rules')}">${rules}</ul>
        <label>${t.pw2}</label>${field(state.pw2, 'pw2')}
        <div class="btn${state.pw2 ? '' : ' off'}${hi(state, 'save')}">${t.save}</div></div>`;
    }
    case 'done':
      return `<div class="${state.sms ? 'dim' : ''}" style="position:absolute;inset:0">${status}<div class="appbar">${t.app}</div>
        <div class="body"><div class="check">✓</div><div class="h">${t.doneTitle}</div><div class="p">${esc(t.doneText)}</div>
        <div class="card"><b>${t.balance}</b><small>${t.balanceSub}</small></div></div></div>${sms}`;
    case 'settings':
      return `${status}<div class="appbar">${t.settings}</div><div class="sec">${t.security}</div>
        <div class="row"><span>${t.changePw}</span><span>›</span></div>
        <div class="row${hi(state, 'twostep')}"><span>${t.twoStep}<small>${t.twoStepHint}</small></span><span class="tog${state.on ? ' on' : ''}"></span></div>
        <div class="row"><span>${t.devices}</span><span>›</span></div>`;
    default:
      throw new Error(`make-walkthrough: unknown screen "${screen}"`);
  }
}

/** The whole 854x480 frame for one cue: a title card, or the phone with the chapter beside it. */
function frameHtml(cue, chapterIndex, chapterCount, chapterTitle, t) {
  const head = `<!doctype html><html lang="${t.lang}" dir="${t.dir}"><head><meta charset="utf-8"><style>${fontFaces()}${CSS}</style></head>`;
  if (cue.screen === 'title' || cue.screen === 'outro') {
    const inner = cue.screen === 'title'
      ? `<div class="logo">T</div><h1>${esc(t.title)}</h1><p>${esc(t.sub)}</p>`
      : `<div class="logo">T</div><h1>${t.outroTitle}</h1><ul><li>${t.outroArticle}</li><li>${t.outroMore}</li><li>${t.outroSupport.replace(/[\d۰-۹]+/, (m) => `<bdi>${m}</bdi>`)}</li></ul>`;
    return `${head}<body><div class="cardbig">${inner}</div></body></html>`;
  }
  const bar = Array.from({ length: chapterCount }, (_, i) => `<i class="${i <= chapterIndex ? 'on' : ''}"></i>`).join('');
  return `${head}<body><div class="side"><div class="brand">${t.brand}</div><div class="part">${t.chapterOf(chapterIndex + 1, chapterCount)}</div>
    <h2>${esc(chapterTitle)}</h2><div class="bar">${bar}</div></div>
    <div class="phone"><div class="scr">${phoneScreen(cue.screen, cue.state ?? {}, t)}</div></div></body></html>`;
}

/** Reads the PCM samples of a 16-bit mono WAV (espeak-ng writes a plain RIFF file). */
function readWavSamples(file) {
  const buf = readFileSync(file);
  if (buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE') throw new Error(`make-walkthrough: ${file} is not a WAV file`);
  let offset = 12;
  let rate = 0;
  while (offset + 8 <= buf.length) {
    const id = buf.toString('ascii', offset, offset + 4);
    let size = buf.readUInt32LE(offset + 4);
    if (id === 'fmt ') {
      const channels = buf.readUInt16LE(offset + 10);
      rate = buf.readUInt32LE(offset + 12);
      const bits = buf.readUInt16LE(offset + 22);
      if (channels !== 1 || bits !== 16 || rate !== SAMPLE_RATE) throw new Error(`make-walkthrough: expected 16-bit mono ${SAMPLE_RATE} Hz in ${file}`);
    } else if (id === 'data') {
      // espeak-ng writing to a file may leave the size as 0x7fffffff-ish when streaming; clamp to the file.
      size = Math.min(size, buf.length - offset - 8);
      return new Int16Array(buf.buffer.slice(buf.byteOffset + offset + 8, buf.byteOffset + offset + 8 + (size & ~1)));
    }
    offset += 8 + size + (size & 1);
  }
  throw new Error(`make-walkthrough: no audio data in ${file}`);
}

/** Trims leading and trailing near-silence so cue times hug the speech. */
function trimSilence(samples, threshold = 300) {
  let start = 0;
  let end = samples.length;
  while (start < end && Math.abs(samples[start]) < threshold) start++;
  while (end > start && Math.abs(samples[end - 1]) < threshold) end--;
  const pad = Math.round(SAMPLE_RATE * 0.03);
  return samples.subarray(Math.max(0, start - pad), Math.min(samples.length, end + pad));
}

function writeWav(file, samples) {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + samples.byteLength, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(SAMPLE_RATE, 24);
  header.writeUInt32LE(SAMPLE_RATE * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(samples.byteLength, 40);
  writeFileSync(file, Buffer.concat([header, Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength)]));
}

/** 12.345 -> "00:00:12.345" (WebVTT timestamp). */
function vttTime(seconds) {
  const ms = Math.round(seconds * 1000);
  const h = Math.floor(ms / 3600000);
  const m = Math.floor((ms % 3600000) / 60000);
  const s = Math.floor((ms % 60000) / 1000);
  const pad = (n, w = 2) => String(n).padStart(w, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(ms % 1000, 3)}`;
}

/** 75 -> "1:15" (frontmatter clock). */
const clock = (seconds) => `${Math.floor(seconds / 60)}:${String(Math.round(seconds) % 60).padStart(2, '0')}`;

/** Speaks every cue and places it on the timeline. Returns the cues with start/end and the joined samples. */
function buildTimeline(locale, work) {
  const { voice, speed } = VOICES[locale];
  const pieces = [];
  const cues = [];
  let t = LEAD_IN;
  SCRIPT.forEach((cue, i) => {
    const [caption, spoken] = Array.isArray(cue[locale]) ? cue[locale] : [cue[locale], cue[locale]];
    if (cue.chapter && i > 0) t = Math.ceil(t); // chapters start on a whole second
    const wav = join(work, `${locale}-${i}.wav`);
    execFileSync('espeak-ng', ['-v', voice, '-s', String(speed), '-w', wav, spoken]);
    const samples = trimSilence(readWavSamples(wav));
    const startSample = Math.round(t * SAMPLE_RATE);
    pieces.push({ at: startSample, samples });
    const start = startSample / SAMPLE_RATE;
    const end = (startSample + samples.length) / SAMPLE_RATE;
    cues.push({ ...cue, caption, start, end, chapterStart: cue.chapter ? (i === 0 ? 0 : start) : undefined });
    t = end + GAP;
  });
  const total = Math.ceil(cues.at(-1).end + TAIL);
  const audio = new Int16Array(total * SAMPLE_RATE);
  for (const p of pieces) audio.set(p.samples, p.at);
  return { cues, total, audio };
}

async function renderSlides(locale, cues, page, work) {
  const t = UI[locale];
  const chapters = cues.filter((c) => c.chapter);
  const files = [];
  const seen = new Map();
  let chapterIndex = -1;
  for (const cue of cues) {
    if (cue.chapter) chapterIndex++;
    const html = frameHtml(cue, chapterIndex, chapters.length, chapters[chapterIndex].chapter[locale], t);
    if (!seen.has(html)) {
      const name = join(work, `${locale}-slide-${seen.size}`);
      writeFileSync(`${name}.html`, html);
      await page.goto(pathToFileURL(`${name}.html`).href);
      await page.evaluate(() => document.fonts.ready);
      await page.screenshot({ path: `${name}.png` });
      seen.set(html, `${name}.png`);
    }
    files.push(seen.get(html));
  }
  return files;
}

function writeVtt(locale, cues) {
  const body = cues.map((c) => `${vttTime(c.start)} --> ${vttTime(c.end)}\n${c.caption}`).join('\n\n');
  const file = join(ROOT, 'content/videos', locale, `${SLUG}.vtt`);
  writeFileSync(file, `WEBVTT\n\n${body}\n`);
  return file;
}

/** Rewrites `duration:` and the `chapters:` block of the guide's frontmatter to match the timeline. */
function updateFrontmatter(locale, cues, total) {
  const file = join(ROOT, 'content/videos', locale, `${SLUG}.mdx`);
  if (!existsSync(file)) return `${file} not found: set duration "${clock(total)}" by hand`;
  const chapters = cues.filter((c) => c.chapter)
    .map((c) => `  - start: "${clock(c.chapterStart)}"\n    title: ${JSON.stringify(c.chapter[locale])}\n`).join('');
  const text = readFileSync(file, 'utf8')
    .replace(/^duration: .*$/m, `duration: "${clock(total)}"`)
    .replace(/^chapters:\n(?:[ -].*\n)+/m, `chapters:\n${chapters}`);
  writeFileSync(file, text);
  return file;
}

async function main() {
  const args = process.argv.slice(2);
  const timingOnly = args.includes('--timing');
  const picked = args.filter((a) => a !== '--timing');
  const locales = picked.length ? picked : ['fa', 'en'];
  for (const l of locales) if (!UI[l]) throw new Error(`make-walkthrough: unknown locale "${l}" (expected fa or en)`);
  const work = mkdtempSync(join(tmpdir(), 'walkthrough-'));
  if (timingOnly) {
    for (const locale of locales) {
      const { cues, total } = buildTimeline(locale, work);
      for (const c of cues) console.log(`${locale} ${vttTime(c.start)} ${(c.end - c.start).toFixed(2)}s ${c.caption}`);
      console.log(`${locale}: ${cues.length} cues, ${clock(total)} (${total} s)`);
    }
    rmSync(work, { recursive: true, force: true });
    return;
  }
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: WIDTH, height: HEIGHT }, deviceScaleFactor: 1 });
    for (const locale of locales) {
      const { cues, total, audio } = buildTimeline(locale, work);
      const slides = await renderSlides(locale, cues, page, work);
      const wav = join(work, `${locale}-narration.wav`);
      writeWav(wav, audio);
      // Each slide shows from its cue's start to the next cue's start (the first from 0, the last to the end).
      const lines = ['ffconcat version 1.0'];
      cues.forEach((c, i) => {
        const from = i === 0 ? 0 : c.start;
        const to = i + 1 < cues.length ? cues[i + 1].start : total;
        lines.push(`file '${slides[i]}'`, `duration ${(to - from).toFixed(4)}`);
      });
      lines.push(`file '${slides.at(-1)}'`);
      const list = join(work, `${locale}-slides.txt`);
      writeFileSync(list, `${lines.join('\n')}\n`);
      const out = join(ROOT, 'site/public/media/videos', `${SLUG}-${locale}.mp4`);
      execFileSync('ffmpeg', ['-y', '-hide_banner', '-loglevel', 'error',
        '-f', 'concat', '-safe', '0', '-i', list, '-i', wav,
        '-vf', `fps=${FPS},format=yuv420p`, '-c:v', 'libx264', '-profile:v', 'main', '-preset', 'slow', '-crf', '28',
        '-tune', 'stillimage', '-g', String(FPS * 8), // stills: a keyframe every 8 s keeps seeking quick and the file small
        '-c:a', 'aac', '-b:a', '48k', '-ac', '1', '-ar', String(SAMPLE_RATE),
        '-t', String(total), '-map_metadata', '-1', '-movflags', '+faststart', out]);
      const bytes = statSync(out).size;
      if (bytes > MAX_BYTES) throw new Error(`make-walkthrough: ${out} is ${bytes} bytes, over the 2 MB budget`);
      const vtt = writeVtt(locale, cues);
      const mdx = updateFrontmatter(locale, cues, total);
      console.log(`${locale}: ${out} (${(bytes / 1024).toFixed(0)} KB, ${clock(total)}), ${cues.length} cues -> ${vtt}; ${mdx}`);
    }
  } finally {
    await browser.close();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
