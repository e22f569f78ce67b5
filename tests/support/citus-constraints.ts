import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/*
 * Static checks that keep the code within Citus schema-based sharding (README, "Scaling out with Citus"): each
 * tenant schema may live on a different node, so no statement may name two tenant schemas, and a tenant migration
 * may name no schema at all. The runtime half is tests/integration/database-roles.test.ts: a tenant transaction's
 * role cannot read another tenant's schema.
 */

/** Problems with one statement of a tenant migration: it must stay inside the schema it is applied to. */
export function tenantMigrationProblems(statement: string): string[] {
  const problems: string[] = [];
  if (/"(public|platform|t_[a-z0-9_]+)"\./i.test(statement)) problems.push('quoted schema qualifier');
  if (/\b(public|platform|t_[a-z0-9_]+)\.[a-z_]/i.test(statement)) problems.push('schema qualifier');
  if (/\bSET\s+search_path/i.test(statement)) problems.push('SET search_path');
  return problems;
}

/** Template literals of a source file with their interpolated expressions (nested braces and strings handled). */
export function templateLiterals(source: string): { text: string; expressions: string[]; line: number }[] {
  const out: { text: string; expressions: string[]; line: number }[] = [];
  const lineAt = (i: number) => source.slice(0, i).split('\n').length;
  // Skips a quoted string or comment starting at i; returns the index after it, or i when there is none.
  const skipOther = (i: number): number => {
    const c = source[i];
    if (c === '/' && source[i + 1] === '/') return source.indexOf('\n', i) === -1 ? source.length : source.indexOf('\n', i);
    if (c === '/' && source[i + 1] === '*') return source.indexOf('*/', i + 2) + 2;
    if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < source.length && source[j] !== c && source[j] !== '\n') j += source[j] === '\\' ? 2 : 1;
      return j + 1;
    }
    return i;
  };
  // Reads the template literal starting at the backtick at i; returns the index after the closing backtick.
  const readTemplate = (i: number): number => {
    let j = i + 1;
    let text = '';
    const expressions: string[] = [];
    while (j < source.length && source[j] !== '`') {
      if (source[j] === '\\') {
        text += source.slice(j, j + 2);
        j += 2;
      } else if (source[j] === '$' && source[j + 1] === '{') {
        let depth = 1;
        let k = j + 2;
        while (k < source.length && depth > 0) {
          const skipped = skipOther(k);
          if (skipped !== k) {
            k = skipped;
            continue;
          }
          if (source[k] === '`') {
            k = readTemplate(k);
            continue;
          }
          if (source[k] === '{') depth++;
          if (source[k] === '}') depth--;
          k++;
        }
        expressions.push(source.slice(j + 2, k - 1).trim());
        text += '${}';
        j = k;
      } else text += source[j++];
    }
    out.push({ text, expressions, line: lineAt(i) });
    return j + 1;
  };
  let i = 0;
  while (i < source.length) {
    const skipped = skipOther(i);
    if (skipped !== i) i = skipped;
    else if (source[i] === '`') i = readTemplate(i);
    else i++;
  }
  return out;
}

const SQL_WORDS = /\b(select|insert|update|delete|from|join|create|alter|drop|set_config|with)\b/i;
/** An interpolation that names a tenant schema: the schema helpers, or a variable called schema. */
const SCHEMA_EXPRESSION = /tenantSchemaName\(|\bschema\b|Schema\b/;

/** Statements in one source file that could read or write two tenants at once. */
export function crossTenantQueryProblems(source: string): string[] {
  const problems: string[] = [];
  for (const literal of templateLiterals(source)) {
    if (!SQL_WORDS.test(literal.text)) continue;
    // A tenant schema written out by hand: schema names come from tenantSchemaName(), one tenant at a time.
    if (/(^|[^\w.])"?t_[a-z0-9_]+"?\.\s*"?[a-z_]/i.test(literal.text)) problems.push(`line ${literal.line}: names a tenant schema literally`);
    const schemas = new Set(literal.expressions.filter((e) => SCHEMA_EXPRESSION.test(e)).map((e) => e.replace(/\s+/g, '')));
    if (schemas.size > 1) problems.push(`line ${literal.line}: one statement names ${schemas.size} schemas (${[...schemas].join(', ')})`);
  }
  // The same in plain string literals (a hand-written tenant schema in '…' or "…").
  for (const match of source.matchAll(/(['"])((?:(?!\1)[^\\\n]|\\.)*)\1/g)) {
    const text = match[2]!;
    if (SQL_WORDS.test(text) && /(^|[^\w.])"?t_[a-z0-9_]+"?\.\s*"?[a-z_]/i.test(text)) problems.push(`line ${source.slice(0, match.index).split('\n').length}: names a tenant schema literally`);
  }
  return problems;
}

/** Every .ts/.tsx file under the given folders (relative to the project root). */
export function sourceFiles(root: string, folders: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts')) out.push(full);
    }
  };
  for (const folder of folders) walk(path.join(root, folder));
  return out;
}

export function readSource(file: string): string {
  return readFileSync(file, 'utf8');
}
