'use strict';
// Tags as you type: existing ones from the admin's autocomplete, or a new one typed in and kept.
{
  const $ = django.jQuery;

  function tagAutocomplete(select) {
    const data = select.dataset;
    $(select).select2({
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
  }

  $(() => document.querySelectorAll('select.desk-tags').forEach(tagAutocomplete));
}
