/**
 * Codemod for the dependency rule "import another folder through its index.ts"
 * (.dependency-cruiser.cjs, docs/architecture.md "Boundaries").
 *
 *   npm run fix:imports             rewrite src/ in place and print what changed
 *   npm run fix:imports -- --check  print what would change; exit 1 if anything would
 *
 * For every import or re-export in src/ that names a file of a folder the importer is not in:
 * - if an index.ts between that folder and the file's own folder already exports every imported
 *   name (the same declaration, perhaps renamed), the import is pointed at the outermost such
 *   index;
 * - otherwise the missing names are added, by name (never `export *`, `export type` for types),
 *   to the index.ts of the file's own folder (created when missing), and the import points there.
 * An import of an index.ts that names something the index does not export (a merge that kept
 * one side's index and the other side's importers) gets the name added to that index, from the
 * one file of its folder that exports it.
 * Imports of one module are merged into one declaration. An import is left alone, and listed,
 * when routing it through an index would close a cycle (that is a layering problem to fix by
 * hand), when it is a default, namespace or side-effect import, or when the index already exports
 * another thing under the same name. Running it again changes nothing.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const srcDir = join(root, 'src');
const checkOnly = process.argv.includes('--check');
// Output piped into `head` may close early: that is not a failure of the codemod.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

const files = sourceFiles(srcDir);
const program = ts.createProgram(files, {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  resolveJsonModule: true,
  allowImportingTsExtensions: false,
  noEmit: true,
  skipLibCheck: true,
  types: ['node'],
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
});
const checker = program.getTypeChecker();

const rel = (p: string): string => relative(root, p).split(sep).join('/');

/** The file a relative specifier names, when it is a TypeScript file of src/. */
function resolveSpecifier(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const target = resolve(dirname(from), specifier);
  const candidates = [target.replace(/\.js$/, '.ts'), `${target}.ts`, join(target, 'index.ts')];
  const found = candidates.find((c) => existsSync(c) && c.endsWith('.ts'));
  return found && found.startsWith(srcDir + sep) ? found : undefined;
}

/** Whether `folder` is `inner` or one of the folders above it. */
const encloses = (folder: string, inner: string): boolean => inner === folder || inner.startsWith(folder + sep);

/** The index.ts files, outermost first, through which `importer` may reach `target`; [] if it may import it directly. */
function indexFolders(importer: string, target: string): string[] {
  const targetDir = dirname(target);
  if (encloses(targetDir, dirname(importer)) || basename(target) === 'index.ts') return [];
  const folders: string[] = [];
  for (let dir = targetDir; !encloses(dir, dirname(importer)); dir = dirname(dir)) folders.unshift(dir);
  return folders;
}

function resolvedSymbol(symbol: ts.Symbol): ts.Symbol {
  return symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
}

/** The exports of a module: exported name → the declaration it finally names. */
const exportTables = new Map<string, Map<string, ts.Symbol>>();
function exportsOf(file: string): Map<string, ts.Symbol> {
  let table = exportTables.get(file);
  if (table) return table;
  table = new Map();
  const sf = program.getSourceFile(file);
  const moduleSymbol = sf && checker.getSymbolAtLocation(sf);
  if (moduleSymbol) for (const s of checker.getExportsOfModule(moduleSymbol)) table.set(s.name, resolvedSymbol(s));
  exportTables.set(file, table);
  return table;
}

// --- The graph of src/, for the cycle check. -------------------------------------------------

