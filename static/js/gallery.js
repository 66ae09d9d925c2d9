// The full-screen view of a story's photo galleries (templates/media/_gallery.html). Without this
// script each picture is a link to its largest rendition. One <dialog> per page: arrows step
// through the gallery, Escape (the dialog's own cancel) closes it, and focus returns to the
// picture it was opened from.
"use strict";

(() => {
  let dialog, gallery, links, index, opener, words;
  const escape = (text) => {
    const element = document.createElement("span");
    element.textContent = text;
    return element.innerHTML;
  };

  const build = () => {
    // The viewer's words, in the page's language, from the JSON every page ends with (site.js).
    words = window.newsroomWords();
    dialog = document.createElement("dialog");
    dialog.className = "gallery-viewer";
    dialog.setAttribute("aria-roledescription", words.gallery);
    dialog.innerHTML =
      '<div class="gallery-viewer__bar">' +
      '<p class="gallery-viewer__count" aria-live="polite"></p>' +
      '<button type="button" class="gallery-viewer__close" data-viewer="close">' + escape(words.galleryClose) + "</button>" +
      "</div>" +
      '<figure class="gallery-viewer__figure"><div class="gallery-viewer__frame"></div>' +
      '<figcaption class="gallery-viewer__caption"></figcaption></figure>' +
      '<div class="gallery-viewer__steps">' +
      '<button type="button" data-viewer="previous"><span aria-hidden="true">←</span> ' + escape(words.galleryPrevious) + "</button>" +
      '<button type="button" data-viewer="next">' + escape(words.galleryNext) + ' <span aria-hidden="true">→</span></button>' +
      "</div>";
    dialog.addEventListener("click", (event) => {
      const action = event.target.closest("[data-viewer]")?.dataset.viewer;
      if (action === "close") dialog.close();
      else if (action === "previous") show(index - 1);
      else if (action === "next") show(index + 1);
    });
    dialog.addEventListener("keydown", (event) => {
      if (event.key === "ArrowLeft") show(index - 1);
      else if (event.key === "ArrowRight") show(index + 1);
      else return;
      event.preventDefault();
    });
    // A swipe across the picture steps too, as on the strip it was opened from.
    let swipeFrom = null;
    dialog.addEventListener("pointerdown", (event) => {
      swipeFrom = event.pointerType === "mouse" ? null : event.clientX;
    });
    dialog.addEventListener("pointerup", (event) => {
      if (swipeFrom === null) return;
      const distance = event.clientX - swipeFrom;
      swipeFrom = null;
      if (Math.abs(distance) > 50) show(index + (distance < 0 ? 1 : -1));
    });
    dialog.addEventListener("close", () => {
      dialog.querySelector(".gallery-viewer__frame").replaceChildren();
      opener?.focus();
    });
    document.body.append(dialog);
  };

  const show = (wanted) => {
    index = (wanted + links.length) % links.length;
    const link = links[index];
    const picture = link.querySelector("picture").cloneNode(true);
    // The full-screen view is as wide as the screen: the browser picks from the same srcset.
    picture.querySelectorAll("source, img").forEach((element) => element.setAttribute("sizes", "100vw"));
    const image = picture.querySelector("img");
    image.removeAttribute("class");
    image.loading = "eager";
    image.width = Number(link.dataset.fullWidth) || image.width;
    image.height = Number(link.dataset.fullHeight) || image.height;
    dialog.querySelector(".gallery-viewer__frame").replaceChildren(picture);
    const caption = link.closest("figure").querySelector("figcaption");
    dialog.querySelector(".gallery-viewer__caption").textContent = caption ? caption.textContent : "";
    const count = words.galleryCount.replace("{index}", index + 1).replace("{count}", links.length);
    dialog.querySelector(".gallery-viewer__count").textContent = count;
    dialog.setAttribute("aria-label", `${gallery.getAttribute("aria-label")}: ${count}`);
    dialog.querySelectorAll('[data-viewer="previous"], [data-viewer="next"]').forEach((button) => {
      button.hidden = links.length < 2;
    });
  };

  document.addEventListener("click", (event) => {
    const link = event.target.closest(".gallery__open");
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    if (!dialog) build();
    gallery = link.closest("[data-gallery-view]");
    links = [...gallery.querySelectorAll(".gallery__open")];
    opener = link;
    show(links.indexOf(link));
    dialog.showModal();
    dialog.querySelector('[data-viewer="close"]').focus();
  });
})();
