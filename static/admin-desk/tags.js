'use strict';
// Tags as you type: existing ones from the admin's autocomplete, or a new one typed in and kept.
{
  const $ = django.jQuery;

  // A tag typed and entered (or left in the box when the form is saved) is kept as typed, even
  // when the suggestions have not arrived yet: nothing a writer typed is dropped.
  function keepTyped(select, text) {
    const name = text.replace(/,+\s*$/, '').trim();
    if (!name) return false;
    const existing = [...select.options].find((option) => option.value === name);
    if (existing) {
      existing.selected = true;
    } else {
      select.append(new Option(name, name, true, true));
    }
    $(select).trigger('change');
    return true;
  }

  function tagAutocomplete(select) {
    const data = select.dataset;
    $(select).select2({
      // The admin's own look (autocomplete.css), light and dark, like the other pickers.
      theme: 'admin-autocomplete',
      tags: true,
      tokenSeparators: [','],
      width: '100%',
      // A tag typed anew comes after the existing ones it resembles, so Enter picks an existing one.
      insertTag: (options, tag) => options.push(tag),
      ajax: {
        url: data.ajaxUrl,
        dataType: 'json',
        delay: 250,
        data: (params) => ({
          term: params.term,
          page: params.page,
          app_label: data.appLabel,
          model_name: data.modelName,
          field_name: data.fieldName,
        }),
        // The form posts tag names, so a tag typed anew and one picked from the list look alike.
        processResults: (response) => ({
          results: response.results.map((tag) => ({id: tag.text, text: tag.text})),
          pagination: response.pagination,
        }),
      },
    });

    const container = $(select).data('select2').$container[0];
    const searchField = () => container.querySelector('.select2-search__field');
    const dropdown = () => $(select).data('select2').$dropdown[0];

    // select2 refocuses its box as its list closes: scrolling to it lost a click on "Save".
    [container.querySelector('.select2-selection'), searchField()].forEach((element) => {
      const focus = element.focus.bind(element);
      element.focus = (options) => focus({ ...options, preventScroll: true });
    });

    // What is typed but not yet a tag; select2 empties the box when it loses focus, so a click on
    // "Save" would otherwise drop it.
    let pending = '';
    container.addEventListener('input', (event) => {
      if (event.target === searchField()) pending = event.target.value;
    }, true);
    $(select).on('select2:select select2:unselect', () => { pending = ''; });

    // Captured before select2 sees the key: with no suggestion to pick yet, Enter keeps the text.
    container.addEventListener('keydown', (event) => {
      const field = searchField();
      if (event.key !== 'Enter' || event.target !== field || !field.value.trim()) return;
      if (dropdown().querySelector('.select2-results__option--highlighted')) return;
      event.preventDefault();
      event.stopPropagation();
      if (keepTyped(select, field.value)) {
        field.value = '';
        pending = '';
        $(select).select2('close');
      }
    }, true);

    if (select.form) {
      select.form.addEventListener('submit', () => {
        const field = searchField();
        if (keepTyped(select, (field && field.value) || pending) && field) field.value = '';
        pending = '';
      });
    }
  }

  $(() => document.querySelectorAll('select.desk-tags').forEach(tagAutocomplete));
}
