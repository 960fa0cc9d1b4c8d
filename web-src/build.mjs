// Build the network bundle and its layout worker into the Python package's static folder, with the licences of every
// npm package that ends up inside it. Run: npm ci && npm run build
import { build } from "esbuild";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "src", "newsgraph", "web", "static");

const result = await build({
  entryPoints: [join(here, "src", "network.js"), join(here, "src", "layout-worker.js")],
  outdir: out,
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2019"],
  legalComments: "none", // shipped whole in network.js.LICENSES.txt instead
  metafile: true,
  logLevel: "info",
});

// Every package whose files were bundled, found from the inputs esbuild read.
const packages = new Set();
for (const input of Object.keys(result.metafile.inputs)) {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
  if (match) packages.add(match[1]);
}
const sections = [...packages].sort().map((name) => {
  const dir = join(here, "node_modules", name);
  const meta = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)/i.test(f));
  const text = file ? readFileSync(join(dir, file), "utf8").trim() : `License: ${meta.license}`;
  return `${name} ${meta.version} (${meta.license})\n${"-".repeat(60)}\n${text}\n`;
});
const header = "Third-party software bundled in network.js and layout-worker.js (built by web-src/build.mjs)\n\n";
writeFileSync(join(out, "network.js.LICENSES.txt"), header + sections.join("\n"));
console.log(`bundled: ${[...packages].sort().join(", ")}`);
