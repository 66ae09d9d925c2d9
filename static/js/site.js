// Inlined at the top of <head>: it runs before the stylesheet and the body exist, so it never
// waits for either, and it listens on the document instead of looking elements up.

// Set before first paint so the phone menu starts folded, with no layout shift.
document.documentElement.classList.add("has-js");

// On phones the section list folds behind the "Sections" button; without scripts it just wraps.
document.addEventListener("click", (event) => {
  const toggle = event.target.closest(".nav-toggle");
  if (!toggle) return;
  const nav = toggle.closest(".site-nav");
  const open = !nav.hasAttribute("data-open");
  nav.toggleAttribute("data-open", open);
  toggle.setAttribute("aria-expanded", String(open));
});

// "Show more" appends the next page in place; without this script it is a plain link.
document.addEventListener("click", async (event) => {
  const link = event.target.closest("[data-show-more]");
  if (!link || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
  const feed = document.querySelector("[data-feed]");
  if (!feed) return;
  event.preventDefault();
  if (link.getAttribute("aria-busy") === "true") return;
  link.setAttribute("aria-busy", "true");
  const url = new URL(link.href);
  url.searchParams.set("fragment", "1");
  try {
    const response = await fetch(url, { headers: { Accept: "text/html" } });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    const items = [...page.querySelectorAll("[data-feed] > .feed__item")];
    items.forEach((item) => feed.append(document.adoptNode(item)));
    const next = page.querySelector("[data-show-more]");
    history.pushState(null, "", link.href);
    if (next) {
      link.href = next.getAttribute("href");
      link.removeAttribute("aria-busy");
    } else {
      link.closest(".show-more-wrap").remove();
    }
    // Keyboard and screen-reader users continue from the first new story.
    const firstNewLink = items[0] && items[0].querySelector("h2 a");
    if (firstNewLink) firstNewLink.focus();
  } catch (error) {
    // Fall back to an ordinary page load rather than leave the reader stuck.
    window.location.href = link.href;
  }
});
