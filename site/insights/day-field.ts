/**
 * The insights page's "from" and "to" fields. In en a browser's own date input. In fa a text field for a Solar Hijri
 * day ("۱۴۰۵/۰۹/۰۱", typed in Persian, Arabic or ASCII digits) with a calendar beside it, because a browser's date
 * picker only knows the Gregorian calendar. Both answer the same thing: a Gregorian day "YYYY-MM-DD", what the API
 * takes.
 *
 * The calendar is a modal dialog with a grid of days, as in the WAI-ARIA APG's date picker dialog: the arrow keys move
 * by day (right to left, as the grid is laid out), up and down by week, Page Up and Page Down by month (with Shift, by
 * year), Home and End to the ends of the week; Enter or a click chooses; Escape, "close" or a click outside closes it
 * and focus returns to the button that opened it. Days after `max` cannot be chosen.
 */
import { el } from './dom.ts';
import { addDays, formatSolarInput, fromSolar, parseSolarInput, persianDigits, shiftSolarMonth, SOLAR_MONTHS, SOLAR_WEEKDAYS, solarMonthLength, solarWeekday, toSolar, type SolarDay } from './solar.ts';
import type { InsightsStrings } from './strings.ts';

export interface DayField {
  readonly input: HTMLInputElement;
  /** The day in the field, "YYYY-MM-DD"; null when what is typed is not a day, '' when the field is empty. */
  value(): string | null;
  set(day: string): void;
  /** The last day that can be chosen. */
  setMax(day: string): void;
  /** Called when the day in the field changes, typed or chosen. */
  onChange(listener: () => void): void;
}

/** A browser's date input: Gregorian, which is what the English page shows. */
export function nativeDayField(input: HTMLInputElement): DayField {
  return {
    input,
    value: () => (input.value === '' ? (input.validity.badInput ? null : '') : input.value),
    set: (day) => {
      input.value = day;
    },
    setMax: (day) => {
      input.max = day;
    },
    onChange: (listener) => input.addEventListener('input', listener),
  };
}

/** A Solar Hijri day field: the text input and the button beside it that opens the calendar. */
export function solarDayField(input: HTMLInputElement, opener: HTMLButtonElement, strings: InsightsStrings): DayField {
  const listeners: Array<() => void> = [];
  const changed = () => listeners.forEach((listener) => listener());
  let max = '';
  const calendar = new SolarCalendar(input.id, strings, (day) => {
    input.value = formatSolarInput(day);
    changed();
  });
  opener.after(calendar.element);
  opener.setAttribute('aria-controls', calendar.element.id);
  opener.addEventListener('click', () => {
    if (calendar.isOpen) return calendar.close();
    const typed = parseSolarInput(input.value);
    calendar.open(typed ?? max, max, opener);
  });
  input.addEventListener('input', changed);
  // Digits typed in ASCII or Arabic become Persian ones once the field is left, and the day is written in full.
  input.addEventListener('change', () => {
    const day = parseSolarInput(input.value);
    if (day) input.value = formatSolarInput(day);
  });
  return {
    input,
    value: () => (input.value.trim() === '' ? '' : parseSolarInput(input.value)),
    set: (day) => {
      input.value = formatSolarInput(day);
    },
    setMax: (day) => {
      max = day;
    },
    onChange: (listener) => listeners.push(listener),
  };
}

let calendars = 0;

/** The calendar dialog of one field. */
class SolarCalendar {
  readonly element: HTMLElement;
  readonly #title: HTMLElement;
  readonly #body: HTMLTableSectionElement;
  readonly #choose: (day: string) => void;
  #selected = '';
  #focused = '';
  #max = '';
  #opener: HTMLElement | null = null;

