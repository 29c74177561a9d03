// Puts the Vega files the statistics pages load into node_modules/.static/vega/, which Django
// serves as static "vega/…" (STATICFILES_DIRS). npm runs this after every install (postinstall).
//
// vega, vega-lite and vega-embed ship browser builds that are copied as they are. vega-interpreter
// (Vega's expression evaluator without `new Function`, which a strict CSP forbids) ships only as
// an ES module importing "vega-util" by bare name; a browser resolves that only through an import
// map, an inline script the CSP also forbids. esbuild bundles it into one classic script that
// sets `window.vegaInterpreter`.
import { copyFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const modules = join(root, "node_modules");
const target = join(modules, ".static", "vega");
const builds = [
  "vega/build/vega.min.js",
  "vega-lite/build/vega-lite.min.js",
  "vega-embed/build/vega-embed.min.js",
];

mkdirSync(target, { recursive: true });
for (const file of builds) {
  const source = join(modules, file);
  const name = file.split("/").pop();
  copyFileSync(source, join(target, name));
  // Django's manifest storage follows a sourceMappingURL: the map must come along.
  const map = /sourceMappingURL=(\S+)\s*$/.exec(readFileSync(source, "utf8"));
  if (map) {
    const mapSource = join(dirname(source), map[1]);
    if (!existsSync(mapSource)) throw new Error(`${file} names a missing ${map[1]}`);
    copyFileSync(mapSource, join(target, map[1]));
  }
}

await build({
  entryPoints: [join(modules, "vega-interpreter", "build", "vega-interpreter.js")],
  bundle: true,
  format: "iife",
  globalName: "vegaInterpreter",
  minify: true,
  legalComments: "none",
  logLevel: "warning",
  outfile: join(target, "vega-interpreter.min.js"),
});
