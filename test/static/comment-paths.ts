/**
 * File paths named in comments (`lib/ipfs/gateway.ts`, `docs/provenance/SPEC.md`, `scripts/ensure-chromium.sh`):
 * found in the comments of the project's source files, so a test can check that each names something that exists.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** Top-level folders of the repository: a path in a comment starts with one of them. */
const ROOTS = ['app', 'lib', 'scripts', 'test', 'bench', 'docs', 'contracts', 'prisma', 'public', 'training', '.ci'];
const SOURCE = /\.(ts|tsx|mjs|cjs|js|sol|sh|py|css)$/;
/** Build output and generated code: their comments are not ours. */
const SKIP = [/^node_modules\//, /^\.next\//, /^lib\/db\/generated\//, /^contracts\/(out|cache|lib)\//, /^public\//];

/** Folders the builds write (ignored by git): named in comments, absent from a fresh checkout. */
const BUILD_OUTPUT = /^(contracts\/(out|cache)|lib\/db\/generated|\.next)(\/|$)/;

export type CommentPath = { file: string; line: number; path: string };

/** The comments of one source file: TypeScript/JavaScript through the compiler's parser (so `/**` in a glob string
 * is not a comment), line and block comments for Solidity and CSS, `#` comments for shell and Python. */
export function comments(file: string, text: string): { line: number; text: string }[] {
  const lineOf = (index: number) => text.slice(0, index).split('\n').length;
  if (/\.(ts|tsx|mjs|cjs|js)$/.test(file)) {
    const source = ts.createSourceFile(
      file,
      text,
      ts.ScriptTarget.Latest,
      false,
      /\.tsx$/.test(file) ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
    );
    const seen = new Map<number, { line: number; text: string }>();
    const add = (ranges: ts.CommentRange[] | undefined) => {
      for (const r of ranges ?? [])
        if (!seen.has(r.pos)) seen.set(r.pos, { line: lineOf(r.pos), text: text.slice(r.pos, r.end) });
    };
    const visit = (node: ts.Node) => {
      add(ts.getLeadingCommentRanges(text, node.pos));
      add(ts.getTrailingCommentRanges(text, node.end));
      // JSX comments (`{/* ... */}`) sit inside an expression container, after its brace.
      if (ts.isJsxExpression(node)) {
        add(ts.getLeadingCommentRanges(text, node.getStart(source) + 1));
        add(ts.getTrailingCommentRanges(text, node.getStart(source) + 1));
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    add(ts.getLeadingCommentRanges(text, source.endOfFileToken.pos));
    return [...seen.values()];
  }
  const pattern = /\.(sh|py)$/.test(file) ? /(^|\s)#(?!!)(.*)$/gm : /\/\*[\s\S]*?\*\/|(^|[^:'"`\\])\/\/(.*)$/gm;
  return [...text.matchAll(pattern)].map((m) => ({ line: lineOf(m.index + (m[1]?.length ?? 0)), text: m[0] }));
}

/** Path-like words in a comment that start at a top-level folder, as written (trailing punctuation dropped). */
export function pathsIn(comment: string): string[] {
  const roots = ROOTS.map((r) => r.replace('.', '\\.')).join('|');
  const pattern = new RegExp(`(?<![\\w./@-])((?:${roots})/[\\w.\\-\\[\\]/@]*[\\w\\]])`, 'g');
  const out: string[] = [];
  for (const m of comment.matchAll(pattern)) {
    const after = comment.slice(m.index + m[0].length);
    if (/^(\*|\$\{|<|\{)/.test(after)) continue; // a pattern (`lib/**/*.ts`, `ipfs/${cid}`), not a file
    const named = m[1]!;
    // A word like `test/automation` is prose; a file has an extension, a folder is written with a trailing slash or
    // as a module path of three segments or more (`lib/config/chains`).
    if (!/\.\w+$/.test(named) && !after.startsWith('/') && named.split('/').length < 3) continue;
    out.push(named);
  }
  return out;
}

/**
 * Whether a path named in a comment of `file` exists: as written or as a module specifier (extension left out),
 * from the repository root or from a folder above the file (Solidity tests name their mocks from contracts/).
 */
export function pathExists(root: string, file: string, named: string): boolean {
  // build output a comment may name (forge's artifacts, Prisma's client) exists only once the build has run
  if (BUILD_OUTPUT.test(named)) return true;
  const bases: string[] = [];
  for (let dir = path.dirname(file); dir !== '.' && dir !== '/'; dir = path.dirname(dir)) bases.push(dir);
  bases.push('.');
  return bases.some((base) =>
    ['', '.ts', '.tsx', '.mjs', '.js', '.sol'].some((ext) => existsSync(path.join(root, base, named + ext))),
  );
}

/** Every path named in a comment of the given files (relative to `root`), with where it is named. */
export function commentPaths(root: string, files: readonly string[]): CommentPath[] {
  const out: CommentPath[] = [];
  for (const file of files) {
    if (!SOURCE.test(file) || SKIP.some((s) => s.test(file))) continue;
    const full = path.join(root, file);
    if (!existsSync(full)) continue;
    for (const c of comments(file, readFileSync(full, 'utf8'))) {
      const lines = c.text.split('\n');
      lines.forEach((text, i) => {
        for (const named of pathsIn(text)) out.push({ file, line: c.line + i, path: named });
      });
    }
  }
  return out;
}
