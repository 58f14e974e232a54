// kpmap's static site: what the other scripts share. The page's data, texts and the address's words
// come from JSON blocks that `kpmap export-site` writes into index.html; nothing here repeats them.
// Every value from the data reaches the page as text (textContent, DOM nodes), never as HTML.
"use strict";

window.kpmap = (function () {
  function readBlock(id) {
    return JSON.parse(document.getElementById(id).textContent);
  }

  const config = readBlock("kpmap-config");
  const texts = readBlock("kpmap-texts");
  const data = readBlock("kpmap-data");
  const byProgramme = new Map(data.programmes.map((p) => [p.id, p]));
  const byCity = new Map(data.cities.map((c) => [c.id, c]));

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, (whole, name) => (name in (values || {}) ? String(values[name]) : whole));
  }

  // An interface text in the language, {placeholders} filled in (kpmap.i18n.t).
  function t(lang, key, values) {
    return fill(texts.strings[lang][key], values);
  }

  // Grouped thousands as kpmap.i18n.number writes them: the separator comes from the package.
  function number(lang, value) {
    return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, config.grouping[lang]);
  }

  // A share with one decimal, as kpmap.i18n.percent writes it: the signs come from the package.
  function percent(lang, part, whole) {
    const value = whole ? ((100 * part) / whole).toFixed(1) : "0.0";
    return value.replace(".", config.percent[lang].decimal) + config.percent[lang].suffix;
  }

  // A counted text (kpmap.i18n.tn): 'one' for exactly 1, 'other' for any other number, in fi, sv and en.
  function tn(lang, key, count) {
    const form = count === 1 ? "one" : "other";
    return fill(texts.counted[key][lang][form], { count: number(lang, count) });
  }

  // Swedish names in the Swedish interface, with the Finnish one beside it if it differs (mapview.city_name).
  function cityName(lang, city) {
    return lang === "sv" && city.name_sv !== city.name_fi ? city.name_sv + " (" + city.name_fi + ")" : city.name_fi;
  }

  // A value from the address as a notice may show it (kpmap.urlstate.plain).
  function plain(value) {
    const cleaned = value.slice(0, config.plain.max).replace(new RegExp(config.plain.pattern, "g"), "?");
    return cleaned + (value.length > config.plain.max ? "…" : "");
  }

  // An element with attributes and children; strings become text nodes, so data is never parsed as HTML.
  function el(tag, attributes, children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value !== null && value !== undefined && value !== false) {
        node.setAttribute(name, value === true ? "" : value);
      }
    }
    for (const child of [].concat(children === undefined ? [] : children)) {
      node.append(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  function link(url, label) {
    return el("a", { href: url, target: "_blank", rel: "noopener noreferrer" }, label || url);
  }

  function pick(params, name, allowed, ignored) {
    let chosen = null;
    for (const value of params.getAll(name)) {
      if (allowed.includes(value) && chosen === null) {
        chosen = value;
      } else {
        ignored.push({ param: name, value: plain(value) });
      }
    }
    return chosen;
  }

  // The address -> the view, as kpmap.urlstate.parse_query reads it: the same words, the same rules.
  function parseAddress(search) {
    const params = new URLSearchParams(search);
    const ignored = [];
    const lang = pick(params, "lang", config.langs, ignored) || config.defaultLang;
    const show = pick(params, "show", config.showModes, ignored) || config.defaultShow;
    const region = pick(params, "region", data.regions, ignored);
    const city = pick(params, "city", data.cities.map((c) => c.id), ignored);
    const values = params.getAll("programme");
    const known = values.filter((v) => byProgramme.has(v));
    for (const value of values) {
      if (!byProgramme.has(value) && value !== config.noProgrammes) {
        ignored.push({ param: "programme", value: plain(value) });
      }
    }
    let programmes = known.length ? known : data.programmes.map((p) => p.id);
    if (!known.length && values.includes(config.noProgrammes)) {
      programmes = [];
    }
    const embed = params.get("embed") === "1";
    return { view: { lang, programmes: new Set(programmes), region, city, show }, ignored, embed };
  }

  // The view -> the address (kpmap.urlstate.to_query): defaults left out, programmes in display order.
  function addressOf(view, embed) {
    const params = new URLSearchParams();
    if (view.lang !== config.defaultLang) params.append("lang", view.lang);
    const ticked = data.programmes.filter((p) => view.programmes.has(p.id)).map((p) => p.id);
    if (!ticked.length) params.append("programme", config.noProgrammes);
    if (ticked.length && ticked.length < data.programmes.length) ticked.forEach((id) => params.append("programme", id));
    if (view.region !== null) params.append("region", view.region);
    if (view.city !== null) params.append("city", view.city);
    if (view.show !== config.defaultShow) params.append("show", view.show);
    if (embed) params.append("embed", "1");
    const query = params.toString();
    return query ? "?" + query : "";
  }

  // The cities in any ticked programme and in the chosen region, largest first (kpmap.filters.visible_cities).
  function visibleCities(view) {
    return data.cities.filter(
      (c) => c.programmes.some((p) => view.programmes.has(p)) && (view.region === null || c.region === view.region),
    );
  }

  function shownProgrammes(city, view) {
    return city.programmes.filter((p) => view.programmes.has(p));
  }

  return {
    readBlock, config, texts, data, byProgramme, byCity, t, tn, number, percent, cityName, el, link,
    parseAddress, addressOf, visibleCities, shownProgrammes,
  };
})();