const edges = new Map<string, Set<string>>();
const edge = (from: string, to: string): void => {
  let set = edges.get(from);
  if (!set) edges.set(from, (set = new Set()));
  set.add(to);
};
function specifiersOf(sf: ts.SourceFile): ts.StringLiteral[] {
  const found: ts.StringLiteral[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push(node.moduleSpecifier);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments;
      if (arg && ts.isStringLiteral(arg)) found.push(arg);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}
for (const file of files) {
  const sf = program.getSourceFile(file);
  if (!sf) continue;
  for (const spec of specifiersOf(sf)) {
    const target = resolveSpecifier(file, spec.text);
    if (target) edge(file, target);
  }
}
/** A path from `from` to `to` in the graph, if there is one. */
function pathBetween(from: string, to: string): string[] | undefined {
  const previous = new Map<string, string>([[from, from]]);
  const queue = [from];
  while (queue.length > 0) {
    const node = queue.shift()!;
    if (node === to) {
      const path = [to];
      while (path[0] !== from) path.unshift(previous.get(path[0]!)!);
      return path;
    }
    for (const next of edges.get(node) ?? []) {
      if (!previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return undefined;
}

// --- Planning. ---------------------------------------------------------------------------------

interface NamedBinding {
  /** The name in the imported module. */
  readonly imported: string;
  /** The local name (or, for a re-export, the exported name). */
  readonly local: string;
  readonly typeOnly: boolean;
}
interface Rewrite {
  readonly declaration: ts.ImportDeclaration | ts.ExportDeclaration;
  readonly index: string;
  readonly bindings: readonly NamedBinding[];
  readonly typeOnly: boolean;
}
/** index.ts → source file → names to add (and whether each is a type). */
const additions = new Map<string, Map<string, Map<string, boolean>>>();
const rewrites = new Map<string, Rewrite[]>();
const leftAlone: string[] = [];

function plannedName(index: string, name: string): ts.Symbol | string | undefined {
  const existing = exportsOf(index).get(name);
  if (existing) return existing;
  for (const [source, names] of additions.get(index) ?? []) if (names.has(name)) return source;
  return undefined;
}

function bindingsOf(decl: ts.ImportDeclaration | ts.ExportDeclaration): NamedBinding[] | string {
  if (ts.isImportDeclaration(decl)) {
    const clause = decl.importClause;
    if (!clause) return 'a side-effect import';
    if (clause.name) return 'a default import';
    if (!clause.namedBindings || ts.isNamespaceImport(clause.namedBindings)) return 'a namespace import';
    return clause.namedBindings.elements.map((e) => ({
      imported: (e.propertyName ?? e.name).text,
      local: e.name.text,
      typeOnly: clause.isTypeOnly || e.isTypeOnly,
    }));
  }
  if (!decl.exportClause || !ts.isNamedExports(decl.exportClause)) return 'an `export *`';
  return decl.exportClause.elements.map((e) => ({
    imported: (e.propertyName ?? e.name).getText(),
    local: e.name.getText(),
    typeOnly: decl.isTypeOnly || e.isTypeOnly,
  }));
}

/** Records that `index` must export `name` from `source` (whether it is a type or a value). */
function addExport(index: string, source: string, name: string, symbol: ts.Symbol): void {
  let bySource = additions.get(index);
  if (!bySource) additions.set(index, (bySource = new Map<string, Map<string, boolean>>()));
  let names = bySource.get(source);
  if (!names) bySource.set(source, (names = new Map<string, boolean>()));
  names.set(name, !(symbol.flags & ts.SymbolFlags.Value));
}

/**
 * An import of an index.ts that names something the index does not export (after a merge kept
 * one side of an index and the other side's importers): export it from the one file of that
 * folder, or the one index of a folder inside it, that does.
 */
function repairIndexImport(file: string, decl: ts.ImportDeclaration | ts.ExportDeclaration, index: string): void {
  const bindings = bindingsOf(decl);
  if (typeof bindings === 'string' || index === file) return;
  const folder = dirname(index);
  const sources = readdirSync(folder, { withFileTypes: true }).flatMap((e) => {
    if (e.isDirectory()) return existsSync(join(folder, e.name, 'index.ts')) ? [join(folder, e.name, 'index.ts')] : [];
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') && e.name !== 'index.ts' ? [join(folder, e.name)] : [];
  });
  const where = `${rel(file)}:${decl.getSourceFile().getLineAndCharacterOfPosition(decl.getStart()).line + 1}`;
  for (const b of bindings) {
    if (plannedName(index, b.imported) !== undefined) continue;
    const found = sources.filter((f) => exportsOf(f).has(b.imported));
    if (found.length !== 1) {
      leftAlone.push(`${where}  ${rel(index)} does not export \`${b.imported}\` and ${found.length === 0 ? 'no' : 'more than one'} file of its folder does`);
      continue;
    }
    const source = found[0]!;
    if (pathBetween(source, index)) {
      leftAlone.push(`${where}  ${rel(index)}: exporting \`${b.imported}\` from ${rel(source)} would close a cycle`);
      continue;
    }
    edge(index, source);
    addExport(index, source, b.imported, exportsOf(source).get(b.imported)!);
  }
}

function plan(file: string, decl: ts.ImportDeclaration | ts.ExportDeclaration, target: string): void {
  if (basename(target) === 'index.ts') return repairIndexImport(file, decl, target);
  const folders = indexFolders(file, target);
  if (folders.length === 0) return;
  const where = `${rel(file)}:${decl.getSourceFile().getLineAndCharacterOfPosition(decl.getStart()).line + 1}`;
  const bindings = bindingsOf(decl);
  if (typeof bindings === 'string') {
    leftAlone.push(`${where}  ${rel(target)}: ${bindings}`);
    return;
  }
  const targetExports = exportsOf(target);
  const wanted = bindings.map((b) => ({ binding: b, symbol: targetExports.get(b.imported) }));
  if (wanted.some((w) => !w.symbol)) {
    leftAlone.push(`${where}  ${rel(target)}: names a thing the file does not export`);
    return;
  }
  // The outermost existing index that already exports every name, as the same declaration.
  for (const folder of folders) {
    const index = join(folder, 'index.ts');
    if (!existsSync(index) || index === file) continue;
    const table = exportsOf(index);
    const names = wanted.map((w) => [...table].find(([name, s]) => s === w.symbol && name === w.binding.imported) ?? [...table].find(([, s]) => s === w.symbol));
    if (names.every(Boolean)) {
      const routed = wanted.map((w, i) => ({ ...w.binding, imported: names[i]![0] }));
      if (closesCycle(file, index, target, where)) return;
      addRewrite(file, { declaration: decl, index, bindings: routed, typeOnly: isTypeOnly(decl) });
      return;
    }
  }
  // Otherwise the index of the file's own folder gets the missing names.
  const index = join(dirname(target), 'index.ts');
  if (index === file) return;
  for (const w of wanted) {
    const existing = plannedName(index, w.binding.imported);
    if (existing !== undefined && existing !== w.symbol && existing !== target) {
      leftAlone.push(`${where}  ${rel(target)}: ${rel(index)} already exports another \`${w.binding.imported}\``);
      return;
    }
  }
  if (closesCycle(file, index, target, where)) return;
  for (const w of wanted) {
    if (exportsOf(index).get(w.binding.imported) === w.symbol) continue;
    addExport(index, target, w.binding.imported, w.symbol!);
  }
  addRewrite(file, { declaration: decl, index, bindings, typeOnly: isTypeOnly(decl) });
}

const isTypeOnly = (decl: ts.ImportDeclaration | ts.ExportDeclaration): boolean =>
  ts.isImportDeclaration(decl) ? Boolean(decl.importClause?.isTypeOnly) : decl.isTypeOnly;

/** Whether importing `index` from `file` (and `index` exporting `target`) would close a cycle; records it if so. */
function closesCycle(file: string, index: string, target: string, where: string): boolean {
  // The new edges are file → index and index → target; either may close a cycle.
  const back = pathBetween(index, file) ?? pathBetween(target, index) ?? pathBetween(target, file);
  if (!back) {
    edge(file, index);
    edge(index, target);
    return false;
  }
  leftAlone.push(`${where}  ${rel(target)}: through ${rel(index)} would close a cycle (${[file, ...back].map(rel).join(' → ')})`);
  return true;
}

function addRewrite(file: string, rewrite: Rewrite): void {
  let list = rewrites.get(file);
  if (!list) rewrites.set(file, (list = []));
  list.push(rewrite);
}

for (const file of files) {
  const sf = program.getSourceFile(file);
  if (!sf) continue;
  for (const statement of sf.statements) {
    if (!(ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement))) continue;
    if (!statement.moduleSpecifier || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const target = resolveSpecifier(file, statement.moduleSpecifier.text);
    if (target) plan(file, statement, target);
  }
}
for (const file of files) {
  const sf = program.getSourceFile(file);
  if (!sf) continue;
  for (const spec of specifiersOf(sf)) {
    const target = resolveSpecifier(file, spec.text);
    const isStatic = ts.isImportDeclaration(spec.parent) || ts.isExportDeclaration(spec.parent);
    if (target && !isStatic && indexFolders(file, target).length > 0) {
      leftAlone.push(`${rel(file)}:${sf.getLineAndCharacterOfPosition(spec.getStart()).line + 1}  ${rel(target)}: a dynamic import`);
    }
  }
}

// --- Writing. ----------------------------------------------------------------------------------

function specifierFrom(file: string, target: string): string {
  const path = relative(dirname(file), target).split(sep).join('/').replace(/\.ts$/, '.js');
  return path.startsWith('.') ? path : `./${path}`;
}

function bindingText(b: NamedBinding, declTypeOnly: boolean): string {
  const name = b.imported === b.local ? b.imported : `${b.imported} as ${b.local}`;
  return b.typeOnly && !declTypeOnly ? `type ${name}` : name;
}

function declarationText(keyword: 'import' | 'export', typeOnly: boolean, bindings: readonly NamedBinding[], specifier: string): string {
  const unique = [...new Map(bindings.map((b) => [`${b.imported} ${b.local}`, b])).values()];
  const names = unique.map((b) => bindingText(b, typeOnly));
  const head = `${keyword}${typeOnly ? ' type' : ''}`;
  const oneLine = `${head} { ${names.join(', ')} } from '${specifier}';`;
  return oneLine.length <= 120 ? oneLine : `${head} {\n${names.map((n) => `  ${n},`).join('\n')}\n} from '${specifier}';`;
}

interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

function applyEdits(text: string, edits: Edit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** The end of a statement including its line break, so a removed statement leaves no blank line. */
function fullLineEnd(text: string, end: number): number {
  return text[end] === '\n' ? end + 1 : end;
}

const changed = new Map<string, string>();
const textOf = (file: string): string => changed.get(file) ?? (existsSync(file) ? readFileSync(file, 'utf8') : '');

for (const [file, list] of rewrites) {
  const sf = program.getSourceFile(file)!;
  const text = sf.getFullText();
  const edits: Edit[] = [];
  // One declaration per keyword and target module (types marked `type` unless all are), folding in
  // what the file already imports from it.
  const groups = new Map<string, { keyword: 'import' | 'export'; typeOnly: boolean; index: string; bindings: NamedBinding[]; decls: (ts.ImportDeclaration | ts.ExportDeclaration)[] }>();
  for (const r of list) {
    const keyword = ts.isImportDeclaration(r.declaration) ? 'import' : 'export';
    const key = `${keyword} ${r.index}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { keyword, typeOnly: true, index: r.index, bindings: [], decls: [] }));
    g.typeOnly &&= r.typeOnly;
    g.bindings.push(...r.bindings);
    g.decls.push(r.declaration);
  }
  for (const statement of sf.statements) {
    if (!(ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement))) continue;
    if (!statement.moduleSpecifier || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    if (list.some((r) => r.declaration === statement)) continue;
    const target = resolveSpecifier(file, statement.moduleSpecifier.text);
    const keyword = ts.isImportDeclaration(statement) ? 'import' : 'export';
    const g = target && groups.get(`${keyword} ${target}`);
    const bindings = g && bindingsOf(statement);
    if (g && typeof bindings !== 'string' && bindings) {
      g.typeOnly &&= isTypeOnly(statement);
      g.bindings.push(...bindings);
      g.decls.push(statement);
    }
  }
  for (const g of groups.values()) {
    const decls = [...g.decls].sort((a, b) => a.getStart() - b.getStart());
    const [first, ...rest] = decls;
    edits.push({ start: first!.getStart(), end: first!.getEnd(), text: declarationText(g.keyword, g.typeOnly, g.bindings, specifierFrom(file, g.index)) });
    for (const d of rest) edits.push({ start: d.getStart(), end: fullLineEnd(text, d.getEnd()), text: '' });
  }
  changed.set(file, applyEdits(text, edits));
}

for (const [index, bySource] of additions) {
  const existing = program.getSourceFile(index);
  let text = textOf(index);
  if (!existing && text === '') {
    text = `/** ${rel(dirname(index)).replace(/^src\//, '')}: what the other folders import from this one. */\n`;
  }
  const edits: Edit[] = [];
  const appended: string[] = [];
  for (const [source, names] of bySource) {
    const specifier = specifierFrom(index, source);
    for (const typeOnly of [false, true]) {
      const wanted = [...names].filter(([, isType]) => isType === typeOnly).map(([name]) => ({ imported: name, local: name, typeOnly }));
      if (wanted.length === 0) continue;
      // Merge into an existing `export { … } from './source.js'` of the same kind, if any.
      const decl = existing?.statements.find(
        (s): s is ts.ExportDeclaration =>
          ts.isExportDeclaration(s) && s.isTypeOnly === typeOnly && !!s.moduleSpecifier && ts.isStringLiteral(s.moduleSpecifier) &&
          resolveSpecifier(index, s.moduleSpecifier.text) === source && !!s.exportClause && ts.isNamedExports(s.exportClause),
      );
      const current = decl ? bindingsOf(decl) : [];
      if (decl && typeof current !== 'string') {
        edits.push({ start: decl.getStart(), end: decl.getEnd(), text: declarationText('export', typeOnly, [...current, ...wanted], specifier) });
      } else {
        appended.push(declarationText('export', typeOnly, wanted, specifier));
      }
    }
  }
  text = existing ? applyEdits(text, edits) : text;
  if (appended.length > 0) text = `${text.replace(/\n*$/, '\n')}${appended.join('\n')}\n`;
  changed.set(index, text);
}

// --- Report. -----------------------------------------------------------------------------------

// Files are written before anything is printed, so a closed output pipe cannot leave half a change.
const created = [...additions.keys()].filter((i) => !existsSync(i));
if (checkOnly) process.exitCode = changed.size > 0 ? 1 : 0;
else for (const [file, text] of changed) writeFileSync(file, text);

let rewritten = 0;
for (const list of rewrites.values()) rewritten += list.length;
console.log(`${rewritten} import(s) in ${rewrites.size} file(s) routed through an index.ts; ${[...additions.values()].reduce((n, m) => n + [...m.values()].reduce((k, s) => k + s.size, 0), 0)} export(s) added to ${additions.size} index.ts (${created.length} new).`);
for (const i of created) console.log(`  new ${rel(i)}`);
if (leftAlone.length > 0) {
  console.log(`${leftAlone.length} import(s) left alone, to fix by hand:`);
  for (const line of leftAlone) console.log(`  ${line}`);
}
