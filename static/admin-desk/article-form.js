'use strict';
// The workflow buttons: "Schedule…" asks for a time first; "Unpublish" asks to be sure.
document.addEventListener('DOMContentLoaded', () => {
  const form = document.getElementById('article_form');
  if (!form) {
    return;
  }
  form.addEventListener('submit', (event) => {
    const step = event.submitter ? event.submitter.value : '';
    if (step === 'schedule') {
      const date = form.querySelector('#id_published_at_0');
      if (date && !date.value) {
        event.preventDefault();
        date.closest('.form-row').classList.add('desk-attention');
        date.focus();
      }
    } else if (step === 'unpublish') {
      if (!window.confirm('Take this story off the site and back to draft?')) {
        event.preventDefault();
      }
    }
  });
});
