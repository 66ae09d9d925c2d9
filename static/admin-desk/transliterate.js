'use strict';
// The slug typed for a Cyrillic headline: Ukrainian's national transliteration (KMU 2010), as
// website/transliteration.py writes it on the server, instead of the admin's own letter map
// ("Київ" is "kyiv", not "kiyiv"). The tables are the same: a test compares them.
(() => {
  const LETTERS = {"а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu", "я": "ia", "ё": "io", "ъ": "", "ы": "y", "э": "e"};
  const WORD_START = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"};
  const APOSTROPHES = "'’ʼ`";
  const CYRILLIC = /[\u0400-\u04ff]/;
  const transliterate = (text) => {
    let out = '';
    let previous = '';
    for (const letter of text.toLowerCase()) {
      if (APOSTROPHES.includes(letter) && CYRILLIC.test(previous || ' ')) continue;
      if (letter === 'г' && previous === 'з') out += 'gh';
      else if (letter in WORD_START && !/\p{L}/u.test(previous)) out += WORD_START[letter];
      else if (letter in LETTERS) out += LETTERS[letter];
      else out += letter;
      previous = letter;
    }
    return out;
  };
  const original = window.URLify;
  if (!original) return;
  // prepopulate.js calls URLify when the headline changes: the letters are ours, the rest its.
  window.URLify = (text, length, allowUnicode) => original(transliterate(text), length, allowUnicode);
})();
