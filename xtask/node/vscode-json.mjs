// VS Code's JSON language service (vscode-json-languageservice, the library inside VS Code's JSON
// support) on the profiles, with the schema each file names in `$schema`, as an editor loads it.
// Run by `cargo xtask interop`:
//
//   node xtask/node/vscode-json.mjs <folder holding node_modules> <repository root>
//
// Checks: every profile has 0 problems; each file of tests/fixtures/schema-rejects/ has exactly
// the problems `schema-rejects.json` lists, at their lines; hovering each key of profiles/ct.json
// shows that field's own description; completion inside a sex venue offers exactly the sex
// venues; rank 0 is a problem. Prints one line per check and exits 1 when one fails.

import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [modules, root] = process.argv.slice(2);
if (!modules || !root) {
  console.error('usage: node vscode-json.mjs <folder holding node_modules> <repository root>');
  process.exit(2);
}
const require = createRequire(path.join(path.resolve(modules), 'package.json'));
const json = require('vscode-json-languageservice');
const { TextDocument } = require('vscode-languageserver-textdocument');

const here = path.dirname(fileURLToPath(import.meta.url));
const schemaPath = path.join(root, 'schemas/state-profile.schema.json');
const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));

// As VS Code does: `$schema` is resolved against the document's URI and read from disk.
const service = json.getLanguageService({
  schemaRequestService: async (uri) => fs.readFileSync(fileURLToPath(uri), 'utf8'),
  workspaceContext: { resolveRelativePath: (relative, resource) => new URL(relative, resource).href },
});
service.configure({ validate: true, allowComments: false });

const failures = [];
function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
}

function open(file, text = fs.readFileSync(file, 'utf8')) {
  const document = TextDocument.create(pathToFileURL(file).href, 'json', 1, text);
  return { document, tree: service.parseJSONDocument(document) };
}

async function problems(file, text) {
  const { document, tree } = open(file, text);
  const found = await service.doValidation(document, tree, { schemaValidation: 'error' });
  return found.map((d) => ({ line: d.range.start.line + 1, message: d.message }));
}

const show = (list) => list.map((p) => `${p.line}: ${p.message}`).join('; ') || 'none';

// 1. Every profile validates with 0 problems, through its own `$schema`.
const profiles = fs
  .readdirSync(path.join(root, 'profiles'))
  .filter((name) => name.endsWith('.json'))
  .sort();
let clean = 0;
for (const name of profiles) {
  const found = await problems(path.join(root, 'profiles', name));
  if (found.length === 0) clean += 1;
  else check(false, `profiles/${name}: ${show(found)}`);
}
check(profiles.length > 0 && clean === profiles.length, `${clean} of ${profiles.length} profiles have 0 problems`);

// 2. Each broken file has exactly the problems listed, at their lines.
const rejectsDir = path.join(root, 'tests/fixtures/schema-rejects');
const expected = JSON.parse(fs.readFileSync(path.join(here, 'schema-rejects.json'), 'utf8'));
const rejects = fs.readdirSync(rejectsDir).filter((name) => name.endsWith('.json')).sort();
for (const name of rejects) {
  const want = expected[name];
  if (!want) {
    check(false, `${name}: no expected problems in xtask/node/schema-rejects.json`);
    continue;
  }
  const found = await problems(path.join(rejectsDir, name));
  const matches =
    found.length === want.length &&
    want.every((w, i) => found[i].line === w.line && found[i].message.includes(w.message));
  check(matches, `schema-rejects/${name}: ${show(found)}${matches ? '' : ` (expected ${show(want)})`}`);
}
for (const name of Object.keys(expected).filter((name) => !rejects.includes(name))) {
  check(false, `schema-rejects.json lists ${name}, which is not in tests/fixtures/schema-rejects/`);
}

// 3. Hover on each key of Connecticut's profile shows the field's own description: the text
// beside the property in the schema, never that of the type it refers to.
function unescapeMarkdown(text) {
  return text.replace(/\\([\\`*_{}[\]()#+\-.!<>"|])/g, '$1').replace(/\\\n/g, '\n');
}
function fieldSchema(keys) {
  let node = schema;
  let property;
  for (const key of keys) {
    while (node.$ref) node = schema.$defs[node.$ref.replace('#/$defs/', '')];
    if (typeof key === 'number') {
      node = node.items;
      property = undefined;
    } else {
      property = node.properties[key];
      node = property;
    }
  }
  return property;
}
const ctPath = path.join(root, 'profiles/ct.json');
const ct = open(ctPath);
const hovers = new Map();
async function walk(node, keys) {
  if (node.type === 'object') {
    for (const property of node.properties) {
      const at = [...keys, property.keyNode.value];
      const position = ct.document.positionAt(property.keyNode.offset + 1);
      const hover = await service.doHover(ct.document, position, ct.tree);
      const contents = hover ? [hover.contents].flat() : [];
      const shown = unescapeMarkdown(contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n\n'));
      hovers.set(at.join('.'), shown);
      const description = fieldSchema(at)?.description;
      const first = shown.split('\n\n')[0];
      const pointer = at.map(String).join('.');
      check(
        description !== undefined && first === description,
        `hover ${pointer}: ${JSON.stringify(first)}${description === first ? '' : ` (field: ${JSON.stringify(description)})`}`,
      );
      if (property.valueNode) await walk(property.valueNode, at);
    }
  } else if (node.type === 'array') {
    for (const [index, item] of node.items.entries()) await walk(item, [...keys, index]);
  }
}
await walk(ct.tree.root, []);
const named = {
  hotline_cases: 'The two headline figures of the document.',
  'state.code': 'The jurisdiction\'s USPS code: "CT".',
  'sex_trafficking_venues.0.venue': "The venue's label.",
  status: '"draft" may leave out the sections marked (P) in the format; "published" must have them all.',
};
for (const [key, text] of Object.entries(named)) {
  const shown = hovers.get(key) ?? '';
  check(shown.startsWith(text), `hover ${key} is the field's text: ${JSON.stringify(shown)}`);
}

// 4. Completion inside a sex venue offers exactly the sex venues.
{
  const text = fs.readFileSync(ctPath, 'utf8');
  const at = text.indexOf('"venue": "Commercial-Front Brothels"') + '"venue": "'.length;
  const list = await service.doComplete(ct.document, ct.document.positionAt(at), ct.tree);
  const offered = list.items.map((item) => JSON.parse(item.label)).sort();
  const sex = [...schema.$defs.SexVenue.enum].sort();
  const same = offered.length === sex.length && offered.every((v, i) => v === sex[i]);
  check(same, `completion in sex_trafficking_venues[0].venue offers the ${sex.length} sex venues: ${offered.join(', ')}`);
}

// 5. Rank 0 is a problem where the editor shows it.
{
  const text = fs.readFileSync(ctPath, 'utf8');
  const edited = text.replace('"rank": 1,', '"rank": 0,');
  const line = text.slice(0, text.indexOf('"rank": 1,')).split('\n').length;
  const found = await problems(ctPath, edited);
  check(
    found.length === 1 && found[0].line === line,
    `rank 0 in profiles/ct.json: ${show(found)}`,
  );
}

if (failures.length > 0) {
  console.error(`vscode-json-languageservice: ${failures.length} checks failed`);
  process.exit(1);
}
console.log('vscode-json-languageservice: all checks passed');
