// Model deployments against the lifecycle table (models.json): every deployment main.bicep's
// modelDeployments parameter lists is in the table, is not past its deprecation (no new deployments) or
// retirement date, and states the table's dates beside it; the table itself has been reviewed recently;
// MODEL_PRICES (apps/common.json) prices every deployment, so usage is charged.
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileScope, Unevaluable } from './evaluate.mjs';

const TABLE = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'models.json'), 'utf8'));
const DAY = 86_400_000;

export function checkModels(root, parsed, today = new Date()) {
  const mainPath = join(root, 'infra/bicep/main.bicep');
  const main = parsed.get(mainPath);
  if (!main?.tree) {
    return [];
  }
  const findings = [];
  const fail = message => findings.push({ check: 'models', message });
  const reviewed = new Date(TABLE.reviewed);
  if ((today - reviewed) / DAY > TABLE.reviewEveryDays) {
    fail(`tools/infra-checks/lib/models.json was last reviewed on ${TABLE.reviewed}, more than ${TABLE.reviewEveryDays} days ago: check the retirement dates again`);
  }
  let deployments;
  try {
    deployments = fileScope(mainPath, main.tree).lookup('modelDeployments');
  } catch (e) {
    if (!(e instanceof Unevaluable)) {
      throw e;
    }
    fail(`infra/bicep/main.bicep: the modelDeployments parameter cannot be read offline (${e.message})`);
    return findings;
  }
  const commonPath = join(root, 'infra/bicep/apps/common.json');
  const prices = existsSync(commonPath)
    ? (JSON.parse(readFileSync(commonPath, 'utf8')).settings?.MODEL_PRICES ?? '').split(',').map(p => p.split('=')[0]) : [];
  for (const d of deployments) {
    const where = `infra/bicep/main.bicep modelDeployments ${d.model} ${JSON.stringify(d.version)}`;
    if (typeof d.version !== 'string') {
      fail(`${where}: version must be a string`);
    }
    const known = TABLE.models.find(m => m.model === d.model && m.version === d.version);
    if (!known) {
      fail(`${where} is not in the lifecycle table tools/infra-checks/lib/models.json`);
      continue;
    }
    for (const [what, date] of [['deprecated (no new deployments)', known.deprecation], ['retired', known.retirement]]) {
      if (date && new Date(date) <= today) {
        fail(`${where} was ${what} on ${date}`);
      }
    }
    if ((d.deprecation ?? null) !== known.deprecation || (d.retirement ?? null) !== known.retirement) {
      fail(`${where} states deprecation ${d.deprecation ?? null} and retirement ${d.retirement ?? null}; the table says ${known.deprecation} and ${known.retirement}`);
    }
    if (!prices.includes(d.name)) {
      fail(`${where}: MODEL_PRICES in infra/bicep/apps/common.json has no price for the deployment '${d.name}'`);
    }
  }
  return findings;
}
