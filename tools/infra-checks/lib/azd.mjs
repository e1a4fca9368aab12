// azd writes main.bicep's outputs into the environment, and main.parameters.json reads parameters from
// the environment ("${NAME}" or "${NAME=default}"). An output named like such a variable feeds the next
// provision, so it must be that very parameter (as AZURE_LOCATION = location is); anything else
// silently changes the next deployment.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function checkAzdOutputs(root, mainBicep) {
  const parametersPath = join(root, 'infra/bicep/main.parameters.json');
  if (!mainBicep || !existsSync(parametersPath)) {
    return [];
  }
  const parameters = JSON.parse(readFileSync(parametersPath, 'utf8')).parameters ?? {};
  const fedBy = new Map();
  for (const [name, { value }] of Object.entries(parameters)) {
    for (const m of JSON.stringify(value ?? '').matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)(=[^}]*)?\}/g)) {
      fedBy.set(m[1], name);
    }
  }
  const findings = [];
  for (const output of mainBicep.outputs) {
    const parameter = fedBy.get(output.name);
    if (parameter !== undefined && output.value !== parameter) {
      findings.push({ check: 'azd-outputs', message: `infra/bicep/main.bicep:${output.line} output ${output.name} `
        + `would set the environment variable that main.parameters.json reads into '${parameter}'` });
    }
  }
  return findings;
}
