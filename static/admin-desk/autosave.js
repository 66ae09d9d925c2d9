'use strict';
// Autosave of the article form: the typed fields go to the desk's autosave endpoint a few
// seconds after typing stops, and once more when the tab is hidden or closed. The server
// refuses a save from an outdated version (409); the page then stops autosaving and keeps the
// text, so that "Save" shows what differs and nothing anyone saved is overwritten.
document.addEventListener('DOMContentLoaded', () => {
  const form = document.getElementById('article_form');
  const status = document.getElementById('desk-autosave');
  const url = status ? status.dataset.autosaveUrl : '';
  if (!form || !url) {
    return;
  }
  const PAUSE_MS = 3000;
  const SIGNED_OUT = 'Not saved: your desk session has ended. Your text is still here: copy it, sign in again, and paste it back.';
  const FIELDS = ['headline', 'dek', 'body', 'lead_image_caption', 'lead_image_credit'];
  const version = form.querySelector('[name="opened_version"]');
  const csrf = form.querySelector('[name="csrfmiddlewaretoken"]');
  let timer = null;
  let inFlight = false;
  let stopped = false;
  let lastSent = null;
  let leaving = null;

  const typed = () => {
    const data = new FormData(form);
    const fields = new URLSearchParams();
    FIELDS.forEach((name) => {
      if (data.has(name)) {
        fields.set(name, data.get(name));
      }
    });
    return fields.toString();
  };
  lastSent = typed();

  const show = (text, state) => {
    status.textContent = text;
    status.dataset.state = state;
  };

  const payload = (fields) => {
    const body = new URLSearchParams(fields);
    body.set('opened_version', version.value);
    body.set('csrfmiddlewaretoken', csrf.value);
    return body;
  };

  const save = async () => {
    timer = null;
    const fields = typed();
    if (stopped || inFlight || fields === lastSent) {
      return;
    }
    inFlight = true;
    if (leaving) {
      // A tab hidden a moment ago sent its words; this save starts from the version they made.
      await leaving;
    }
    show('Saving…', 'saving');
    try {
      const response = await fetch(url, {
        method: 'POST',
        body: payload(fields),
        credentials: 'same-origin',
        headers: { 'X-CSRFToken': csrf.value },
        // A session that ended answers with a redirect to the login page, not a save.
        redirect: 'manual',
      });
      if (response.type === 'opaqueredirect') {
        show(SIGNED_OUT, 'refused');
        form.dispatchEvent(new CustomEvent('desk:autosave-refused'));
        return;
      }
      const answer = await response.json().catch(() => ({}));
      if (response.ok) {
        lastSent = fields;
        version.value = String(answer.version);
        show(`Saved ${answer.saved_at}`, 'saved');
        form.dispatchEvent(new CustomEvent('desk:autosaved', { detail: { fields } }));
      } else {
        stopped = response.status === 409 || response.status === 403;
        show(answer.error || `Not saved (error ${response.status}): your text is still here.`, 'refused');
        form.dispatchEvent(new CustomEvent('desk:autosave-refused'));
      }
    } catch (error) {
      show('Not saved: the desk could not be reached. Your text is still here; it is tried again as you type.', 'refused');
    } finally {
      inFlight = false;
      if (!stopped && typed() !== lastSent) {
        schedule();
      }
    }
  };

  const schedule = () => {
    if (stopped) {
      return;
    }
    if (timer !== null) {
      window.clearTimeout(timer);
    }
    timer = window.setTimeout(save, PAUSE_MS);
  };

  // The body editor writes into its textarea and sends it an "input" event as it changes, so
  // listening on the form catches every typed field.
  form.addEventListener('input', schedule);
  form.addEventListener('change', schedule);

  // A regular Save sends the whole form: no autosave must race it.
  form.addEventListener('submit', (event) => {
    if (!event.defaultPrevented) {
      stopped = true;
      if (timer !== null) {
        window.clearTimeout(timer);
      }
    }
  });

  // Leaving: what was typed since the last autosave goes out with the page, without waiting.
  // keepalive lets the request outlive a closed tab; a tab only hidden reads the answer.
  const flush = () => {
    const fields = typed();
    if (stopped || inFlight || fields === lastSent) {
      return;
    }
    if (timer !== null) {
      window.clearTimeout(timer);
      timer = null;
    }
    lastSent = fields;
    leaving = fetch(url, { method: 'POST', body: payload(fields), credentials: 'same-origin', keepalive: true })
      .then(async (response) => {
        const answer = await response.json().catch(() => ({}));
        if (response.ok) {
          version.value = String(answer.version);
          show(`Saved ${answer.saved_at}`, 'saved');
          form.dispatchEvent(new CustomEvent('desk:autosaved', { detail: { fields } }));
        } else {
          stopped = response.status === 409 || response.status === 403;
          lastSent = null;
          show(answer.error || `Not saved (error ${response.status}): your text is still here.`, 'refused');
          form.dispatchEvent(new CustomEvent('desk:autosave-refused'));
        }
      })
      .catch(() => {
        lastSent = null;
      })
      .finally(() => {
        leaving = null;
      });
  };
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') {
      flush();
    }
  });
  window.addEventListener('pagehide', flush);
});
