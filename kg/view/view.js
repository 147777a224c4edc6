/* kg view: filters, edge folding, side panel.
 * Article text (labels, sentences, triggers, doc ids) only ever reaches the DOM through
 * textContent / Text nodes, and vis-network tooltips get DOM elements, never HTML strings. */
(function () {
  "use strict";

  const DATA = JSON.parse(document.getElementById("kg-data").textContent);
  const byId = (id) => document.getElementById(id);
  const PANEL_LIMIT = 200;
  const UI = {
    en: { events: (n) => n + (n === 1 ? " event" : " events"), isolated: "no events shown" },
    ar: { events: (n) => n + " " + (n === 1 ? "حدث" : "أحداث"), isolated: "لا أحداث" },
  };

  /* ---------- DOM helpers: text in, never markup ---------- */
  function h(tag, props, children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === undefined || value === null) continue;
      if (key === "text") node.textContent = value;
      else if (key === "class") node.className = value;
      else if (key === "style") for (const [p, v] of Object.entries(value)) node.style.setProperty(p, v);
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else if (["dir", "lang", "type", "for", "title", "id", "role"].includes(key)) node.setAttribute(key, value);
      else node[key] = value;
    }
    for (const child of children || []) if (child !== null && child !== undefined) node.append(child);
    return node;
  }
  const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/;
  function textSpan(text, cls) {
    const rtl = ARABIC.test(text || "");
    return h("span", { class: (cls || "") + (rtl ? " kg-ar" : ""), dir: rtl ? "rtl" : "auto", lang: rtl ? "ar" : null, text: text || "" });
  }
  /* Search key: lower case, no tashkeel or tatweel, hamza forms of alif, ya and ta marbuta folded
     (so "الجزائر" finds "الجزائر" and "ليبيا" finds "ليبيا"). */
  function fold(text) {
    return (text || "").normalize("NFKC").toLowerCase()
      .replace(/[\u064B-\u065F\u0670\u0640]/g, "")
      .replace(/[أإآٱ]/g, "ا").replace(/ى/g, "ي").replace(/ة/g, "ه").trim();
  }

  /* ---------- the data ---------- */
  const events = DATA.events;
  const nodeById = new Map(DATA.nodes.map((n) => [n.id, n]));
  const groupById = new Map(DATA.edges.map((g) => [g.id, g]));
  const pairs = new Set(DATA.edges.map((g) => g.from + "\u0000" + g.to));
  for (const n of DATA.nodes) n.key = fold(n.label_ar + " " + n.label_en + " " + (n.wikidata || ""));
  const quadColor = Object.fromEntries(DATA.quads.map((q) => [q.quad, q.color]));
  const colorOf = (quad) => quadColor[quad] || quadColor[""] || "#94a3b8";

  const state = {
    lang: DATA.lang === "ar" ? "ar" : "en",
    types: new Set(DATA.types.map((t) => t.type)),
    modalities: new Set(DATA.modalities),
    // a large graph opens without its isolated actors (a ring of dots hides the network)
    from: "", to: "", undated: true, minConf: 0, query: "", hideIsolated: !!DATA.large,
    // clutter control: a large graph first shows its busiest actors; 0 shows every actor
    topN: DATA.large ? 300 : 0,
    unfolded: new Set(), selected: null,
  };

  const nodeLabel = (n) => (state.lang === "ar" ? n.label_ar || n.label_en : n.label_en || n.label_ar) || n.iri;
  const predicate = (e) => (state.lang === "ar" ? e.predicate_ar || e.predicate_en : e.predicate_en || e.predicate_ar) || e.type.toLowerCase();

  /* ---------- filtering and folding ---------- */
  function matchedNodes() {
    const q = fold(state.query);
    if (!q) return null;
    const hit = new Set();
    for (const n of DATA.nodes) if (n.key.includes(q) || fold(n.iri) === q) hit.add(n.id);
    return hit;
  }

  function passes(e, matched) {
    if (!state.types.has(e.type) || !state.modalities.has(e.modality)) return false;
    if (state.minConf > 0 && (e.confidence === null || e.confidence < state.minConf)) return false;
    if (e.date) {
      if (state.from && e.date < state.from) return false;
      if (state.to && e.date > state.to) return false;
    } else if (!state.undated) return false;
    if (matched && !matched.has(e.source) && !matched.has(e.target)) return false;
    return true;
  }

  function majorityQuad(list) {
    const counts = new Map();
    for (const e of list) counts.set(e.quad, (counts.get(e.quad) || 0) + 1);
    let best = list[0].quad, top = 0;
    for (const [quad, n] of counts) if (n > top) { best = quad; top = n; }
    return best;
  }

  function edgeTip(group, list) {
    const counts = new Map();
    for (const e of list) counts.set(e.type, (counts.get(e.type) || 0) + 1);
    const from = nodeById.get(group.from), to = nodeById.get(group.to);
    const parts = [...counts].map(([t, n]) => (n > 1 ? t + " \u00d7" + n : t)).join(", ");
    return h("div", {}, [
      h("div", {}, [textSpan(nodeLabel(from)), " \u2192 ", textSpan(nodeLabel(to))]),
      h("div", { text: UI.en.events(list.length) + ": " + parts }),
      list.length > 1 && !state.unfolded.has(group.id) ? h("div", { class: "kg-more", text: "click to unfold" }) : null,
    ]);
  }

  function buildEdges(visible) {
    const out = [];
    for (const group of DATA.edges) {
      const list = visible.get(group.id);
      if (!list) continue;
      const reverse = pairs.has(group.to + "\u0000" + group.from);
      if (list.length > 1 && state.unfolded.has(group.id)) {
        list.forEach((e, k) => out.push({
          id: group.id + "." + e.i, from: group.from, to: group.to, label: predicate(e),
          color: { color: colorOf(e.quad), highlight: colorOf(e.quad), hover: colorOf(e.quad) },
          width: 2, dashes: e.modality === "negated" || e.modality === "hypothetical",
          smooth: { enabled: true, type: k % 2 ? "curvedCCW" : "curvedCW", roundness: 0.25 + 0.2 * Math.floor((k + (reverse ? 2 : 0)) / 2) },
          title: edgeTip(group, [e]),
        }));
        continue;
      }
      const labels = new Set(list.map(predicate));
      const label = labels.size === 1 ? [...labels][0] + (list.length > 1 ? " \u00d7" + list.length : "") : UI[state.lang].events(list.length);
      const color = colorOf(majorityQuad(list));
      const edge = {
        id: group.id, from: group.from, to: group.to, label: label,
        color: { color: color, highlight: color, hover: color },
        width: 1.5 + 1.6 * Math.log2(list.length),
        dashes: list.every((e) => e.modality === "negated" || e.modality === "hypothetical"),
        title: edgeTip(group, list),
      };
      if (reverse) edge.smooth = { enabled: true, type: "curvedCW", roundness: 0.18 };
      out.push(edge);
    }
    return out;
  }

  /* ---------- the network ---------- */
  const nodes = new vis.DataSet(DATA.nodes.map((n) => ({
    id: n.id, label: nodeLabel(n), shape: n.shape, color: n.color, size: n.size,
    x: n.x, y: n.y, title: nodeTip(n), hidden: false,
  })));
  const edges = new vis.DataSet([]);
  const container = byId("kg-graph");
  const network = new vis.Network(container, { nodes: nodes, edges: edges }, DATA.options);
  let countPending = true;

  function nodeTip(n) {
    return h("div", {}, [
      n.label_ar ? h("span", { class: "kg-tip-ar kg-ar", dir: "rtl", lang: "ar", text: n.label_ar }) : null,
      n.label_en ? h("strong", { text: n.label_en }) : null,
      h("div", { class: "kg-meta", text: (n.kind || "Entity") + " \u00b7 " + UI.en.events(n.events) }),
    ]);
  }

  function visibleEvents() {
    const matched = matchedNodes();
    const byGroup = new Map();
    let shown = 0;
    for (const e of events) {
      if (!passes(e, matched)) continue;
      shown += 1;
      if (!byGroup.has(e.group)) byGroup.set(e.group, []);
      byGroup.get(e.group).push(e);
    }
    return { matched: matched, byGroup: byGroup, shown: shown };
  }

  let current = null;
  const visibleIds = () => nodes.getIds({ filter: (n) => !n.hidden });
  /* The busiest actors (by visible events), plus the selected actor and its neighbours. */
  function topActors(byGroup) {
    if (!state.topN || current.matched) return null;
    const weight = new Map();
    for (const [gid, list] of byGroup) {
      const g = groupById.get(gid);
      weight.set(g.from, (weight.get(g.from) || 0) + list.length);
      weight.set(g.to, (weight.get(g.to) || 0) + list.length);
    }
    if (weight.size <= state.topN) return null;
    const keep = new Set([...weight.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, state.topN).map((x) => x[0]));
    const sel = state.selected;
    if (sel && sel.kind === "node") {
      keep.add(sel.id);
      for (const [gid] of byGroup) {
        const g = groupById.get(gid);
        if (g.from === sel.id) keep.add(g.to);
        if (g.to === sel.id) keep.add(g.from);
      }
    }
    return keep;
  }

  function refresh() {
    current = visibleEvents();
    const keep = topActors(current.byGroup);
    if (keep) {
      for (const [gid] of [...current.byGroup]) {
        const g = groupById.get(gid);
        if (!keep.has(g.from) || !keep.has(g.to)) current.byGroup.delete(gid);
      }
    }
    const degree = new Map();
    for (const [gid, list] of current.byGroup) {
      const g = groupById.get(gid);
      degree.set(g.from, (degree.get(g.from) || 0) + list.length);
      degree.set(g.to, (degree.get(g.to) || 0) + list.length);
    }
    const updates = [];
    let shownNodes = 0;
    for (const n of DATA.nodes) {
      const linked = degree.has(n.id);
      const hidden = current.matched ? !(linked || current.matched.has(n.id))
        : (state.hideIsolated || keep) && !linked;
      if (!hidden) shownNodes += 1;
      updates.push({ id: n.id, hidden: hidden, label: nodeLabel(n) });
    }
    nodes.update(updates);
    const list = buildEdges(current.byGroup);
    edges.clear();
    edges.add(list);
    setStatus(shownNodes, list.length, current.shown);
    renderPanel();
    countPending = true;
    network.redraw();
  }

  function setStatus(nodeCount, edgeCount, eventCount) {
    byId("kg-status").textContent = nodeCount + " of " + DATA.nodes.length + " actors \u00b7 " +
      edgeCount + " edges \u00b7 " + eventCount + " of " + events.length + " events";
    document.body.dataset.nodesShown = String(nodeCount);
    document.body.dataset.edgesShown = String(edgeCount);
    document.body.dataset.eventsShown = String(eventCount);
  }

  /* After a draw, record how many visible nodes have a position on the canvas (tests read it). */
  network.on("afterDrawing", () => {
    if (!countPending || document.body.dataset.ready !== "1") return;
    countPending = false;
    const ids = nodes.getIds({ filter: (n) => !n.hidden });
    const positions = network.getPositions(ids);
    const drawn = ids.filter((id) => positions[id] && isFinite(positions[id].x) && isFinite(positions[id].y)).length;
    document.body.dataset.drawnNodes = String(drawn);
  });

  function ready() {
    if (document.body.dataset.ready === "1") return;
    document.body.dataset.ready = "1";
    countPending = true;
    applySelectionFromHash();
    network.redraw();
  }
  if (DATA.large || DATA.nodes.length === 0) {
    network.once("afterDrawing", () => {
      if (DATA.large) network.fit({ nodes: visibleIds(), animation: false });  // the busiest actors
      ready();
    });
    if (DATA.nodes.length === 0) ready();
  } else {
    network.on("stabilizationProgress", (p) => {
      byId("kg-status").textContent = "Laying out\u2026 " + Math.round((100 * p.iterations) / p.total) + "%";
    });
    network.once("stabilizationIterationsDone", () => {
      network.setOptions({ physics: { enabled: false } });
      network.fit({ nodes: visibleIds(), animation: false });
      setStatus(Number(document.body.dataset.nodesShown), Number(document.body.dataset.edgesShown), Number(document.body.dataset.eventsShown));
      ready();
    });
  }

  /* ---------- the side panel ---------- */
  const panel = byId("kg-panel");

  function eventCard(e, focus) {
    const from = nodeById.get(e.source), to = nodeById.get(e.target);
    const color = colorOf(e.quad);
    const top = h("div", { class: "kg-event-top" }, [
      h("span", { class: "kg-badge", text: e.type || "EVENT" }),
      h("span", { text: e.date || "undated" }),
      h("span", { class: "kg-modality kg-" + e.modality, text: e.modality }),
      e.confidence === null ? null : h("span", { class: "kg-count", text: "confidence " + e.confidence.toFixed(2) }),
    ]);
    const who = h("div", { class: "kg-who" }, [
      textSpan(nodeLabel(from)), " \u2014 ", textSpan(predicate(e)), " \u2014 ", textSpan(nodeLabel(to)),
    ]);
    who.setAttribute("dir", state.lang === "ar" ? "rtl" : "ltr");
    const evidence = h("blockquote", { class: "kg-evidence kg-ar", dir: "rtl", lang: "ar" }, [
      e.parts[0], e.parts.length === 3 ? h("mark", { text: e.parts[1] }) : null, e.parts.length === 3 ? e.parts[2] : null,
    ]);
    const doc = h("div", { class: "kg-meta" }, ["article ", h("code", { class: "kg-doc", text: e.doc_id || "?" })]);
    return h("div", { class: "kg-event" + (focus ? " kg-focus" : ""), style: { "--kg-quad": color } }, [top, who, evidence, doc]);
  }

  function eventList(list, focus) {
    const sorted = list.slice().sort((a, b) => (a.date || "9999").localeCompare(b.date || "9999") || a.i - b.i);
    const out = sorted.slice(0, PANEL_LIMIT).map((e) => eventCard(e, e.i === focus));
    if (sorted.length > PANEL_LIMIT) out.push(h("p", { class: "kg-more", text: "\u2026 and " + (sorted.length - PANEL_LIMIT) + " more; narrow the filters to see them." }));
    if (!sorted.length) out.push(h("p", { class: "kg-hint", text: "No event passes the current filters." }));
    return out;
  }

  function nodeHead(n) {
    const meta = [n.kind || "Entity", " \u00b7 ", UI.en.events(n.events)];
    if (/^Q[1-9][0-9]*$/.test(n.wikidata || "")) {
      const link = h("a", { text: "Wikidata " + n.wikidata, target: "_blank", rel: "noopener noreferrer" });
      link.href = "https://www.wikidata.org/wiki/" + n.wikidata;
      meta.push(" \u00b7 ", link);
    }
    return h("div", { class: "kg-head" }, [
      n.label_ar ? h("span", { class: "kg-name-ar kg-ar", dir: "rtl", lang: "ar", text: n.label_ar }) : null,
      n.label_en ? h("span", { class: "kg-name-en", text: n.label_en }) : null,
      h("div", { class: "kg-meta" }, meta),
      h("div", { class: "kg-meta", text: n.iri }),
    ]);
  }

  function renderPanel() {
    const sel = state.selected;
    if (!sel || !current) return;
    let children;
    if (sel.kind === "node") {
      const n = nodeById.get(sel.id);
      const list = [];
      for (const [gid, evs] of current.byGroup) {
        const g = groupById.get(gid);
        if (g.from === n.id || g.to === n.id) list.push(...evs);
      }
      children = [nodeHead(n), h("h2", { text: UI.en.events(list.length) + " shown" }), ...eventList(list, -1)];
    } else {
      const g = groupById.get(sel.id);
      const list = current.byGroup.get(g.id) || [];
      const folded = !state.unfolded.has(g.id);
      const toggle = list.length > 1 ? h("button", {
        type: "button", id: "kg-fold", text: folded ? "Unfold" : "Fold",
        onclick: () => { if (folded) state.unfolded.add(g.id); else state.unfolded.delete(g.id); refresh(); },
      }) : null;
      children = [
        h("div", { class: "kg-head" }, [
          h("div", { class: "kg-pair", dir: state.lang === "ar" ? "rtl" : "ltr" }, [
            textSpan(nodeLabel(nodeById.get(g.from))), state.lang === "ar" ? " \u2190 " : " \u2192 ", textSpan(nodeLabel(nodeById.get(g.to)))]),
          h("div", { class: "kg-row" }, [h("span", { class: "kg-meta", text: UI.en.events(list.length) + " shown" }), toggle]),
        ]),
        ...eventList(list, sel.event === undefined ? -1 : sel.event),
      ];
    }
    panel.replaceChildren(...children);
  }

  function select(sel) {
    state.selected = sel;
    if (state.topN && sel && sel.kind === "node") refresh();  // bring in its neighbours
    else renderPanel();
  }

  network.on("click", (p) => {
    if (p.nodes.length) return select({ kind: "node", id: p.nodes[0] });
    if (!p.edges.length) return;
    const [gid, ev] = String(p.edges[0]).split(".");
    const list = (current && current.byGroup.get(gid)) || [];
    if (ev === undefined && list.length > 1 && !state.unfolded.has(gid)) {
      state.unfolded.add(gid);
      state.selected = { kind: "group", id: gid };
      return refresh();
    }
    select({ kind: "group", id: gid, event: ev === undefined ? undefined : Number(ev) });
  });

  /* #lang=ar, #node=<node IRI or view id>, #edge=<g…>[&unfold=1], #q=<actor>: deep links
     (the browser test uses them too). */
  function applySelectionFromHash() {
    const params = new URLSearchParams(location.hash.slice(1));
    const wanted = params.get("node");
    if (wanted) {
      const n = DATA.nodes.find((x) => x.iri === wanted || x.id === wanted);
      if (n) { network.selectNodes([n.id]); select({ kind: "node", id: n.id }); }
    }
    const gid = params.get("edge");
    if (gid && groupById.has(gid)) {
      if (params.get("unfold") === "1") { state.unfolded.add(gid); state.selected = { kind: "group", id: gid }; refresh(); }
      else select({ kind: "group", id: gid });
    }
  }

  /* ---------- controls ---------- */
  function setLang(lang) {
    state.lang = lang;
    document.body.dataset.lang = lang;
    for (const b of document.querySelectorAll(".kg-switch button")) b.setAttribute("aria-pressed", String(b.dataset.lang === lang));
    refresh();
  }
  byId("kg-lang-en").addEventListener("click", () => setLang("en"));
  byId("kg-lang-ar").addEventListener("click", () => setLang("ar"));
  byId("kg-fit").addEventListener("click", () => network.fit({ nodes: visibleIds(), animation: false }));

  const typeBoxes = [];
  byId("kg-types").replaceChildren(...DATA.types.map((t) => {
    const box = h("input", { type: "checkbox", checked: true, onchange: () => {
      if (box.checked) state.types.add(t.type); else state.types.delete(t.type);
      refresh();
    } });
    typeBoxes.push([box, t.type]);
    return h("label", {}, [box, h("span", { class: "kg-swatch", style: { background: t.color } }), h("span", { text: t.type || "(no type)" }), h("span", { class: "kg-count", text: String(t.count) })]);
  }));
  function setAllTypes(on) {
    for (const [box, type] of typeBoxes) { box.checked = on; if (on) state.types.add(type); else state.types.delete(type); }
    refresh();
  }
  byId("kg-types-all").addEventListener("click", () => setAllTypes(true));
  byId("kg-types-none").addEventListener("click", () => setAllTypes(false));

  byId("kg-modalities").replaceChildren(...DATA.modalities.map((m) => {
    const box = h("input", { type: "checkbox", checked: true, onchange: () => {
      if (box.checked) state.modalities.add(m); else state.modalities.delete(m);
      refresh();
    } });
    const count = events.filter((e) => e.modality === m).length;
    return h("label", {}, [box, h("span", { text: m }), h("span", { class: "kg-count", text: String(count) })]);
  }));

  const [dmin, dmax] = DATA.dateRange;
  for (const id of ["kg-date-from", "kg-date-to"]) {
    const input = byId(id);
    if (dmin) { input.min = dmin; input.max = dmax; }
    input.addEventListener("change", () => {
      state.from = byId("kg-date-from").value;
      state.to = byId("kg-date-to").value;
      refresh();
    });
  }
  byId("kg-undated").addEventListener("change", (ev) => { state.undated = ev.target.checked; refresh(); });
  byId("kg-confidence").addEventListener("input", (ev) => {
    state.minConf = Number(ev.target.value);
    byId("kg-confidence-value").textContent = state.minConf.toFixed(2);
    refresh();
  });
  byId("kg-hide-isolated").checked = state.hideIsolated;
  byId("kg-top").value = String(state.topN);
  byId("kg-top").addEventListener("change", (ev) => {
    const n = parseInt(ev.target.value, 10);
    state.topN = isFinite(n) && n > 0 ? n : 0;
    refresh();
  });
  byId("kg-hide-isolated").addEventListener("change", (ev) => { state.hideIsolated = ev.target.checked; refresh(); });
  let searchTimer = null;
  byId("kg-search").addEventListener("input", (ev) => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => {
      state.query = ev.target.value;
      refresh();
      if (current.matched && current.matched.size && current.matched.size <= 50) {
        network.fit({ nodes: [...current.matched], animation: { duration: 300 } });
      }
    }, 150);
  });

  /* ---------- legend ---------- */
  byId("kg-legend").replaceChildren(
    ...DATA.quads.map((q) => h("div", { class: "kg-legend-row" }, [h("span", { class: "kg-swatch", style: { background: q.color } }), h("span", { text: q.label })])),
    h("div", { class: "kg-legend-row" }, [h("span", { class: "kg-swatch kg-dashed" }), h("span", { text: "Negated or hypothetical" })]),
    ...DATA.entityTypes.map((t) => h("div", { class: "kg-legend-row" }, [h("span", { class: "kg-symbol", style: { color: t.color }, text: t.symbol }), h("span", { text: t.type })])),
    h("div", { class: "kg-legend-row kg-meta", text: "Node size: number of events. Edge: actor \u2192 recipient; \u00d7n folds n events." }),
  );

  /* #q=<actor> starts with the actor search filled in (a shareable filtered view) */
  const hash = new URLSearchParams(location.hash.slice(1));
  if (hash.get("q")) { state.query = hash.get("q"); byId("kg-search").value = state.query; }
  setLang(hash.get("lang") === "ar" || hash.get("lang") === "en" ? hash.get("lang") : state.lang);
})();
