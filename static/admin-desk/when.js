'use strict';
// A desk date field's moment in words as it is typed, before anything is saved: "Monday,
// 1 February 2027, 09:00 Kyiv time, in 2 days". The inputs hold the newsroom's wall-clock time,
// whatever zone the computer is in, so the words are worked out in the newsroom's zone
// (desk/dates.py renders the element with its zone, its name and the language to write in).
(() => {
  const MINUTE = 60 * 1000;
  const HOUR = 60 * MINUTE;
  const DAY = 24 * HOUR;

  // How far the clock of ``timeZone`` is ahead of UTC at the instant ``millis``.
  const offsetAt = (millis, timeZone) => {
    const parts = {};
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    }).formatToParts(new Date(millis)).forEach(({ type, value }) => {
      parts[type] = Number(value);
    });
    const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
    return wall - (millis - (millis % 1000));
  };

  // The instant a wall-clock reading in ``timeZone`` names. The second pass settles the offset
  // on the days the clocks change.
  const instantOf = (wall, timeZone) => {
    const first = wall - offsetAt(wall, timeZone);
    return wall - offsetAt(first, timeZone);
  };

  const relative = (millis, locale) => {
    const difference = millis - Date.now();
    const size = Math.abs(difference);
    const format = new Intl.RelativeTimeFormat(locale, { numeric: 'always' });
    if (size >= 2 * DAY) {
      return format.format(Math.round(difference / DAY), 'day');
    }
    if (size >= 2 * HOUR) {
      return format.format(Math.round(difference / HOUR), 'hour');
    }
    return format.format(Math.round(difference / MINUTE), 'minute');
  };

  // "2027-02-01" and "09:00" (or "09:00:30"), as date, time and datetime-local inputs post them.
  const wallClock = (date, time) => {
    const [year, month, day] = date.split('-').map(Number);
    const [hour, minute, second] = (time || '0:0').split(':').map(Number);
    return Date.UTC(year, month - 1, day, hour, minute, second || 0);
  };

  const describe = (field) => {
    const inputs = field.querySelectorAll('input');
    let [date, time] = [inputs[0].value, inputs[1] ? inputs[1].value : ''];
    if (inputs[0].type === 'datetime-local') {
      [date, time] = date.split('T');
    }
    const output = field.querySelector('.desk-when__words');
    output.classList.remove('desk-when__words--past');
    if (!date) {
      output.textContent = '';
      return;
    }
    const { timeZone, zoneLabel, locale } = field.dataset;
    const instant = instantOf(wallClock(date, time), timeZone);
    const day = new Intl.DateTimeFormat(locale, {
      timeZone,
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    }).format(instant);
    if (!time) {
      output.textContent = `${day}: choose a time too`;
      return;
    }
    const clock = new Intl.DateTimeFormat(locale, {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(instant);
    output.textContent = `${day}, ${clock} ${zoneLabel}, ${relative(instant, locale)}`;
    output.classList.toggle('desk-when__words--past', field.dataset.ahead === 'yes' && instant <= Date.now());
  };

  const describeAll = () => {
    document.querySelectorAll('.desk-when').forEach(describe);
  };

  document.addEventListener('DOMContentLoaded', () => {
    describeAll();
    ['input', 'change'].forEach((type) => {
      document.addEventListener(type, (event) => {
        const field = event.target.closest && event.target.closest('.desk-when');
        if (field) {
          describe(field);
        }
      });
    });
    // "in 5 minutes" grows stale while the form stays open.
    window.setInterval(describeAll, 30 * 1000);
  });
})();
