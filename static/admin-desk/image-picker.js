'use strict';
// A picker's chosen image as a thumbnail, after a pick, an upload through "+" or clearing it
// (select2 and the admin's popups say so through jQuery).
django.jQuery(($) => {
  $(document).on('change', 'select[data-thumbnail-url]', ({ target: select }) => {
    const preview = select.parentElement.querySelector('.desk-image-preview');
    const chosen = select.value;
    preview.replaceChildren();
    if (!chosen) return;
    fetch(select.dataset.thumbnailUrl.replace('/0/', `/${encodeURIComponent(chosen)}/`))
      .then((response) => (response.ok ? response.json() : null))
      .then((picture) => {
        if (picture && select.value === chosen) {
          const { src, alt, width, height } = picture;
          preview.replaceChildren(Object.assign(new Image(), { src, alt, width, height }));
        }
      });
  });
});
