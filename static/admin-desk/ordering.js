'use strict';
// Bylines and picks read in the order of their rows. "Move up" and "Move down" reorder the
// rows, and the position numbers behind them follow the order on screen when the form is
// saved, a row just added included. Without this script the numbers are typed by hand.
document.addEventListener('DOMContentLoaded', () => {
  const form = document.getElementById('article_form');
  const groups = ['bylines-group', 'picks-group']
    .map((id) => document.getElementById(id))
    .filter((group) => group && group.querySelector('td.field-position input'));
  if (!form || groups.length === 0) {
    return;
  }

  const rowsOf = (group) => [
    ...group.querySelectorAll('tbody > tr.form-row:not(.empty-form)'),
  ];
  // A blank extra row must stay untouched, or Django would validate it as a new entry. A row
  // counts once it names its author or story (a role has a default, so it tells nothing).
  const isFilled = (row) => {
    const choice = row.querySelector('td.field-author select, td.field-to_article select');
    return row.classList.contains('has_original') || Boolean(choice && choice.value);
  };

  const renumber = (group) => {
    rowsOf(group)
      .filter(isFilled)
      .forEach((row, index) => {
        row.querySelector('td.field-position input').value = String(index);
      });
  };

  const button = (direction, label) => {
    const element = document.createElement('button');
    element.type = 'button';
    element.className = 'desk-move';
    element.dataset.move = direction;
    element.setAttribute('aria-label', label);
    element.title = label;
    element.textContent = direction === 'up' ? '↑' : '↓';
    return element;
  };

  groups.forEach((group) => {
    group.classList.add('desk-ordered');
    // The empty template row gets the buttons too, so rows added later carry them.
    group.querySelectorAll('td.field-position').forEach((cell) => {
      cell.append(button('up', 'Move up'), button('down', 'Move down'));
    });
    group.addEventListener('click', (event) => {
      const control = event.target.closest('button.desk-move');
      if (!control) {
        return;
      }
      const row = control.closest('tr');
      const rows = rowsOf(group);
      const index = rows.indexOf(row);
      const target = rows[control.dataset.move === 'up' ? index - 1 : index + 1];
      if (!target) {
        return;
      }
      if (control.dataset.move === 'up') {
        target.before(row);
      } else {
        target.after(row);
      }
      renumber(group);
      control.focus();
    });
  });

  form.addEventListener('submit', () => groups.forEach(renumber));
});
