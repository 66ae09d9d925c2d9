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

// The words this script writes, in the page's language: every page ends with them as JSON
// (articles/templatetags/script_words.py). A wording that depends on a number comes for a few
// sample numbers; the one of the same plural form as the number is used.
let siteWords;
const words = () => {
  if (!siteWords) siteWords = JSON.parse(document.getElementById("site-words")?.textContent || "{}");
  return siteWords;
};
const plural = (forms, n) => {
  const rules = new Intl.PluralRules(document.documentElement.lang || "en");
  const category = rules.select(n);
  const sample = Object.keys(forms).find((key) => rules.select(Number(key)) === category);
  return (forms[sample ?? Object.keys(forms)[0]] || "").replace("{n}", n);
};
window.newsroomWords = words;

// "Show more" appends the next page in place; without this script it is a plain link. The pages
// it appended and how far the reader scrolled are kept in the history entry, so Back to the list
// (or a reload), when the browser has not kept the page as it was, appends them again and
// returns the reader to where they were.
const appendFeedPage = async (feed, link, href) => {
  const url = new URL(href, window.location.href);
  url.searchParams.set("fragment", "1");
  const response = await fetch(url, { headers: { Accept: "text/html" } });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const page = new DOMParser().parseFromString(await response.text(), "text/html");
  const items = [...page.querySelectorAll("[data-feed] > .feed__item")];
  items.forEach((item) => feed.append(document.adoptNode(item)));
  const next = page.querySelector("[data-show-more]");
  if (next) {
    link.setAttribute("href", next.getAttribute("href"));
  } else {
    link.closest(".show-more-wrap").remove();
  }
  return items;
};
const rememberFeed = (changes) => history.replaceState({ ...history.state, ...changes }, "");

