// On phones the section list folds behind the "Sections" button; without scripts it just wraps.
(() => {
  const nav = document.querySelector(".site-nav");
  const toggle = nav && nav.querySelector(".nav-toggle");
  if (!toggle) return;
  toggle.addEventListener("click", () => {
    const open = !nav.hasAttribute("data-open");
    nav.toggleAttribute("data-open", open);
    toggle.setAttribute("aria-expanded", String(open));
  });
})();
