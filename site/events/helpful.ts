/**
 * The "Was this helpful?" box (components/HelpfulVote.astro): yes sends the vote at once; no asks for an optional
 * reason and sends when the reader sends or skips it, or leaves the page first. One vote per page and tab (kept in
 * sessionStorage), then a thank-you that takes the focus. Keyboard: plain buttons and a form, in reading order.
 */
import { eventSender } from './browser.ts';
import { voteEvent } from './mapping.ts';
import { asLocale } from './schema.ts';

export const VOTED_KEY = 'rahnama:voted';

function voted(): string[] {
  try {
    return JSON.parse(sessionStorage.getItem(VOTED_KEY) ?? '[]') as string[];
  } catch {
    return [];
  }
}

function remember(id: string): void {
  try {
    sessionStorage.setItem(VOTED_KEY, JSON.stringify([...voted(), id].slice(-100)));
  } catch {
    /* the vote is sent all the same */
  }
}

function enhance(box: HTMLElement): void {
  const id = box.dataset.helpful!;
  const choices = box.querySelector<HTMLElement>('.helpful__choices')!;
  const form = box.querySelector<HTMLFormElement>('.helpful__reason')!;
  const reason = form.querySelector<HTMLTextAreaElement>('textarea')!;
  const thanks = box.querySelector<HTMLElement>('.helpful__thanks')!;
  const thanksText = box.querySelector<HTMLTemplateElement>('template[data-thanks]')!.content.textContent ?? '';
  const sender = eventSender('', asLocale(box.dataset.locale));
  let pendingNo = false;

  const done = (focus: boolean) => {
    choices.hidden = true;
    form.hidden = true;
    thanks.textContent = thanksText;
    if (focus) thanks.focus();
  };
  const vote = (helpful: boolean, text?: string) => {
    pendingNo = false;
    sender.send(voteEvent(id, helpful, text, Date.now()));
    remember(id);
    done(true);
  };

  box.hidden = false;
  if (voted().includes(id)) return done(false);
  // Said no and left without sending the reason form: the no still counts (a tab switch is not leaving).
  sender.beforeHide((leaving) => leaving && pendingNo && vote(false, reason.value));
  box.querySelector('[data-vote="yes"]')!.addEventListener('click', () => vote(true));
  box.querySelector('[data-vote="no"]')!.addEventListener('click', () => {
    pendingNo = true;
    choices.hidden = true;
    form.hidden = false;
    reason.focus();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    vote(false, reason.value);
  });
  form.querySelector('[data-skip]')!.addEventListener('click', () => vote(false));
}

for (const box of document.querySelectorAll<HTMLElement>('[data-helpful]')) enhance(box);
