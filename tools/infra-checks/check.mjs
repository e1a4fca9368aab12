// Offline checks that the infrastructure, the workflows and the function apps' code agree.
//
//   node tools/infra-checks/check.mjs [repository root]
//
// Prints one line per problem ("FAIL <check> [<app>] <message>") and a summary; exits 1 when any check
// fails. The rules are documented in lib/agreement.mjs, lib/java.mjs and the README.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkBicep } from './lib/bicep.mjs';
import { checkWorkflows } from './lib/workflows.mjs';
import { checkApp, functionApps, infraModel } from './lib/agreement.mjs';

const root = resolve(process.argv[2] ?? '.');
const bicepDir = join(root, 'infra/bicep');
const findings = [];

if (!existsSync(join(bicepDir, 'main.bicep'))) {
  findings.push({ check: 'module-paths', message: 'infra/bicep/main.bicep does not exist' });
}
const bicep = await checkBicep(root, bicepDir);
findings.push(...bicep.findings);

const samplePath = join(root, 'local.settings.sample.json');
const sample = existsSync(samplePath) ? JSON.parse(readFileSync(samplePath, 'utf8')).Values ?? {} : {};
const model = infraModel(root, bicep.parsed);
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

const workflows = await checkWorkflows(root);
findings.push(...workflows.findings);

for (const f of findings) {
  console.log(`FAIL ${f.check}${f.app ? ` [${f.app}]` : ''} ${f.message}`);
}
console.log(`checked ${bicep.parsed.size} Bicep files, ${workflows.count} workflows, ${apps.length} function apps`
  + (summaries.length ? ` (${summaries.join('; ')})` : ''));
console.log(findings.length === 0 ? 'OK' : `${findings.length} problems`);
process.exitCode = findings.length === 0 ? 0 : 1;
