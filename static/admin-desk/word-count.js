'use strict';
// The body's length as it is written: words, and the minutes a reader needs for them (counted
// as the article page counts them, at the pace the textarea's data attribute gives).
document.addEventListener('DOMContentLoaded', () => {
  // Each paragraph, heading or list item ends a word, even where the markup has no space.
  const BLOCKS = 'p, li, h1, h2, h3, h4, h5, h6, blockquote, pre, td, th, br, hr';

  const countWords = (html) => {
    const body = new DOMParser().parseFromString(html, 'text/html').body;
    body.querySelectorAll(BLOCKS).forEach((element) => element.after(' '));
    return body.textContent.split(/\s+/).filter(Boolean).length;
  };

  document.querySelectorAll('textarea[data-words-per-minute]').forEach((textarea) => {
    const perMinute = Number(textarea.dataset.wordsPerMinute);
    const row = textarea.closest('.form-row') || textarea.parentElement;
    const count = document.createElement('div');
    count.className = 'help desk-word-count';
    const help = row.querySelector('.help');
    if (help) {
      help.before(count);
    } else {
      row.append(count);
    }
    const show = () => {
      const words = countWords(textarea.value);
      const minutes = Math.max(1, Math.ceil(words / perMinute));
      count.textContent = words === 1 ? '1 word' : `${words.toLocaleString('en-GB')} words`;
      if (words) {
        count.textContent += ` · ${minutes} min read`;
      }
    };
    show();
    // The body editor writes into its textarea and tells it with an "input" event.
    textarea.addEventListener('input', show);
  });
});