  constructor(fieldId: string, strings: InsightsStrings, choose: (day: string) => void) {
    this.#choose = choose;
    const id = `${fieldId}-calendar-${++calendars}`;
    this.element = el('div', { id, class: 'day-calendar', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': `${id}-title`, 'aria-describedby': `${id}-help`, hidden: '' });
    const previous = el('button', { type: 'button', class: 'day-calendar__step', 'aria-label': strings.calendarPrevious, 'data-months': '-1' }, '›');
    const next = el('button', { type: 'button', class: 'day-calendar__step', 'aria-label': strings.calendarNext, 'data-months': '1' }, '‹');
    this.#title = el('h3', { id: `${id}-title`, class: 'day-calendar__title', 'aria-live': 'polite' });
    this.#body = el('tbody');
    const head = el('tr', {}, ...SOLAR_WEEKDAYS.map(({ short, long }) => el('th', { scope: 'col', abbr: long }, el('span', { 'aria-hidden': 'true' }, short), el('span', { class: 'visually-hidden' }, long))));
    const grid = el('table', { class: 'day-calendar__grid', role: 'grid', 'aria-labelledby': `${id}-title` }, el('thead', {}, head), this.#body);
    const today = el('button', { type: 'button', class: 'button button--quiet', 'data-today': '' }, strings.calendarToday);
    const close = el('button', { type: 'button', class: 'button button--quiet', 'data-close': '' }, strings.calendarClose);
    this.element.append(
      el('div', { class: 'day-calendar__head' }, previous, this.#title, next),
      grid,
      el('p', { id: `${id}-help`, class: 'day-calendar__help' }, strings.calendarHelp),
      el('div', { class: 'day-calendar__foot' }, today, close),
    );

    for (const step of [previous, next]) step.addEventListener('click', () => this.#moveMonth(Number(step.dataset.months), false));
    today.addEventListener('click', () => this.#pick(this.#max));
    close.addEventListener('click', () => this.close());
    this.#body.addEventListener('click', (event) => {
      const button = (event.target as Element).closest<HTMLButtonElement>('button[data-day]');
      if (button && button.getAttribute('aria-disabled') !== 'true') this.#pick(button.dataset.day!);
    });
    this.#body.addEventListener('keydown', (event) => this.#key(event));
    this.element.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        this.close();
      } else if (event.key === 'Tab') this.#trapTab(event);
    });
    document.addEventListener('pointerdown', (event) => {
      if (this.isOpen && !this.element.contains(event.target as Node) && !this.#opener?.contains(event.target as Node)) this.close(false);
    });
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  open(day: string, max: string, opener: HTMLElement): void {
    this.#max = max;
    this.#selected = day;
    this.#opener = opener;
    this.element.hidden = false;
    opener.setAttribute('aria-expanded', 'true');
    this.#show(day && (!max || day <= max) ? day : max, true);
  }

  /** Closes the calendar; focus goes back to the button that opened it unless the reader clicked elsewhere. */
  close(refocus = true): void {
    this.element.hidden = true;
    this.#opener?.setAttribute('aria-expanded', 'false');
    if (refocus) this.#opener?.focus();
  }

  #pick(day: string): void {
    if (this.#max && day > this.#max) return;
    this.#choose(day);
    this.close();
  }

  /** Draws the month of `day` and, when asked, moves the focus to that day. */
  #show(day: string, focus: boolean): void {
    this.#focused = day;
    const solar = toSolar(day);
    const first = fromSolar({ ...solar, day: 1 })!;
    const length = solarMonthLength(solar.year, solar.month);
    this.#title.textContent = `${SOLAR_MONTHS[solar.month - 1]} ${persianDigits(String(solar.year))}`;
    const cells: HTMLElement[] = [];
    for (let blank = solarWeekday(first); blank > 0; blank--) cells.push(el('td'));
    const today = this.#max;
    for (let n = 0; n < length; n++) {
      const date = addDays(first, n);
      const label = `${SOLAR_WEEKDAYS[solarWeekday(date)]!.long} ${persianDigits(String(n + 1))} ${SOLAR_MONTHS[solar.month - 1]} ${persianDigits(String(solar.year))}`;
      const button = el('button', { type: 'button', 'data-day': date, tabindex: date === day ? '0' : '-1', 'aria-label': label }, persianDigits(String(n + 1)));
      if (date === today) button.setAttribute('aria-current', 'date');
      if (today && date > today) button.setAttribute('aria-disabled', 'true');
      const cell = el('td', date === this.#selected ? { 'aria-selected': 'true' } : {}, button);
      cells.push(cell);
    }
    while (cells.length % 7 !== 0) cells.push(el('td'));
    const rows: HTMLElement[] = [];
    for (let start = 0; start < cells.length; start += 7) rows.push(el('tr', {}, ...cells.slice(start, start + 7)));
    this.#body.replaceChildren(...rows);
    if (focus) this.#body.querySelector<HTMLButtonElement>(`button[data-day="${day}"]`)?.focus();
  }

  /** The same day of another month (the month's last day when it is shorter). */
  #moveMonth(months: number, focus: boolean): void {
    const solar = toSolar(this.#focused);
    const target: SolarDay = shiftSolarMonth(solar, months);
    target.day = Math.min(solar.day, solarMonthLength(target.year, target.month));
    this.#show(fromSolar(target)!, focus);
  }

  #key(event: KeyboardEvent): void {
    const rtl = getComputedStyle(this.element).direction === 'rtl';
    const day = this.#focused;
    const moves: Record<string, () => void> = {
      ArrowLeft: () => this.#show(addDays(day, rtl ? 1 : -1), true),
      ArrowRight: () => this.#show(addDays(day, rtl ? -1 : 1), true),
      ArrowUp: () => this.#show(addDays(day, -7), true),
      ArrowDown: () => this.#show(addDays(day, 7), true),
      Home: () => this.#show(addDays(day, -solarWeekday(day)), true),
      End: () => this.#show(addDays(day, 6 - solarWeekday(day)), true),
      PageUp: () => this.#moveMonth(event.shiftKey ? -12 : -1, true),
      PageDown: () => this.#moveMonth(event.shiftKey ? 12 : 1, true),
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    move();
  }

  /** Keeps Tab inside the dialog: the month buttons, the focused day, "today" and "close". */
  #trapTab(event: KeyboardEvent): void {
    const stops = [...this.element.querySelectorAll<HTMLElement>('button')].filter((button) => button.tabIndex >= 0);
    const at = stops.indexOf(document.activeElement as HTMLElement);
    const next = event.shiftKey ? (at <= 0 ? stops.length - 1 : at - 1) : at === stops.length - 1 ? 0 : at + 1;
    event.preventDefault();
    stops[next]?.focus();
  }
}
