/* kg view: filters, time histogram, search, edge folding, re-layout, side panel, two languages.
 * Article text (labels, sentences, triggers, doc ids) only ever reaches the DOM through
 * textContent / Text nodes, and vis-network tooltips get DOM elements, never HTML strings. */
(function () {
  "use strict";

  const DATA = JSON.parse(document.getElementById("kg-data").textContent);
  const byId = (id) => document.getElementById(id);
  const PANEL_LIMIT = 200;
  const RELAYOUT_LIMIT = 1500;  // above this many shown actors a new layout would take seconds: fit only

  /* ---------- the interface in two languages ---------- */
  function arabicCount(n, one, two, few, many) {
    if (n === 1) return one;
    if (n === 2) return two;
    return n + " " + (n % 100 >= 3 && n % 100 <= 10 ? few : many);
  }
  const I18N = {
    en: {
      loading: "Loading…", fit: "Fit", fitTitle: "Show the whole network", actor: "Actor",
      searchPlaceholder: "Name in Arabic or English", dates: "Dates", from: "From", to: "To",
      fromMonth: "From month", toMonth: "To month",
      undated: "Include undated events", eventTypes: "Event types", all: "All", none: "None",
      minConfidence: "Minimum confidence", modality: "Modality",
      showIsolated: "Show actors without a drawn edge", busiest: "Show the busiest",
      busiestUnit: "actors (0 = all)", legend: "Legend", language: "Language", filters: "Filters",
      network: "Actor network", details: "Details",
      hint: "Click a node or an edge to see its events with their evidence. An edge with a count folds several events; click it to unfold them.",
      events: (n) => n + (n === 1 ? " event" : " events"),
      status: (a, an, e, ev, total, solo, iso) => a + " of " + an + " actors · " + e + " edges · " + ev + " of " + total +
        " events (" + solo + " without a recipient)" + (iso ? " · " + iso + " actors without a drawn edge hidden" : ""),
      shown: " shown", undatedShort: "undated", noRecipient: "no recipient named", confidence: "confidence ",
      article: "article ", more: (n) => "… and " + n + " more; narrow the filters to see them.",
      noEvent: "No event passes the current filters.", unfold: "Unfold", fold: "Fold",
      clickToUnfold: "click to unfold", negatedLegend: "Negated or hypothetical",
      sizeLegend: "Node size: number of events. Edge: actor → recipient; ×n folds n events. Labels show when they are big enough to read: zoom in for more.",
      matches: (n, name) => (n === 1 ? "1 actor matches" : n + " actors match") + "; showing " + name + " and its neighbours",
      noMatch: "No actor matches", layingOut: "Laying out…",
      title: (c) => "kg — " + c.articles.toLocaleString("en") + (c.articles === 1 ? " article" : " articles") + (c.first ? ", " + dateRange(c) : ""),
      asserted: "asserted", negated: "negated", future: "future", hypothetical: "hypothetical",
      monthTip: (m, n) => m + ": " + n + (n === 1 ? " event" : " events"), arrow: " → ",
    },
    ar: {
      loading: "جارٍ التحميل…", fit: "احتواء", fitTitle: "عرض الشبكة كاملة", actor: "الفاعل",
      searchPlaceholder: "الاسم بالعربية أو الإنجليزية", dates: "التواريخ", from: "من", to: "إلى",
      fromMonth: "من شهر", toMonth: "إلى شهر",
      undated: "تضمين الأحداث غير المؤرخة", eventTypes: "أنواع الأحداث", all: "الكل", none: "لا شيء",
      minConfidence: "أدنى درجة ثقة", modality: "الصيغة",
      showIsolated: "إظهار الفاعلين بلا روابط مرسومة", busiest: "إظهار الأكثر نشاطًا",
      busiestUnit: "فاعلًا (0 = الكل)", legend: "مفتاح الرسم", language: "اللغة", filters: "المرشحات",
      network: "شبكة الفاعلين", details: "التفاصيل",
      hint: "انقر على عقدة أو رابط لرؤية أحداثه مع شواهدها. الرابط الذي يحمل عددًا يجمع عدة أحداث؛ انقر عليه لفصلها.",
      events: (n) => arabicCount(n, "حدث واحد", "حدثان", "أحداث", "حدثًا"),
      status: (a, an, e, ev, total, solo, iso) => a + " من " + an + " فاعلًا · " + e + " رابطًا · " + ev + " من " + total +
        " حدثًا (" + solo + " بلا متلقٍّ)" + (iso ? " · أُخفي " + iso + " فاعلًا بلا روابط مرسومة" : ""),
      shown: " معروضة", undatedShort: "بلا تاريخ", noRecipient: "بلا متلقٍّ مذكور", confidence: "الثقة ",
      article: "المقال ", more: (n) => "… و" + n + " غيرها؛ ضيّق المرشحات لرؤيتها.",
      noEvent: "لا حدث يطابق المرشحات الحالية.", unfold: "فصل", fold: "دمج",
      clickToUnfold: "انقر للفصل", negatedLegend: "منفي أو افتراضي",
      sizeLegend: "حجم العقدة: عدد الأحداث. الرابط: من الفاعل إلى المتلقي؛ ×n يجمع n أحداث. تظهر الأسماء حين يتسع لها المكان: قرّب لرؤية المزيد.",
      matches: (n, name) => (n === 1 ? "فاعل واحد يطابق" : n + " فاعلين يطابقون") + "؛ يُعرض " + name + " وجيرانه",
      noMatch: "لا فاعل يطابق", layingOut: "جارٍ إعادة الترتيب…",
      title: (c) => "kg — \u200f" + (c.articles === 1 ? "مقالة واحدة" : c.articles + " مقالة") + (c.first ? "، " + dateRange(c) : ""),
      asserted: "مؤكد", negated: "منفي", future: "مستقبلي", hypothetical: "افتراضي",
      monthTip: (m, n) => m + ": " + arabicCount(n, "حدث واحد", "حدثان", "أحداث", "حدثًا"), arrow: " ← ",
    },
  };
  /* a date range; in Arabic each date is isolated left-to-right (U+2066 … U+2069), or the bidi
     algorithm shows 2018-02-19 as 19-02-2018 */
  const ltr = (text) => (state.lang === "ar" ? "\u2066" + text + "\u2069" : text);
  function dateRange(c) { return c.first === c.last ? ltr(c.first) : ltr(c.first) + " – " + ltr(c.last); }

  /* ---------- DOM helpers: text in, never markup ---------- */
  function h(tag, props, children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value === undefined || value === null) continue;
      if (key === "text") node.textContent = value;
      else if (key === "class") node.className = value;
      else if (key === "style") for (const [p, v] of Object.entries(value)) node.style.setProperty(p, v);
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else if (["dir", "lang", "type", "for", "title", "id", "role", "value"].includes(key)) node.setAttribute(key, value);
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
  const solo = DATA.solo || [];
  // an event with two actors or recipients is several drawn events: count events by their IRI
  const total = new Set([...events.map((e) => e.event || "#" + e.i), ...solo.map((e) => e.event || "#" + e.i)]).size;
  const nodeById = new Map(DATA.nodes.map((n) => [n.id, n]));
  const groupById = new Map(DATA.edges.map((g) => [g.id, g]));
  const pairs = new Set(DATA.edges.map((g) => g.from + "\u0000" + g.to));
  const soloByActor = new Map();
  for (const e of solo) for (const a of e.actors) {
    if (!soloByActor.has(a)) soloByActor.set(a, []);
    soloByActor.get(a).push(e);
  }
  for (const n of DATA.nodes) {
    n.key = fold(n.label_ar + " " + n.label_en + " " + (n.wikidata || ""));
    n.names = [fold(n.label_ar), fold(n.label_en)].filter(Boolean);
  }
  const quadColor = Object.fromEntries(DATA.quads.map((q) => [q.quad, q.color]));
  const colorOf = (quad) => quadColor[quad] || quadColor[""] || "#94a3b8";
  const months = DATA.months || [];

  const state = {
    lang: DATA.lang === "ar" ? "ar" : "en",
    types: new Set(DATA.types.map((t) => t.type)),
    modalities: new Set(DATA.modalities),
    from: "", to: "", undated: true, minConf: 0, query: "",
    showIsolated: false,  // actors with no drawn edge would ring the network: hidden until asked for
    topN: 0, unfolded: new Set(), selected: null, focus: null,
  };
  const t = (key, ...args) => {
    const value = key in I18N[state.lang] ? I18N[state.lang][key] : I18N.en[key];
    return typeof value === "function" ? value(...args) : value;
  };

  const nodeLabel = (n) => (state.lang === "ar" ? n.label_ar || n.label_en : n.label_en || n.label_ar) || n.iri;
  const predicate = (e) => (state.lang === "ar" ? e.predicate_ar || e.predicate_en : e.predicate_en || e.predicate_ar) || e.type.toLowerCase();
  const kindLabel = (kind) => {
    const entry = DATA.entityTypes.find((x) => x.type === kind);
    return state.lang === "ar" ? (entry ? entry.label_ar : "كيان") : kind || "Entity";
  };

  /* ---------- filtering and folding ---------- */
  function matchedNodes() {
    const q = fold(state.query);
    if (!q) return null;
    const hit = new Set();
    for (const n of DATA.nodes) if (n.key.includes(q) || fold(n.iri) === q) hit.add(n.id);
    return hit;
  }
  /* The best match of a search: an exact name, then a name that starts with it, then a word that
     does, then any; among equals the busiest. */
  function bestMatch(matched) {
    const q = fold(state.query);
    let best = null, bestScore = null;
    for (const id of matched) {
      const n = nodeById.get(id);
      const rank = n.names.includes(q) || fold(n.iri) === q ? 0 : n.names.some((x) => x.startsWith(q)) ? 1
        : n.names.some((x) => x.split(/\s+/).some((w) => w.startsWith(q))) ? 2 : 3;
      const score = [rank, -n.events, n.id];
      if (!bestScore || score[0] < bestScore[0] || (score[0] === bestScore[0] && (score[1] < bestScore[1] || (score[1] === bestScore[1] && score[2] < bestScore[2])))) {
        best = id; bestScore = score;
      }
    }
    return best;
  }

  function passesCommon(e) {
    if (!state.types.has(e.type) || !state.modalities.has(e.modality)) return false;
    if (state.minConf > 0 && (e.confidence === null || e.confidence < state.minConf)) return false;
    if (e.date) {
      if (state.from && e.date < state.from) return false;
      if (state.to && e.date > state.to) return false;
    } else if (!state.undated) return false;
    return true;
  }
  const passes = (e, matched) => passesCommon(e) && (!matched || matched.has(e.source) || matched.has(e.target));
  const passesSolo = (e, matched) => passesCommon(e) && (!matched || e.actors.some((a) => matched.has(a)));

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
    const parts = [...counts].map(([kind, n]) => (n > 1 ? kind + " \u00d7" + n : kind)).join(", ");
    return h("div", { dir: state.lang === "ar" ? "rtl" : "ltr" }, [
      h("div", {}, [textSpan(nodeLabel(from)), t("arrow"), textSpan(nodeLabel(to))]),
      h("div", { text: t("events", list.length) + ": " + parts }),
      list.length > 1 && !state.unfolded.has(group.id) ? h("div", { class: "kg-more", text: t("clickToUnfold") }) : null,
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
          id: group.id + "." + e.i, from: group.from, to: group.to, label: predicate(e), value: 1,
          color: { color: colorOf(e.quad), highlight: colorOf(e.quad), hover: colorOf(e.quad) },
          dashes: e.modality === "negated" || e.modality === "hypothetical",
          smooth: { enabled: true, type: k % 2 ? "curvedCCW" : "curvedCW", roundness: 0.25 + 0.2 * Math.floor((k + (reverse ? 2 : 0)) / 2) },
          title: edgeTip(group, [e]),
        }));
        continue;
      }
      const labels = new Set(list.map(predicate));
      const label = labels.size === 1 ? [...labels][0] + (list.length > 1 ? " \u00d7" + list.length : "") : t("events", list.length);
      const color = colorOf(majorityQuad(list));
      // an edge between two communities is drawn lighter: the groups stay readable
      const across = nodeById.get(group.from).community !== nodeById.get(group.to).community;
      const edge = {
        id: group.id, from: group.from, to: group.to, label: label, value: list.length,
        color: { color: color, highlight: color, hover: color, opacity: across ? 0.3 : 0.9 },
        dashes: list.every((e) => e.modality === "negated" || e.modality === "hypothetical"),
        title: edgeTip(group, list),
      };
      if (reverse) edge.smooth = { enabled: true, type: "curvedCW", roundness: 0.18 };
      out.push(edge);
    }
    return out;
  }

  /* ---------- the network ---------- */
  // node sizes on the curve of kg.view.style.node_size (the exports' sizes): 14 + 6 log2(1 + events), at most 56
  DATA.options.nodes.scaling.customScalingFunction = function (min, max, sum, value) {
    return (Math.min(14 + 6 * Math.log2(1 + Math.max(value, 0)), 56) - 14) / 42;
  };
  DATA.options.edges.scaling.customScalingFunction = function (min, max, sum, value) {
    return Math.min(Math.log2(Math.max(value, 1)) / 5, 1);
  };
  const home = new Map(DATA.nodes.map((n) => [n.id, { x: n.x, y: n.y }]));
  const nodes = new vis.DataSet(DATA.nodes.map((n) => ({
    id: n.id, label: "", shape: n.shape, color: n.color, value: n.events,
    x: n.x, y: n.y, title: nodeTip(n), hidden: n.isolated,
  })));
  const edges = new vis.DataSet([]);
  const container = byId("kg-graph");
  const network = new vis.Network(container, { nodes: nodes, edges: edges }, DATA.options);
  let countPending = true;

  function nodeTip(n) {
    return h("div", { dir: state.lang === "ar" ? "rtl" : "ltr" }, [
      n.label_ar ? h("span", { class: "kg-tip-ar kg-ar", dir: "rtl", lang: "ar", text: n.label_ar }) : null,
      n.label_en ? h("strong", { text: n.label_en }) : null,
      h("div", { class: "kg-meta", text: kindLabel(n.kind) + " \u00b7 " + t("events", n.events) }),
    ]);
  }

  function visibleEvents() {
    const matched = matchedNodes();
    const byGroup = new Map();
    const shown = new Set();
    for (const e of events) {
      if (!passes(e, matched)) continue;
      shown.add(e.event || "#" + e.i);
      if (!byGroup.has(e.group)) byGroup.set(e.group, []);
      byGroup.get(e.group).push(e);
    }
    const soloShown = solo.filter((e) => passesSolo(e, matched));
    for (const e of soloShown) shown.add(e.event || "#" + e.i);
    return { matched: matched, byGroup: byGroup, shown: shown.size, solo: soloShown };
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

  let status = [0, 0, 0, 0, 0];
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
    let shownNodes = 0, isolatedHidden = 0;
    for (const n of DATA.nodes) {
      const linked = degree.has(n.id);
      const wanted = current.matched ? current.matched.has(n.id) : !keep && state.showIsolated;
      const hidden = !linked && !wanted;
      if (hidden && !keep) isolatedHidden += 1;
      if (!hidden) shownNodes += 1;
      updates.push({ id: n.id, hidden: hidden, label: labelled.has(n.id) ? nodeLabel(n) : "" });
    }
    nodes.update(updates);
    const list = buildEdges(current.byGroup);
    edges.clear();
    edges.add(list);
    status = [shownNodes, list.length, current.shown, current.solo.length, current.matched ? 0 : isolatedHidden];
    setStatus();
    renderPanel();
    countPending = true;
    if (document.body.dataset.ready === "1") layoutIfChanged();
    labelsLater();
    network.redraw();
  }

  function setStatus() {
    const [nodeCount, edgeCount, eventCount, soloCount, isolated] = status;
    byId("kg-status").textContent = layingOut ? t("layingOut") : t("status", nodeCount, DATA.nodes.length, edgeCount, eventCount, total, soloCount, isolated);
    document.body.dataset.nodesShown = String(nodeCount);
    document.body.dataset.edgesShown = String(edgeCount);
    document.body.dataset.eventsShown = String(eventCount);
    document.body.dataset.soloShown = String(soloCount);
  }

  /* ---------- layout: the Python layout for the default view, a new one when the shown set changes ---------- */
  let layoutKey = null, homeKey = null, layingOut = false, afterLayout = [];
  const keyOf = (ids) => ids.length + ":" + ids.slice().sort().join(",");
  function whenLaidOut(fn) { if (layingOut) afterLayout.push(fn); else fn(); }
  /* fit the view to some actors, but never zoom in past 1.3 (a few actors would fill the screen) */
  function fitTo(ids) {
    network.fit({ nodes: ids, animation: false });
    if (network.getScale() > 1.3) network.moveTo({ scale: 1.3 });
    placeLabels();
  }
  function layoutDone(ids) {
    layingOut = false;
    network.setOptions({ physics: { enabled: false } });
    fitTo(ids);
    setStatus();
    countPending = true;
    network.redraw();
    const waiting = afterLayout;
    afterLayout = [];
    for (const fn of waiting) fn();
  }
  function layoutIfChanged() {
    const ids = visibleIds();
    const key = keyOf(ids);
    if (key === layoutKey) return;
    layoutKey = key;
    if (key === homeKey) {  // back to the default view: its own layout
      nodes.update([...home].map(([id, p]) => ({ id: id, x: p.x, y: p.y })));
      fitTo(ids);
      return;
    }
    if (!ids.length) return;
    if (ids.length > RELAYOUT_LIMIT) { fitTo(ids); return; }
    const shown = new Set(ids);
    nodes.update(DATA.nodes.map((n) => ({ id: n.id, physics: shown.has(n.id) })));
    layingOut = true;
    setStatus();
    network.once("stabilizationIterationsDone", () => layoutDone(ids));
    network.setOptions({ physics: { enabled: true } });
    network.stabilize(ids.length > 600 ? 80 : ids.length > 200 ? 150 : 250);
  }

  /* ---------- labels: only where legible ---------- */
  /* Like a map: the busiest actors in view get a label at a constant size on screen, each where
     it does not cover another; the others show their name on hover. Placed again after every
     zoom, drag and layout. */
  const LABEL_PX = 14, LABEL_MAX = 90;
  let labelled = new Map();  // node id -> font size given
  let labelFrame = 0;
  function placeLabels() {
    labelFrame = 0;
    if (layingOut) return;
    const scale = network.getScale();
    const ids = visibleIds();
    const pos = network.getPositions(ids);
    const box = container.getBoundingClientRect();
    const first = new Set([state.focus, state.selected && state.selected.kind === "node" ? state.selected.id : null]);
    const order = ids.map((id) => nodeById.get(id))
      .sort((a, b) => (first.has(b.id) - first.has(a.id)) || b.events - a.events || (a.id < b.id ? -1 : 1));
    const taken = [];
    const next = new Map();
    const size = LABEL_PX / scale;
    for (const n of order) {
      if (next.size >= LABEL_MAX) break;
      const at = pos[n.id];
      if (!at) continue;
      const p = network.canvasToDOM(at);
      const radius = Math.min(14 + 6 * Math.log2(1 + n.events), 56) * scale;
      const width = nodeLabel(n).length * LABEL_PX * 0.6 + 6;
      if (p.x - width / 2 < 0 || p.x + width / 2 > box.width || p.y < 0 || p.y + radius + LABEL_PX * 1.5 > box.height) continue;
      const rect = [p.x - width / 2, p.y + radius, p.x + width / 2, p.y + radius + LABEL_PX * 1.5];
      if (taken.some((q) => rect[0] < q[2] && q[0] < rect[2] && rect[1] < q[3] && q[1] < rect[3])) continue;
      taken.push(rect, [p.x - radius, p.y - radius, p.x + radius, p.y + radius]);
      next.set(n.id, size);
    }
    const updates = [];
    for (const [id, old] of labelled) if (!next.has(id)) updates.push({ id: id, label: "", font: { size: old } });
    for (const [id, fontSize] of next) {
      if (labelled.get(id) !== fontSize) updates.push({ id: id, label: nodeLabel(nodeById.get(id)), font: { size: fontSize } });
    }
    labelled = next;
    if (updates.length) nodes.update(updates);
    document.body.dataset.labels = String(next.size);
  }
  const labelsLater = () => { if (!labelFrame) labelFrame = requestAnimationFrame(placeLabels); };
  network.on("zoom", labelsLater);
  network.on("dragEnd", labelsLater);
  window.addEventListener("resize", labelsLater);

  /* After a draw, record how many visible nodes have a position on the canvas (tests read it). */
  network.on("afterDrawing", () => {
    if (!countPending || layingOut || document.body.dataset.ready !== "1") return;
    countPending = false;
    const ids = visibleIds();
    const positions = network.getPositions(ids);
    const drawn = ids.filter((id) => positions[id] && isFinite(positions[id].x) && isFinite(positions[id].y)).length;
    document.body.dataset.drawnNodes = String(drawn);
  });

  function ready() {
    if (document.body.dataset.ready === "1") return;
    // the Python layout is the default view's: every actor with a drawn edge
    homeKey = keyOf(DATA.nodes.filter((n) => !n.isolated).map((n) => n.id));
    layoutKey = keyOf(visibleIds());
    if (layoutKey !== homeKey) { layoutKey = null; layoutIfChanged(); }
    document.body.dataset.ready = "1";
    countPending = true;
    applySelectionFromHash();
    if (current && current.matched) focusSearch();
    network.redraw();
  }

  /* ---------- the side panel ---------- */
  const panel = byId("kg-panel");

  function eventCard(e, focus) {
    const color = colorOf(e.quad);
    const top = h("div", { class: "kg-event-top" }, [
      h("span", { class: "kg-badge", text: e.type || "EVENT" }),
      h("span", { dir: e.date ? "ltr" : null, text: e.date || t("undatedShort") }),
      h("span", { class: "kg-modality kg-" + e.modality, text: t(e.modality) }),
      e.confidence === null ? null : h("span", { class: "kg-count", text: t("confidence") + e.confidence.toFixed(2) }),
    ]);
    const actors = e.actors ? e.actors : [e.source];
    const who = h("div", { class: "kg-who" }, [
      ...actors.flatMap((a, k) => (k ? [", ", textSpan(nodeLabel(nodeById.get(a)))] : [textSpan(nodeLabel(nodeById.get(a)))])),
      " \u2014 ", textSpan(predicate(e)), " \u2014 ",
      e.actors ? h("span", { class: "kg-none", text: t("noRecipient") }) : textSpan(nodeLabel(nodeById.get(e.target))),
    ]);
    who.setAttribute("dir", state.lang === "ar" ? "rtl" : "ltr");
    const evidence = h("blockquote", { class: "kg-evidence kg-ar", dir: "rtl", lang: "ar" }, [
      e.parts[0], e.parts.length === 3 ? h("mark", { text: e.parts[1] }) : null, e.parts.length === 3 ? e.parts[2] : null,
    ]);
    const doc = h("div", { class: "kg-meta" }, [t("article"), h("code", { class: "kg-doc", text: e.doc_id || "?" })]);
    return h("div", { class: "kg-event" + (focus ? " kg-focus" : "") + (e.actors ? " kg-solo" : ""), style: { "--kg-quad": color } }, [top, who, evidence, doc]);
  }

  function eventList(list, focus) {
    const sorted = list.slice().sort((a, b) => (a.date || "9999").localeCompare(b.date || "9999") || a.i - b.i);
    const out = sorted.slice(0, PANEL_LIMIT).map((e) => eventCard(e, e.i === focus));
    if (sorted.length > PANEL_LIMIT) out.push(h("p", { class: "kg-more", text: t("more", sorted.length - PANEL_LIMIT) }));
    if (!sorted.length) out.push(h("p", { class: "kg-hint", text: t("noEvent") }));
    return out;
  }

  function nodeHead(n) {
    const meta = [kindLabel(n.kind), " \u00b7 ", t("events", n.events)];
    if (/^Q[1-9][0-9]*$/.test(n.wikidata || "")) {
      const link = h("a", { text: "Wikidata " + n.wikidata, target: "_blank", rel: "noopener noreferrer" });
      link.href = "https://www.wikidata.org/wiki/" + n.wikidata;
      meta.push(" \u00b7 ", link);
    }
    return h("div", { class: "kg-head" }, [
      n.label_ar ? h("span", { class: "kg-name-ar kg-ar", dir: "rtl", lang: "ar", text: n.label_ar }) : null,
      n.label_en ? h("span", { class: "kg-name-en", dir: "ltr", text: n.label_en }) : null,
      h("div", { class: "kg-meta" }, meta),
      h("div", { class: "kg-meta kg-iri", dir: "ltr", text: n.iri }),
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
      for (const e of current.solo) if (e.actors.includes(n.id)) list.push(e);
      children = [nodeHead(n), h("h2", { text: t("events", list.length) + t("shown") }), ...eventList(list, -1)];
    } else {
      const g = groupById.get(sel.id);
      const list = current.byGroup.get(g.id) || [];
      const folded = !state.unfolded.has(g.id);
      const toggle = list.length > 1 ? h("button", {
        type: "button", id: "kg-fold", text: folded ? t("unfold") : t("fold"),
        onclick: () => { if (folded) state.unfolded.add(g.id); else state.unfolded.delete(g.id); refresh(); },
      }) : null;
      children = [
        h("div", { class: "kg-head" }, [
          h("div", { class: "kg-pair", dir: state.lang === "ar" ? "rtl" : "ltr" }, [
            textSpan(nodeLabel(nodeById.get(g.from))), t("arrow"), textSpan(nodeLabel(nodeById.get(g.to)))]),
          h("div", { class: "kg-row" }, [h("span", { class: "kg-meta", text: t("events", list.length) + t("shown") }), toggle]),
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
     (the browser tests use them too). */
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

  /* ---------- search: the best match, its events and its neighbours in view ---------- */
  function focusSearch() {
    const note = byId("kg-search-note");
    if (!current.matched) { note.textContent = ""; state.focus = null; delete document.body.dataset.focus; return; }
    if (!current.matched.size) { note.textContent = t("noMatch"); state.focus = null; return; }
    const best = bestMatch(current.matched);
    state.focus = best;
    note.textContent = t("matches", current.matched.size, nodeLabel(nodeById.get(best)));
    whenLaidOut(() => {
      const around = new Set([best]);
      for (const [gid] of current.byGroup) {
        const g = groupById.get(gid);
        if (g.from === best) around.add(g.to);
        if (g.to === best) around.add(g.from);
      }
      const ids = [...around];
      network.selectNodes([best]);
      select({ kind: "node", id: best });
      fitTo(ids);
      const box = container.getBoundingClientRect();
      const pos = network.getPositions(ids);
      const inView = ids.filter((id) => {
        const p = network.canvasToDOM(pos[id]);
        return p.x >= 0 && p.y >= 0 && p.x <= box.width && p.y <= box.height;
      }).length;
      document.body.dataset.focus = nodeById.get(best).iri;
      document.body.dataset.focusInView = inView + "/" + ids.length;
    });
  }

  /* ---------- controls ---------- */
  function applyLanguage() {
    const lang = state.lang;
    document.documentElement.lang = lang;
    document.documentElement.dir = lang === "ar" ? "rtl" : "ltr";
    document.body.dataset.lang = lang;
    for (const el of document.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
    for (const el of document.querySelectorAll("[data-i18n-placeholder]")) el.placeholder = t(el.dataset.i18nPlaceholder);
    for (const el of document.querySelectorAll("[data-i18n-label]")) el.setAttribute("aria-label", t(el.dataset.i18nLabel));
    for (const el of document.querySelectorAll("[data-i18n-title]")) el.title = t(el.dataset.i18nTitle);
    for (const b of document.querySelectorAll(".kg-switch button")) b.setAttribute("aria-pressed", String(b.dataset.lang === lang));
    const title = DATA.autoTitle && DATA.corpus && DATA.corpus.articles > 1 ? t("title", DATA.corpus) : DATA.title;
    byId("kg-title").textContent = title;
    document.title = title;
    buildModalities();
    buildLegend();
    buildHistogram();
    nodes.update(DATA.nodes.map((n) => ({ id: n.id, title: nodeTip(n) })));
  }
  function setLang(lang) {
    state.lang = lang;
    applyLanguage();
    refresh();
    if (current.matched) byId("kg-search-note").textContent = state.focus ? t("matches", current.matched.size, nodeLabel(nodeById.get(state.focus))) : t("noMatch");
  }
  byId("kg-lang-en").addEventListener("click", () => setLang("en"));
  byId("kg-lang-ar").addEventListener("click", () => setLang("ar"));
  byId("kg-fit").addEventListener("click", () => fitTo(visibleIds()));

  const typeBoxes = [];
  byId("kg-types").replaceChildren(...DATA.types.map((ty) => {
    const box = h("input", { type: "checkbox", checked: true, onchange: () => {
      if (box.checked) state.types.add(ty.type); else state.types.delete(ty.type);
      refresh();
    } });
    typeBoxes.push([box, ty.type]);
    return h("label", {}, [box, h("span", { class: "kg-swatch", style: { background: ty.color } }), h("span", { text: ty.type || "(no type)" }), h("span", { class: "kg-count", text: String(ty.count) })]);
  }));
  function setAllTypes(on) {
    for (const [box, type] of typeBoxes) { box.checked = on; if (on) state.types.add(type); else state.types.delete(type); }
    refresh();
  }
  byId("kg-types-all").addEventListener("click", () => setAllTypes(true));
  byId("kg-types-none").addEventListener("click", () => setAllTypes(false));

  function buildModalities() {
    byId("kg-modalities").replaceChildren(...DATA.modalities.map((m) => {
      const box = h("input", { type: "checkbox", checked: state.modalities.has(m), onchange: () => {
        if (box.checked) state.modalities.add(m); else state.modalities.delete(m);
        refresh();
      } });
      const count = events.filter((e) => e.modality === m).length + solo.filter((e) => e.modality === m).length;
      return h("label", {}, [box, h("span", { text: t(m) }), h("span", { class: "kg-count", text: String(count) })]);
    }));
  }

  /* dates: a histogram of events per month with a two-handle slider, and the exact date fields */
  const monthFrom = byId("kg-month-from"), monthTo = byId("kg-month-to");
  /* the last day of a "YYYY-MM" month, as a date field takes it */
  function lastDay(month) {
    const days = new Date(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0).getDate();
    return month + "-" + String(days).padStart(2, "0");
  }
  function buildHistogram() {
    const box = byId("kg-histogram");
    if (!months.length) { box.replaceChildren(); byId("kg-slider").hidden = true; return; }
    const top = Math.max(...months.map((m) => m.count), 1);
    box.replaceChildren(...months.map((m, k) => h("div", {
      class: "kg-month", title: t("monthTip", m.month, m.count),
      style: { height: Math.max(2, Math.round((44 * m.count) / top)) + "px" },
      onclick: () => setMonths(k, k),
    })));
    markMonths();
  }
  function markMonths() {
    const a = Number(monthFrom.value), b = Number(monthTo.value);
    [...byId("kg-histogram").children].forEach((bar, k) => bar.classList.toggle("kg-in", k >= a && k <= b));
  }
  function setMonths(a, b) {
    monthFrom.value = String(Math.min(a, b));
    monthTo.value = String(Math.max(a, b));
    // the ends stay open: at the first (last) month, events before (after) the histogram count too
    state.from = Number(monthFrom.value) === 0 ? "" : months[Number(monthFrom.value)].month + "-01";
    state.to = Number(monthTo.value) === months.length - 1 ? "" : lastDay(months[Number(monthTo.value)].month);
    byId("kg-date-from").value = state.from;
    byId("kg-date-to").value = state.to;
    markMonths();
    refresh();
  }
  if (months.length) {
    for (const input of [monthFrom, monthTo]) { input.max = String(months.length - 1); }
    monthFrom.value = "0";
    monthTo.value = String(months.length - 1);
    monthFrom.addEventListener("input", () => setMonths(Number(monthFrom.value), Math.max(Number(monthFrom.value), Number(monthTo.value))));
    monthTo.addEventListener("input", () => setMonths(Math.min(Number(monthFrom.value), Number(monthTo.value)), Number(monthTo.value)));
  }

  const [dmin, dmax] = DATA.dateRange;
  for (const id of ["kg-date-from", "kg-date-to"]) {
    const input = byId(id);
    if (dmin) { input.min = dmin; input.max = dmax; }
    input.addEventListener("change", () => {
      state.from = byId("kg-date-from").value;
      state.to = byId("kg-date-to").value;
      const index = (d, fallback) => { const k = months.findIndex((m) => m.month === (d || "").slice(0, 7)); return k < 0 ? fallback : k; };
      monthFrom.value = String(index(state.from, 0));
      monthTo.value = String(index(state.to, months.length - 1));
      markMonths();
      refresh();
    });
  }
  byId("kg-undated").addEventListener("change", (ev) => { state.undated = ev.target.checked; refresh(); });
  byId("kg-confidence").addEventListener("input", (ev) => {
    state.minConf = Number(ev.target.value);
    byId("kg-confidence-value").textContent = state.minConf.toFixed(2);
    refresh();
  });
  byId("kg-show-isolated").checked = state.showIsolated;
  byId("kg-show-isolated").addEventListener("change", (ev) => { state.showIsolated = ev.target.checked; refresh(); });
  byId("kg-top").value = String(state.topN);
  byId("kg-top").addEventListener("change", (ev) => {
    const n = parseInt(ev.target.value, 10);
    state.topN = isFinite(n) && n > 0 ? n : 0;
    refresh();
  });

  const names = [...new Set(DATA.nodes.slice().sort((a, b) => b.events - a.events).slice(0, 3000)
    .flatMap((n) => [n.label_en, n.label_ar]).filter(Boolean))];
  byId("kg-actors").replaceChildren(...names.map((name) => h("option", { value: name })));
  let searchTimer = null;
  byId("kg-search").addEventListener("input", (ev) => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => {
      state.query = ev.target.value;
      refresh();
      focusSearch();
    }, 150);
  });

  /* ---------- legend ---------- */
  function buildLegend() {
    byId("kg-legend").replaceChildren(
      ...DATA.quads.map((q) => h("div", { class: "kg-legend-row" }, [h("span", { class: "kg-swatch", style: { background: q.color } }), h("span", { text: state.lang === "ar" ? q.label_ar : q.label })])),
      h("div", { class: "kg-legend-row" }, [h("span", { class: "kg-swatch kg-dashed" }), h("span", { text: t("negatedLegend") })]),
      ...DATA.entityTypes.map((ty) => h("div", { class: "kg-legend-row" }, [h("span", { class: "kg-symbol", style: { color: ty.color }, text: ty.symbol }), h("span", { text: state.lang === "ar" ? ty.label_ar : ty.type })])),
      h("div", { class: "kg-legend-row kg-meta", text: t("sizeLegend") }),
    );
  }

  /* #q=<actor> starts with the actor search filled in (a shareable filtered view) */
  const hash = new URLSearchParams(location.hash.slice(1));
  if (hash.get("q")) { state.query = hash.get("q"); byId("kg-search").value = state.query; }
  state.lang = hash.get("lang") === "ar" || hash.get("lang") === "en" ? hash.get("lang") : state.lang;
  applyLanguage();
  refresh();
  // ready after the first frame drawn with the filters above (vis may draw once while it is made)
  network.once("afterDrawing", () => {
    fitTo(visibleIds());
    ready();
  });
  network.redraw();
  if (DATA.nodes.length === 0) ready();
})();
