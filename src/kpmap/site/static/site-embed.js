// ?embed=1 lays the page out as an embedded map from its first picture: run as soon as it arrives
// (async), usually before the page is first painted, where site.js runs only after the whole page.
"use strict";

if (new URLSearchParams(window.location.search).get("embed") === "1") {
  document.documentElement.classList.add("kpmap-embed");
}
