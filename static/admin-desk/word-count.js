'use strict';
// The body's length as it is written, at the article page's reading pace.
document.addEventListener('DOMContentLoaded', () => {
  document.querySelectorAll('textarea[data-words-per-minute]').forEach((textarea) => {
    const count = Object.assign(document.createElement('div'), { className: 'help desk-word-count' });
    textarea.closest('.form-row').querySelector('.help').before(count);
    const show = () => {
      const body = new DOMParser().parseFromString(textarea.value, 'text/html').body;
      // A paragraph, heading or list item ends a word, even with no space in the markup.
      body.querySelectorAll('p, li, h2, h3, h4, blockquote, pre, br').forEach((e) => e.after(' '));
      const words = body.textContent.split(/\s+/).filter(Boolean).length;
      const minutes = Math.max(1, Math.ceil(words / textarea.dataset.wordsPerMinute));
      count.textContent = `${words} word${words === 1 ? '' : 's'}${words ? ` · ${minutes} min read` : ''}`;
    };
    show();
    // The body editor writes into its textarea and tells it with an "input" event.
    textarea.addEventListener('input', show);
  });
});
