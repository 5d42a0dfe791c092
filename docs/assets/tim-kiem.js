// The search page (tim-kiem.md): runs the reader's query against the Pagefind index that the build writes into
// site/pagefind/ (hooks/khcn/search.py) and shows the results. Nothing is fetched from another host, and nothing
// before the reader searches: a query loads Pagefind's code (~80 KiB gzipped) and the parts of the index its words
// need, then the text of the 10 results shown; "Xem thêm kết quả" loads 10 more.
//
// Vietnamese without diacritics: Pagefind folds diacritics but keeps `đ` apart, so the index writes `đ` as `d` +
// U+0335 (a stroke, which Pagefind folds away like any mark). The query is written the same way here, and the
// results turned back, so `do luong` finds `đo lường` and `đo lường` ranks the pages with `đ` first.

const ROOT = new URL("..", import.meta.url); // this file is assets/tim-kiem.js: the site's root is one folder up
const PER_PAGE = 10;
const STROKE = "\u0335";
const SECTIONS = {
  "tin-tuc": "Tin tức", "bao-cao": "Báo cáo", "thong-ke": "Thống kê", "van-ban": "Văn bản",
  "de-tai-du-an": "Đề tài, dự án", "so-huu-tri-tue": "Sở hữu trí tuệ", "lien-he": "Liên hệ",
};

/** The query as Pagefind's index is written: NFC (text typed or pasted decomposed finds the same), `đ` → `d̵`. */
export function foldQuery(text) {
  return text.normalize("NFC").replace(/đ/g, "d" + STROKE).replace(/Đ/g, "D" + STROKE).replace(/\s+/g, " ").trim();
}

/** Text from the index as readers write it: `d̵` → `đ`. */
export function unfold(text) {
  return text.replace(/d\u0335/g, "đ").replace(/D\u0335/g, "Đ");
}

const form = document.getElementById("tq-search-form");
const input = document.getElementById("tq-search-query");
const status = document.getElementById("tq-search-status");
const list = document.getElementById("tq-search-results");
const more = document.getElementById("tq-search-more");

const SITE = document.title.slice(document.title.indexOf(" - ") + 3); // "Tìm kiếm - <site name>"
let pagefind = null;
let results = [];
let shown = 0;
let latest = 0; // the newest search: an older one that finishes later is dropped

async function load() {
  if (!pagefind) {
    pagefind = import(new URL("pagefind/pagefind.js", ROOT).href).then(async (module) => {
      await module.options({ baseUrl: ROOT.pathname, excerptLength: 30 });
      return module;
    });
    pagefind.catch(() => { pagefind = null; });
  }
  return pagefind;
}

function say(text) {
  status.textContent = text;
}

function count(n) {
  return n.toLocaleString("vi-VN");
}

async function search(query) {
  const ticket = ++latest;
  results = [];
  shown = 0;
  list.replaceChildren();
  more.hidden = true;
  document.title = `${query ? `Tìm kiếm: ${query}` : "Tìm kiếm"} - ${SITE}`;
  if (!query) {
    say("Gõ từ cần tìm rồi nhấn Enter.");
    return;
  }
  say("Đang tìm…");
  let found;
  try {
    found = await (await load()).search(foldQuery(query));
  } catch (error) {
    if (ticket === latest) say("Không tải được công cụ tìm kiếm. Vui lòng tải lại trang hoặc thử lại sau.");
    console.error(error);
    return;
  }
  if (ticket !== latest) return;
  results = found.results;
  if (!results.length) {
    say(`Không tìm thấy kết quả nào cho “${query}”.`);
    return;
  }
  say(`Tìm thấy ${count(results.length)} kết quả cho “${query}”.`);
  await showMore(ticket, false);
}

async function showMore(ticket, focus) {
  const batch = results.slice(shown, shown + PER_PAGE);
  const pages = await Promise.all(batch.map((result) => result.data()));
  if (ticket !== latest) return;
  const items = pages.map(resultItem);
  list.append(...items);
  shown += batch.length;
  more.hidden = shown >= results.length;
  if (focus && items.length) items[0].querySelector("a").focus();
}

function resultItem(page) {
  const item = document.createElement("li");
  item.className = "tq-result";
  const heading = document.createElement("h2");
  heading.className = "tq-result__title";
  const link = document.createElement("a");
  link.href = page.url;
  link.textContent = unfold(page.meta.title || page.url);
  heading.append(link);
  const section = SECTIONS[page.url.slice(ROOT.pathname.length).split("/")[0]];
  item.append(heading);
  if (section) {
    const where = document.createElement("p");
    where.className = "tq-result__section";
    where.textContent = section;
    item.append(where);
  }
  const excerpt = document.createElement("p");
  excerpt.className = "tq-result__excerpt";
  excerpt.innerHTML = unfold(page.excerpt); // Pagefind escapes the text and adds only <mark>
  item.append(excerpt);
  return item;
}

function queryOfAddress() {
  return new URLSearchParams(location.search).get("q") || "";
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const query = input.value.trim();
  const address = new URL(location.href);
  if (query) address.searchParams.set("q", query);
  else address.searchParams.delete("q");
  if (address.href !== location.href) history.pushState(null, "", address);
  search(query);
});

more.addEventListener("click", () => showMore(latest, true));

window.addEventListener("popstate", () => {
  input.value = queryOfAddress();
  search(input.value.trim());
});

input.addEventListener("focus", () => { load().catch(() => {}); }, { once: true }); // ready when Enter comes

input.value = queryOfAddress();
search(input.value.trim());
