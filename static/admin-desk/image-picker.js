'use strict';
// The chosen image of a picker (media/widgets.py) as a thumbnail, following every change: a
// pick from the list, an upload through "+", an edit through the pencil, or clearing it.
{
  const $ = django.jQuery;

  const show = (select) => {
    const preview = select.parentElement.querySelector('.desk-image-preview');
    if (!preview) {
      return;
    }
    preview.replaceChildren();
    if (!select.value) {
      return;
    }
    const url = select.dataset.thumbnailUrl.replace('/0/thumbnail/', `/${encodeURIComponent(select.value)}/thumbnail/`);
    fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then((response) => (response.ok ? response.json() : null))
      .then((picture) => {
        if (!picture || select.value === '' || !url.includes(`/${encodeURIComponent(select.value)}/`)) {
          return;
        }
        const image = document.createElement('img');
        Object.assign(image, { src: picture.src, alt: picture.alt, width: picture.width, height: picture.height });
        preview.replaceChildren(image);
      });
  };

  $(() => {
    // select2 and the admin's popups announce a change through jQuery, not a DOM event.
    $(document).on('change', 'select[data-thumbnail-url]', (event) => show(event.target));
  });
}
