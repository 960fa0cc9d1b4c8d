// ForceAtlas2 off the main thread: receives the network's nodes and edges, iterates for a time
// budget and posts node positions back now and then (a Float64Array of x, y in node order).
// Served from /static like every script, as the CSP requires (no blob: workers).
import Graph from "graphology";
import forceAtlas2 from "graphology-layout-forceatlas2";

function positions(graph) {
  const out = new Float64Array(graph.order * 2);
  let i = 0;
  graph.forEachNode((node, attrs) => {
    out[i++] = attrs.x;
    out[i++] = attrs.y;
  });
  return out;
}

self.onmessage = ({ data }) => {
  const graph = new Graph({ type: "directed", multi: false });
  data.nodes.forEach(([id, x, y, size]) => graph.addNode(id, { x, y, size }));
  data.edges.forEach(([source, target, weight]) => graph.mergeEdge(source, target, { weight }));
  const settings = forceAtlas2.inferSettings(graph);
  const started = performance.now();
  let last = started;
  let iterations = 0;
  while (performance.now() - started < data.budgetMs) {
    forceAtlas2.assign(graph, { iterations: 1, settings });
    iterations += 1;
    if (performance.now() - last > data.pushEveryMs) {
      const xy = positions(graph);
      self.postMessage({ xy, done: false }, [xy.buffer]);
      last = performance.now();
    }
  }
  const xy = positions(graph);
  self.postMessage({ xy, done: true, iterations, busyMs: performance.now() - started }, [xy.buffer]);
};
