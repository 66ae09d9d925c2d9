'use strict';
// Embeds load nothing from their provider until the reader presses "Load from …"
// (embeds/rendering.py): the frame or quote waits in an inert <template> until then.
document.addEventListener('DOMContentLoaded', () => {
  document.querySelectorAll('[data-embed]').forEach((figure) => {
    const button = figure.querySelector('[data-embed-load]');
    const content = figure.querySelector('template[data-embed-content]');
    const stage = figure.querySelector('[data-embed-stage]');
    if (!button || !content || !stage) return;
    button.hidden = false;
    button.addEventListener('click', () => {
      stage.replaceChildren(content.content.cloneNode(true));
      figure.classList.add('embed--loaded');
      if (figure.dataset.embedScript) {
        // Scripts inside cloned markup never run; the provider's own script is added by hand.
        const script = document.createElement('script');
        script.src = figure.dataset.embedScript;
        script.async = true;
        stage.append(script);
      }
      // The button is gone: keyboard and screen-reader users go on from what replaced it.
      const frame = stage.querySelector('iframe');
      if (frame) {
        frame.focus();
      } else {
        stage.tabIndex = -1;
        stage.focus();
      }
    });
  });
});
