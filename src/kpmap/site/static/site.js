// The page around the map: filters, figures, legend, city details, the table of visible cities,
// downloads, the programmes and the credits. The view (language, ticked programmes, region, city, drawing
// mode) is read from the address on load and written back to it on every change.
"use strict";

(function () {
  const k = window.kpmap;
  const { config, data, el, cityName, link, number, byProgramme } = k;
  const parsed = k.parseAddress(window.location.search);
  const embed = parsed.embed;
  let view = parsed.view;
  let notices = parsed.ignored;
  let renderedLang = config.defaultLang; // index.html holds the default language's texts
  let listedLang = null;
  const $ = (id) => document.getElementById(id);
  const t = (key, values) => k.t(view.lang, key, values);
  const tn = (key, count) => k.tn(view.lang, key, count);

  function swatch(colour, shape) {
    const node = el("span", { class: "kpmap-swatch kpmap-swatch-" + shape, "aria-hidden": "true" });
    node.style.backgroundColor = colour; // CSSOM, which the page's CSP allows (style attributes it would not)
    return node;
  }

  // --- controls, made once; their labels follow the language in render() ------------------------------

  // The language buttons are in the header, above the map: made with it, the rest after its first paint.
  function buildLanguageButtons() {
    for (const lang of config.langs) {
      const button = el("button", { type: "button", lang, "data-lang": lang }, k.texts.languages[lang]);
      button.addEventListener("click", () => change({ lang }));
      $("kpmap-lang-buttons").append(button);
    }
  }

  function buildControls() {
    controlsBuilt = true;
    for (const programme of data.programmes) {
      const box = el("input", { type: "checkbox", id: "kpmap-programme-" + programme.id, value: programme.id });
      box.addEventListener("change", () => toggleProgramme(programme.id, box.checked));
      const label = el("label", { for: box.id }, [swatch(programme.colour, "square"), el("span")]);
      $("kpmap-programme-boxes").append(el("div", { class: "kpmap-check" }, [box, label]));
    }
    $("kpmap-region").append(el("option", { value: "" }));
    for (const region of data.regions) $("kpmap-region").append(el("option", { value: region }, region));
    $("kpmap-region").addEventListener("change", (event) => changeRegion(event.target.value || null));
    for (const mode of config.showModes) {
      const radio = el("input", { type: "radio", name: "kpmap-show", id: "kpmap-show-" + mode, value: mode });
      radio.addEventListener("change", () => change({ show: mode }));
      $("kpmap-show-modes").append(el("div", { class: "kpmap-check" }, [radio, el("label", { for: radio.id })]));
    }
    $("kpmap-search").addEventListener("submit", (event) => {
      event.preventDefault();
      findCity($("kpmap-search-input").value, true);
    });
    $("kpmap-search-input").addEventListener("change", (event) => findCity(event.target.value, false));
    $("kpmap-reset").addEventListener("click", reset);
    $("kpmap-download-csv").addEventListener("click", () => download("csv"));
    $("kpmap-download-geojson").addEventListener("click", () => download("geojson"));
  }

  // --- changes of the view ------------------------------------------------------------------------

  function change(changes) {
    view = { ...view, ...changes };
    notices = []; // what the address held that was ignored is shown until the reader changes the view
    render();
  }

  function toggleProgramme(id, ticked) {
    const programmes = new Set(view.programmes);
    ticked ? programmes.add(id) : programmes.delete(id);
    change({ programmes });
  }

  function changeRegion(region) {
    change({ region });
    region ? mapView.showRegion(region) : mapView.showAll();
  }

  // A city chosen without the map (search, table): select it, centre the map on it, move to its details.
  function chooseCity(id) {
    change({ city: id });
    renderPanels();
    mapView.showCity(id);
    $("city-details").focus();
  }

  function findCity(typed, report) {
    const wanted = typed.trim().toLocaleLowerCase();
    const city = data.cities.find((c) =>
      [c.name_fi, c.name_sv, cityName(view.lang, c)].some((name) => name.toLocaleLowerCase() === wanted),
    );
    if (city) {
      chooseCity(city.id);
      $("kpmap-search-input").value = "";
    } else if (report && wanted) {
      notices = [{ text: t("site_no_match", { name: typed.trim() }) }];
      renderNotices();
    }
  }

  function reset() {
    change({ programmes: new Set(data.programmes.map((p) => p.id)), region: null, city: null, show: config.defaultShow });
    mapView.showAll();
  }

  // --- drawing ------------------------------------------------------------------------------------

  // Labels and headings: the page holds them in the default language (kpmap.site.build), these put
  // them in the view's; the controls' labels once the controls are made.
  function renderTexts() {
    renderedLang = view.lang;
    document.documentElement.lang = view.lang;
    document.title = t("app_title");
    for (const node of document.querySelectorAll("[data-text]")) node.textContent = t(node.dataset.text);
    for (const node of document.querySelectorAll("[data-label]")) node.setAttribute("aria-label", t(node.dataset.label));
    $("kpmap-checked").textContent = data.checked[view.lang];
    if (controlsBuilt) renderControlTexts();
  }

  function renderControlTexts() {
    for (const programme of data.programmes) {
      document.querySelector(`label[for="kpmap-programme-${programme.id}"] span:last-child`).textContent =
        programme.short_name[view.lang];
    }
    $("kpmap-region").options[0].textContent = t("all_regions");
    for (const mode of config.showModes) {
      const key = "site_show_" + mode;
      document.querySelector(`label[for="kpmap-show-${mode}"]`).textContent = t(key);
    }
    $("kpmap-search-input").placeholder = t("find_city_placeholder");
  }

  // What changes with the language only, and is long: the programmes, the credits, the search's list.
  function renderLanguagePanels() {
    listedLang = view.lang;
    $("kpmap-city-names").replaceChildren(...data.cities.map((c) => el("option", { value: cityName(view.lang, c) })));
    $("kpmap-programme-panels").replaceChildren(...data.programmes.map(programmePanel));
    $("kpmap-sources").replaceChildren(...sources().map((line) => el("li", {}, line)));
    // The partnerships' history: the chart in the language (kpmap.timeline), and what changed, newest first.
    const chart = { class: "kpmap-timeline", src: data.timelines[view.lang], alt: t("timeline_heading"), loading: "lazy" };
    $("kpmap-timeline").replaceChildren(el("img", chart));
    $("kpmap-changes").replaceChildren(...data.changes[view.lang].map(changeLine));
  }

  // One line of what changed, as the app's Data page writes it (kpmap.ui.markup.change_list).
  function changeLine(change) {
    const programme = byProgramme.get(change.programme);
    const source = el("small", {}, [t("source") + ": ", link(change.url)]);
    const name = el("strong", {}, programme.short_name[view.lang]);
    return el("li", {}, [el("time", {}, change.when), " · ", swatch(programme.colour, "round"), " ", name, ": " + change.what, el("br"), source]);
  }

  function renderLanguageButtons() {
    for (const button of $("kpmap-lang-buttons").children) {
      button.setAttribute("aria-pressed", String(button.dataset.lang === view.lang));
    }
  }

  function renderControls() {
    renderLanguageButtons();
    for (const programme of data.programmes) $("kpmap-programme-" + programme.id).checked = view.programmes.has(programme.id);
    $("kpmap-region").value = view.region || "";
    $("kpmap-show-" + view.show).checked = true;
  }

  // The map and the controls change at once; the panels and the address follow after the map's next
  // paint, so that a filter change reaches the map without waiting for the table and the legend.
  function render() {
    const visible = k.visibleCities(view);
    mapView.update(view, visible);
    if (controlsBuilt) renderControls();
    if (!panelsDue) {
      panelsDue = true;
      // The frame after next: by then the frame that shows the updated map has been painted.
      window.requestAnimationFrame(() => window.requestAnimationFrame(() => panelsDue && renderPanels()));
    }
  }

  let panelsDue = false;
  let controlsBuilt = false;
  // The table and the long panels (programmes, credits, the search's list) are below the map: at
  // start-up they follow a task later, once the controls and the texts around the map have been painted.
  let belowDrawn = false;
  let belowDue = false;

  function renderPanels() {
    panelsDue = false;
    if (!controlsBuilt) {
      buildControls();
      renderControlTexts();
      renderControls();
    }
    // Writing the address costs the browser a same-document navigation: it waits for the map too.
    const address = k.addressOf(view, embed);
    window.history.replaceState(null, "", window.location.pathname + address + window.location.hash);
    const visible = k.visibleCities(view);
    if (renderedLang !== view.lang) renderTexts();
    renderNotices();
    $("kpmap-no-cities").hidden = visible.length > 0;
    renderFigures(visible);
    renderLegend(visible);
    $("kpmap-details").replaceChildren(...details(visible));
    // A selected city's details come first beside the map, where the click was (kpmap-side's CSS).
    $("kpmap-side").classList.toggle("kpmap-has-city", k.byCity.has(view.city));
    if (belowDrawn) renderBelow(visible);
    else if (!belowDue) {
      belowDue = true;
      setTimeout(() => {
        belowDrawn = true;
        renderBelow(k.visibleCities(view));
      }, 0);
    }
    $("kpmap-open-full").href = window.location.pathname + k.addressOf(view, false);
  }

  function renderBelow(visible) {
    if (listedLang !== view.lang) renderLanguagePanels();
    renderTable(visible);
  }

  function renderNotices() {
    const lines = notices.map((n) => n.text || t("ignored_param", { param: n.param, value: n.value }));
    $("kpmap-notices").replaceChildren(...lines.map((line) => el("p", { class: "kpmap-note" }, line)));
  }

  function renderFigures(visible) {
    const population = visible.reduce((sum, c) => sum + c.population, 0);
    const share = t("figure_share", { share: k.percent(view.lang, population, data.finland_population) });
    const figures = [
      ["figure_cities", number(view.lang, visible.length)],
      ["figure_population", [number(view.lang, population), el("small", {}, share)]],
      ["figure_programmes", view.programmes.size + " / " + data.programmes.length],
    ];
    $("kpmap-figures").replaceChildren(...figures.map(([key, value]) => el("div", {}, [el("dt", {}, t(key)), el("dd", {}, value)])));
    const summary = view.show === "areas" ? "site_map_summary_areas" : "map_summary";
    $("kpmap-summary").textContent = t(summary, { cities: tn("n_cities", visible.length) });
  }

  function renderLegend(visible) {
    const shape = view.show === "areas" ? "square" : "round";
    const items = data.programmes.map((programme) => {
      const members = visible.filter((c) => c.programmes.includes(programme.id));
      const people = members.reduce((sum, c) => sum + c.population, 0);
      const count = view.programmes.has(programme.id)
        ? tn("n_cities", members.length) + " · " + tn("n_inhabitants", people)
        : t("legend_hidden");
      return el("li", {}, [swatch(programme.colour, shape), programme.short_name[view.lang], el("br"), el("small", {}, count)]);
    });
    $("kpmap-legend-items").replaceChildren(...items);
    // How to read the map: the app's notes for the drawing mode (kpmap.presentation.LEGEND_NOTES).
    $("kpmap-legend-notes").textContent = config.legendNotes[view.show].map((key) => t(key)).join(" ");
  }

  function details(visible) {
    const heading = el("h3", { id: "city-details", tabindex: "-1" }, t("details"));
    const city = k.byCity.get(view.city);
    if (!city) return [heading, el("p", { class: "kpmap-lead" }, t("details_prompt"))];
    const rows = config.detailFields.map((key) => el("tr", {}, [el("th", { scope: "row" }, t(key)), el("td", {}, fact(city, key))]));
    const parts = [heading, el("h4", {}, cityName(view.lang, city)), el("table", { class: "kpmap-table kpmap-facts" }, el("tbody", {}, rows))];
    if (!visible.includes(city)) parts.push(el("p", { class: "kpmap-note", role: "note" }, t("hidden_by_filters")));
    parts.push(el("p", {}, el("strong", {}, t("member_of"))));
    for (const membership of city.memberships) parts.push(membershipLine(membership));
    const close = el("button", { type: "button" }, t("clear_city"));
    close.addEventListener("click", () => change({ city: null }));
    return [...parts, close];
  }

  // A city's fact in the details, by the key of its label (kpmap.presentation.city_facts).
  function fact(city, key) {
    const values = {
      name_fi: () => city.name_fi,
      name_sv: () => city.name_sv,
      region: () => city.region,
      municipality_number: () => city.id,
      population: () => t("population_value", { value: number(view.lang, city.population), date: city.population_date[view.lang] }),
      source: () => city.population_source,
    };
    return values[key]();
  }

  function membershipLine(membership) {
    const programme = byProgramme.get(membership.programme);
    const when = membership.date ? membership.date[view.lang] : t("undated");
    const programmeLink = el("a", { href: "#programme-" + programme.id }, programme.name[view.lang]);
    const source = el("small", {}, [t("membership_source") + ": ", link(membership.url), " (" + when + ")", el("br"), membership.note]);
    return el("p", { class: "kpmap-membership" }, [swatch(programme.colour, "round"), programmeLink, el("br"), source]);
  }

  function renderTable(visible) {
    $("kpmap-table-caption").textContent = t("table_heading") + " (" + visible.length + ")";
    const rows = visible.map((city) => {
      const button = el("button", { type: "button", class: "kpmap-link-button" }, cityName(view.lang, city));
      button.addEventListener("click", () => chooseCity(city.id));
      const names = city.programmes.map((id) => byProgramme.get(id).short_name[view.lang]).join(", ");
      return el("tr", { "aria-current": city.id === view.city ? "true" : null }, [
        el("th", { scope: "row" }, button),
        el("td", {}, city.region),
        el("td", { class: "kpmap-number" }, number(view.lang, city.population)),
        el("td", {}, names),
      ]);
    });
    $("kpmap-table-body").replaceChildren(...rows);
  }

  function programmePanel(programme) {
    const lang = view.lang;
    const title = el("h3", { id: "programme-" + programme.id, lang, class: "kpmap-programme-title" }, programme.name[lang]);
    title.style.borderLeftColor = programme.colour;
    const parts = [title];
    if (programme.translated_names.includes(lang)) parts.push(el("p", {}, el("small", {}, t("name_translated"))));
    parts.push(el("p", {}, programme.description[lang]));
    const partial = programme.partial;
    if (partial) {
      const note = t("partial_list", { confirmed: partial.confirmed, total: partial.total, holder: partial.holder });
      parts.push(el("p", { class: "kpmap-note", role: "note" }, [note + " ", link(partial.url)]));
    }
    parts.push(titledList(t(partial ? "elements" : "principles"), programme.principles[lang]));
    parts.push(titledList(t("themes"), programme.themes[lang].length ? programme.themes[lang] : [t("no_themes")]));
    if (programme.dates.length) {
      parts.push(titledList(t("timeline"), programme.dates.map((d) => d.date[lang] + ": " + d.text[lang])));
    }
    const sources = programme.sources.flatMap((url, i) => (i ? [", ", link(url)] : [link(url)]));
    const small = el("small", {}, [t("official_page") + ": ", link(programme.official_url), el("br"), t("sources") + ": ", ...sources]);
    parts.push(el("p", {}, small));
    return el("section", { class: "kpmap-programme" }, parts);
  }

  function titledList(heading, items) {
    return el("div", {}, [el("strong", {}, heading), el("ul", {}, items.map((item) => el("li", {}, item)))]);
  }

  function sources() {
    const lines = [
      t("source_membership"), t("site_source_regional"), t("source_geonames"),
      t("source_population", { date: data.population_dates[view.lang] }), t("source_texts"), t("site_source_areas"),
    ];
    if (config.tiles) lines.push(t("source_tiles", { attribution: config.tiles.text }));
    return lines;
  }

  // --- downloads: the visible cities, each city's line and feature written by kpmap.export --------

  // The data arrives with assets/downloads.js, loaded on the first click (it is as large as the page).
  let downloads = null;
  let wanted = null;

  k.receiveDownloads = (received) => {
    downloads = received;
    if (wanted) download(wanted);
  };

  function download(format) {
    if (!downloads) {
      wanted = format;
      if (!document.getElementById("kpmap-downloads")) {
        document.body.append(el("script", { id: "kpmap-downloads", src: "assets/downloads.js" }));
      }
      return;
    }
    wanted = null;
    const own = downloads[view.lang];
    const ids = k.visibleCities(view).map((c) => c.id);
    const content =
      format === "csv"
        ? own.csv_header + ids.map((id) => own.csv_rows[id]).join("")
        : JSON.stringify({ type: "FeatureCollection", features: ids.map((id) => own.features[id]) }, null, 1);
    const type = format === "csv" ? "text/csv" : "application/geo+json";
    const url = URL.createObjectURL(new Blob([content], { type }));
    const anchor = el("a", { href: url, download: "kpmap-visible-cities." + format });
    document.body.append(anchor);
    anchor.click();
    anchor.remove();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }

  // --- start --------------------------------------------------------------------------------------

  // The map first: made, filled and fitted before anything else, in a box whose size the stylesheet
  // alone sets (so that nothing drawn later moves its edges). What sits above it follows in the same
  // task; the controls and panels after its first paint (renderPanels), the table and the long panels
  // a task later.
  if (embed) {
    document.documentElement.classList.add("kpmap-embed");
    // In an embedded frame the legend's height sets the map's: the legend comes first.
    buildLanguageButtons();
    buildControls();
    renderTexts();
    renderLegend(k.visibleCities(view));
  }
  // A click on a city selects it and brings it closer, as in the app (kpmap.mapview.view_for).
  const select = (id) => {
    change({ city: id });
    mapView.showCity(id);
  };
  const mapView = k.createMap($("kpmap-map"), { view: () => view, select });
  k.map = mapView.map; // for tests and for a page that embeds the site and wants to move the map
  render();
  // One view, chosen before the shapes are placed (each view reset projects every shape again).
  if (view.city !== null) mapView.showCity(view.city);
  else if (view.region !== null) mapView.showRegion(view.region);
  else mapView.showAll();
  // What sits above the map, drawn in the same frame as it so that the map does not move once painted.
  if (!embed) buildLanguageButtons();
  renderLanguageButtons();
  if (renderedLang !== view.lang) renderTexts();
  renderNotices();
  renderFigures(k.visibleCities(view));
})();
