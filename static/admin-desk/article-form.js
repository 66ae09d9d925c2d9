'use strict';
document.addEventListener('DOMContentLoaded', () => {
  const form = document.getElementById('article_form');
  if (!form) {
    return;
  }

  // The workflow buttons: "Schedule…" asks for a time first; "Unpublish" asks to be sure.
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

  // Leaving the form with changes in it asks first. The server refuses a save that would
  // overwrite a colleague's, but a closed tab or a clicked link would lose the words outright.
  // A change is a difference from the form as loaded (body editor included), so typing and
  // undoing asks nothing; a form shown again with errors (a refused save among them) holds
  // words not yet kept, so leaving it always asks.
  let refused = document.querySelector('.errornote') !== null;
  const formState = () => new URLSearchParams(new FormData(form)).toString();
  let savedState = null;
  let submitting = false;
  window.addEventListener('load', () => {
    savedState = formState();
  });
  form.addEventListener('submit', (event) => {
    submitting = !event.defaultPrevented;
  });
  // What autosave (autosave.js) kept is no longer at risk; what it was refused is.
  form.addEventListener('desk:autosaved', (event) => {
    if (savedState === null) {
      return;
    }
    const saved = new URLSearchParams(savedState);
    new URLSearchParams(event.detail.fields).forEach((value, name) => saved.set(name, value));
    saved.set('opened_version', form.querySelector('[name="opened_version"]').value);
    savedState = saved.toString();
  });
  form.addEventListener('desk:autosave-refused', () => {
    refused = true;
  });
  window.addEventListener('beforeunload', (event) => {
    const changed = savedState !== null && formState() !== savedState;
    if (!submitting && (refused || changed)) {
      event.preventDefault();
      event.returnValue = '';
    }
  });
});
