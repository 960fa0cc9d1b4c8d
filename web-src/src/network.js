// The actor network: fetch /api/graph with the page's filters, draw it with sigma (WebGL), lay it
// out with ForceAtlas2 a few iterations per frame (no Web Worker: the CSP allows scripts from this
// server only), show an actor's latest events on hover and open its page on click.
import Graph from "graphology";
import forceAtlas2 from "graphology-layout-forceatlas2";
import Sigma from "sigma";

const KIND_COLOURS = {
  country: "#2354a6",
  person: "#c26a00",
  organization: "#6b3fa0",
  group: "#1f7a4d",
  other: "#66707a",
};
const NEUTRAL = [184, 194, 204];
const CONFLICT = [179, 38, 30];
const COOPERATION = [31, 122, 77];
const LAYOUT_BUDGET_MS = 4000;

const container = document.getElementById("graph");
const status = document.getElementById("graph-status");
const tip = document.getElementById("graph-tip");
const state = { hovered: null, neighbours: new Set(), events: new Map() };
// A hook for tests and the benchmark: the renderer, the graph and timings.
window.newsgraph = { rendered: false };

function hash(text) {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0) / 4294967296;
}

function mix(from, to, t) {
  const c = from.map((v, i) => Math.round(v + (to[i] - v) * t));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

// Mean cooperation–conflict score of a dyad (−10…+7) to a colour: red, grey, green.
function scoreColour(score) {
  return score < 0 ? mix(NEUTRAL, CONFLICT, Math.min(1, -score / 6)) : mix(NEUTRAL, COOPERATION, Math.min(1, score / 5));
}

// Past this many dyads edges are drawn as plain lines (arrow heads double the drawing cost) and
// the layout redraws only when it ends.
const MANY_EDGES = 10000;

function buildGraph(data) {
  const graph = new Graph({ type: "directed", multi: false });
  const top = Math.max(1e-9, ...data.nodes.map((n) => n.salience || n.articles || 0));
  for (const n of data.nodes) {
    const size = 3 + 14 * Math.sqrt((n.salience || n.articles || 0) / top);
    graph.addNode(n.id, {
      label: n.name, kind: n.kind, articles: n.articles, size,
      color: KIND_COLOURS[n.kind] || KIND_COLOURS.other,
      x: Math.cos(2 * Math.PI * hash(n.id)) * (1 + hash(n.id + "r")) * 100,
      y: Math.sin(2 * Math.PI * hash(n.id)) * (1 + hash(n.id + "r")) * 100,
    });
  }
  for (const e of data.edges) {
    if (!graph.hasNode(e.source) || !graph.hasNode(e.target)) continue;
    graph.addEdge(e.source, e.target, {
      weight: e.weight, score: e.score, type: data.edges.length > MANY_EDGES ? "line" : "arrow",
      size: Math.min(6, 0.6 + Math.log2(e.weight)), color: scoreColour(e.score),
    });
  }
  return graph;
}

function reducers(graph) {
  return {
    nodeReducer(node, attrs) {
      if (state.hovered === null || node === state.hovered || state.neighbours.has(node)) {
        return node === state.hovered ? { ...attrs, highlighted: true } : attrs;
      }
      return { ...attrs, color: "#d9dde3", label: "" };
    },
    edgeReducer(edge, attrs) {
      if (state.hovered === null) return attrs;
      const [s, t] = graph.extremities(edge);
      return s === state.hovered || t === state.hovered ? attrs : { ...attrs, hidden: true };
    },
  };
}

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text; // text only: names and triggers are data
  if (className) node.className = className;
  return node;
}

function showTip(renderer, graph, node) {
  const attrs = graph.getNodeAttributes(node);
  const at = renderer.graphToViewport({ x: attrs.x, y: attrs.y }); // graph coordinates in, pixels out
  tip.replaceChildren(el("strong", attrs.label), el("span", ` · ${attrs.kind} · ${attrs.articles} article(s)`, "muted"));
  tip.style.left = `${container.offsetLeft + at.x + 14}px`;
  tip.style.top = `${container.offsetTop + at.y + 14}px`;
  tip.hidden = false;
  loadEvents(node).then((events) => {
    if (state.hovered !== node) return;
    const list = el("ul");
    for (const e of events) {
      const who = `${e.source_name || e.source} → ${e.target_name || "—"}`;
      list.append(el("li", `${e.date || "undated"} ${e.type} ${who} (“${e.trigger}”)`));
    }
    tip.append(events.length ? list : el("div", "no events", "muted"));
  });
}

function loadEvents(node) {
  if (!state.events.has(node)) {
    const url = `/api/events?actor=${encodeURIComponent(node)}&limit=5`;
    state.events.set(node, fetch(url).then((r) => (r.ok ? r.json() : { items: [] })).then((p) => p.items));
  }
  return state.events.get(node);
}