document.addEventListener("click", async (event) => {
  const link = event.target.closest("[data-show-more]");
  if (!link || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
  const feed = document.querySelector("[data-feed]");
  if (!feed) return;
  event.preventDefault();
  if (link.getAttribute("aria-busy") === "true") return;
  link.setAttribute("aria-busy", "true");
  const href = link.getAttribute("href");
  try {
    const items = await appendFeedPage(feed, link, href);
    link.removeAttribute("aria-busy");
    history.scrollRestoration = "manual";
    rememberFeed({ feedPages: [...(history.state?.feedPages || []), href] });
    // Keyboard and screen-reader users continue from the first new story.
    const firstNewLink = items[0] && items[0].querySelector("h2 a");
    if (firstNewLink) firstNewLink.focus();
  } catch (error) {
    // Fall back to an ordinary page load rather than leave the reader stuck.
    window.location.href = link.href;
  }
});

// Where the reader is, as the story at the top of the window: stories further down the list are
// laid out only near the window (content-visibility), so a pixel offset alone would drift.
const FEED_ITEMS = "[data-feed] > .feed__item";
let scrollNoted;
const noteScroll = () => {
  if (!history.state?.feedPages) return;
  const items = [...document.querySelectorAll(FEED_ITEMS)];
  const index = items.findIndex((item) => item.getBoundingClientRect().bottom > 0);
  const offset = index < 0 ? 0 : items[index].getBoundingClientRect().top;
  rememberFeed({ feedScroll: window.scrollY, feedItem: index, feedItemOffset: offset });
};
window.addEventListener("scroll", () => {
  clearTimeout(scrollNoted);
  scrollNoted = setTimeout(noteScroll, 150);
}, { passive: true });
window.addEventListener("pagehide", noteScroll);

const restoreFeed = async () => {
  const { feedPages, feedScroll, feedItem, feedItemOffset } = history.state || {};
  const feed = document.querySelector("[data-feed]");
  if (!feedPages || !feed) return;
  for (const href of feedPages) {
    const link = document.querySelector("[data-show-more]");
    if (!link) break;
    try {
      await appendFeedPage(feed, link, href);
    } catch (error) {
      break;
    }
  }
  const item = feedItem >= 0 && document.querySelectorAll(FEED_ITEMS)[feedItem];
  if (item) {
    // Stories come into view laid out at their real height only after a frame or two.
    const settle = (frames) => {
      window.scrollBy(0, item.getBoundingClientRect().top - feedItemOffset);
      if (frames > 1) requestAnimationFrame(() => settle(frames - 1));
    };
    settle(4);
  } else if (feedScroll) {
    window.scrollTo(0, feedScroll);
  }
};

// Cached pages can be minutes old: "12 min ago" is worked out again here from the time's
// datetime (the same rules as the news_time filter), and again every minute. Without scripts the
// text is as of when the page was made.
const relativeTime = (datetime, now) => {
  const age = (now - Date.parse(datetime)) / 1000;
  if (Number.isNaN(age)) return null;
  if (age < 0 || age >= 86400) {
    // The datetime is written in the newsroom's time zone, so its date is the newsroom's date.
    const [year, month, day] = datetime.slice(0, 10).split("-").map(Number);
    const { date, months } = words();
    return date.replace("{month}", months[month - 1]).replace("{day}", day).replace("{year}", year);
  }
  if (age < 60) return words().justNow;
  if (age < 3600) return plural(words().minutesAgo, Math.floor(age / 60));
  return plural(words().hoursAgo, Math.floor(age / 3600));
};
const refreshRelativeTimes = () => {
  const now = Date.now();
  document.querySelectorAll("time[data-relative]").forEach((element) => {
    const text = relativeTime(element.getAttribute("datetime"), now);
    if (text && element.textContent !== text) element.textContent = text;
  });
};
document.addEventListener("DOMContentLoaded", () => {
  restoreFeed().then(refreshRelativeTimes);
  refreshRelativeTimes();
  setInterval(refreshRelativeTimes, 60 * 1000);
});

// A live story's page asks one shared URL for the newest updates, as often as the server says,
// and inserts what is new at the top. It sends the last ETag itself, so an unchanged answer is a
// bodiless 304 from the edge. Without scripts the page is complete as served; a reload refreshes.
const startLivePolling = (section) => {
  const list = section.querySelector("[data-live-list]");
  const keyEvents = section.querySelector("[data-live-key-events]");
  const announcer = section.querySelector("[data-live-announcer]");
  let seconds = Number(section.dataset.pollSeconds) || 15;
  let etag = null;
  let timer = null;
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(poll, seconds * 1000);
  };
  const apply = (data) => {
    seconds = Number(data.poll_seconds) || seconds;
    keyEvents.innerHTML = data.key_events;
    let added = 0;
    [...data.updates].reverse().forEach((update) => {
      const existing = list.querySelector(`[data-update-id="${update.id}"]`);
      if (existing && existing.dataset.version === String(update.version)) return;
      const item = document.createElement("li");
      item.innerHTML = update.html;
      if (existing) {
        existing.closest("li").replaceWith(item);
      } else {
        list.prepend(item);
        added += 1;
      }
    });
    if (added) announcer.textContent = plural(words().newUpdates, added);
    refreshRelativeTimes();
    return data.live;
  };
  const poll = async () => {
    if (document.hidden) return;
    try {
      const response = await fetch(section.dataset.pollUrl, {
        cache: "no-store",
        headers: { Accept: "application/json", ...(etag ? { "If-None-Match": etag } : {}) },
      });
      if (response.status === 200) {
        etag = response.headers.get("ETag");
        if (!apply(await response.json())) {
          section.removeAttribute("data-live-updates");
          announcer.textContent = words().liveEnded;
          return;
        }
      }
    } catch (error) {
      // Offline for a moment: try again at the next interval.
    }
    schedule();
  };
  document.addEventListener("visibilitychange", () => {
    if (!document.hidden) poll();
  });
  schedule();
};
document.addEventListener("DOMContentLoaded", () => {
  const section = document.querySelector("[data-live-updates]");
  if (section) startLivePolling(section);
});

// A newsletter sign-up is sent without leaving the page; the answer (check your inbox, a field
// to correct, too many tries) replaces the form's status line. Without this script the form
// posts and the answer is a page of its own.
document.addEventListener("submit", async (event) => {
  const form = event.target.closest("[data-newsletter-signup] form");
  if (!form) return;
  event.preventDefault();
  const box = form.closest("[data-newsletter-signup]");
  const status = box.querySelector(".signup__status");
  const button = form.querySelector("button[type=submit]");
  button.disabled = true;
  try {
    const response = await fetch(form.action, { method: "POST", body: new FormData(form), headers: { Accept: "text/html" } });
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    if (response.status === 400) {
      const corrected = page.querySelector("[data-newsletter-signup] form");
      if (corrected) {
        form.replaceWith(document.adoptNode(corrected));
        const invalid = box.querySelector("[aria-invalid=true], .signup__error");
        if (invalid) (box.querySelector("[aria-invalid=true]") || box.querySelector("input")).focus();
        return;
      }
    }
    const result = page.querySelector("[data-signup-result]");
    status.textContent = result ? result.textContent.trim().replace(/\s+/g, " ") : words().signupFailed;
    if (response.ok) form.hidden = true;
  } catch (error) {
    form.submit();
  } finally {
    button.disabled = false;
  }
});
