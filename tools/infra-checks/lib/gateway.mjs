// The gateway definition and its APIM policy templates against the Bicep that renders them: every
// placeholder (__NAME__) a template holds is one api-management.bicep substitutes, and every API the
// definition routes is served by a function app main.bicep deploys.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const TEMPLATES = ['global.xml', 'api.xml', 'product-limits.xml'];

export function checkGateway(root, model) {
  const module = join(root, 'infra/bicep/modules/api-management.bicep');
  const definition = join(root, 'infra/gateway/gateway.json');
  if (!existsSync(module) || !existsSync(definition)) {
    return [];
  }
  const substituted = new Set(readFileSync(module, 'utf8').match(/'__[A-Z0-9_]+__'/g)?.map(p => p.slice(1, -1)) ?? []);
  const findings = [];
  for (const template of TEMPLATES) {
    const path = join(root, 'infra/apim/policies', template);
    if (!existsSync(path)) {
      continue; // a missing template is reported by module-paths (main.bicep loads it)
    }
    const placeholders = new Set(readFileSync(path, 'utf8').replace(/<!--[\s\S]*?-->/g, '').match(/__[A-Z0-9_]+__/g) ?? []);
    for (const placeholder of placeholders) {
      if (!substituted.has(placeholder)) {
        findings.push({ check: 'gateway', message: `infra/apim/policies/${template} has ${placeholder}, `
          + 'which api-management.bicep does not replace' });
      }
    }
  }
  for (const api of JSON.parse(readFileSync(definition, 'utf8')).apis ?? []) {
    if (!model.apps.has(api.app)) {
      findings.push({ check: 'gateway', message: `infra/gateway/gateway.json routes ${api.path} to '${api.app}', `
        + 'which main.bicep does not deploy' });
    }
  }
  return findings;
}