function bindEvents(renderer, graph) {
  renderer.on("enterNode", ({ node }) => {
    state.hovered = node;
    state.neighbours = new Set(graph.neighbors(node));
    renderer.refresh({ skipIndexation: true });
    showTip(renderer, graph, node);
  });
  renderer.on("leaveNode", () => {
    state.hovered = null;
    state.neighbours = new Set();
    tip.hidden = true;
    renderer.refresh({ skipIndexation: true });
  });
  renderer.on("clickNode", ({ node }) => {
    window.location.href = `/actors/${encodeURIComponent(node)}`;
  });
}

// ForceAtlas2 runs in a worker (static/layout-worker.js) so panning and hovering stay smooth; the
// drawn graph takes its positions now and then, since each redraw of a large graph costs more
// than many layout iterations. Without workers the layout runs in slices between frames.
function runLayout(graph) {
  const pushEveryMs = graph.size > MANY_EDGES ? 2000 : graph.order > 1000 ? 1000 : 150;
  const finish = (stats) => Object.assign(window.newsgraph, { layoutDone: true, ...stats });
  let worker;
  try {
    worker = new Worker("/static/layout-worker.js");
  } catch (error) {
    return layoutInSlices(graph, pushEveryMs, finish);
  }
  const order = graph.nodes();
  const index = new Map(order.map((node, i) => [node, i]));
  worker.onmessage = ({ data }) => {
    if (window.newsgraph.layoutDone) return;
    // One batched update: sigma redraws once, not once per node.
    graph.updateEachNodeAttributes(
      (node, attrs) => ({ ...attrs, x: data.xy[2 * index.get(node)], y: data.xy[2 * index.get(node) + 1] }),
      { attributes: ["x", "y"] },
    );
    if (data.done) finish({ layoutIterations: data.iterations, layoutBusyMs: data.busyMs });
  };
  worker.onerror = () => {
    worker.terminate();
    layoutInSlices(graph, pushEveryMs, finish);
  };
  window.newsgraph.stopLayout = () => {
    worker.terminate();
    finish({});
  };
  worker.postMessage({
    nodes: order.map((node) => {
      const a = graph.getNodeAttributes(node);
      return [node, a.x, a.y, a.size];
    }),
    edges: graph.mapEdges((edge, attrs, source, target) => [source, target, attrs.weight]),
    budgetMs: LAYOUT_BUDGET_MS,
    pushEveryMs,
  });
}

// The fallback: ForceAtlas2 on a detached copy, a few milliseconds per frame.
function layoutInSlices(graph, pushEveryMs, finish) {
  const settings = forceAtlas2.inferSettings(graph);
  const shadow = graph.copy();
  const started = performance.now();
  let lastPush = started;
  let stopped = false;
  window.newsgraph.stopLayout = () => {
    stopped = true;
  };
  const step = () => {
    const frame = performance.now();
    do forceAtlas2.assign(shadow, { iterations: 1, settings });
    while (performance.now() - frame < 8);
    const now = performance.now();
    const done = stopped || now - started > LAYOUT_BUDGET_MS;
    if (done || now - lastPush > pushEveryMs) {
      graph.updateEachNodeAttributes((node, attrs) => {
        const at = shadow.getNodeAttributes(node);
        return { ...attrs, x: at.x, y: at.y };
      }, { attributes: ["x", "y"] });
      lastPush = now;
    }
    if (done) finish({});
    else requestAnimationFrame(step);
  };
  requestAnimationFrame(step);
}

async function main() {
  const started = performance.now();
  const response = await fetch(`/api/graph?${container.dataset.query || ""}`);
  if (!response.ok) {
    const body = await response.json().catch(() => ({}));
    status.textContent = `Could not load the network: ${JSON.stringify(body.detail || response.status)}`;
    return;
  }
  const data = await response.json();
  window.newsgraph.fetchMs = performance.now() - started;
  if (!data.edges.length) {
    status.textContent = "No dyads match these filters.";
    return;
  }
  const graph = buildGraph(data);
  const big = graph.order > 1000;
  // Small graphs settle before the first paint; large ones paint first and settle in slices.
  if (!big) forceAtlas2.assign(graph, { iterations: 100, settings: forceAtlas2.inferSettings(graph) });
  const renderer = new Sigma(graph, container, {
    defaultEdgeType: "arrow",
    labelRenderedSizeThreshold: big ? 12 : 5,
    hideEdgesOnMove: big,
    zIndex: false,
    ...reducers(graph),
  });
  // Sigma draws once inside its constructor; the frame after it is on screen.
  window.newsgraph.drawMs = performance.now() - started;
  requestAnimationFrame(() => {
    const now = performance.now();
    Object.assign(window.newsgraph, { rendered: true, renderMs: now - started, sincePageMs: now });
    container.dataset.rendered = "true";
  });
  Object.assign(window.newsgraph, { renderer, graph });
  bindEvents(renderer, graph);
  status.textContent = "";
  document.getElementById("graph-stats").textContent =
    `${graph.order} actors, ${graph.size} dyads${data.truncated ? ` (the ${data.max_edges} busiest)` : ""}.`;
  runLayout(graph);
}

main().catch((error) => {
  status.textContent = `Could not draw the network: ${error.message}`;
  window.newsgraph.error = String(error);
});
