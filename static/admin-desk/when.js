'use strict';
// A date field's moment in words as it is typed ("Monday, 1 February 2027, 09:00 Kyiv time, in
// 2 days"), in the newsroom's zone whatever the computer's (desk/dates.py gives zone and language).
(() => {
  const HOUR = 3600e3;

  // How far the clock of ``timeZone`` is ahead of UTC at the instant ``ms``.
  const offsetAt = (ms, timeZone) => {
    const p = {};
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric',
      day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })
      .formatToParts(ms).forEach(({ type, value }) => { p[type] = +value; });
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - (ms - (ms % 1000));
  };

  const relative = (ms, locale) => {
    const ahead = ms - Date.now();
    const [size, unit] = Math.abs(ahead) >= 48 * HOUR ? [24 * HOUR, 'day']
      : Math.abs(ahead) >= 2 * HOUR ? [HOUR, 'hour'] : [60e3, 'minute'];
    return new Intl.RelativeTimeFormat(locale).format(Math.round(ahead / size), unit);
  };

  const words = (field) => {
    const [first, second] = field.querySelectorAll('input');
    const [date, time] = second ? [first.value, second.value] : first.value.split('T');
    if (!date) return ['', false];
    const { timeZone, zoneLabel, locale } = field.dataset;
    const [y, mo, d] = date.split('-').map(Number);
    const [h, mi, s] = (time || '0:0').split(':').map(Number);
    const wall = Date.UTC(y, mo - 1, d, h, mi, s || 0);
    // The second pass settles the offset on the days the clocks change.
    const ms = wall - offsetAt(wall - offsetAt(wall, timeZone), timeZone);
    const say = (options) => new Intl.DateTimeFormat(locale, { timeZone, ...options }).format(ms);
    const day = say({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
    if (!time) return [`${day}: choose a time too`, false];
    const clock = say({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    return [`${day}, ${clock} ${zoneLabel}, ${relative(ms, locale)}`, ms <= Date.now()];
  };

  const describe = (field) => {
    const output = field.querySelector('output');
    const [text, past] = words(field);
    output.textContent = text;
    output.classList.toggle('desk-when__words--past', past && field.dataset.ahead === 'yes');
  };

  const describeAll = () => document.querySelectorAll('.desk-when').forEach(describe);
  document.addEventListener('DOMContentLoaded', () => {
    describeAll();
    for (const type of ['input', 'change']) {
      document.addEventListener(type, ({ target }) => {
        const field = target.closest && target.closest('.desk-when');
        if (field) describe(field);
      });
    }
    setInterval(describeAll, 30e3); // "in 5 minutes" grows stale
  });
})();
