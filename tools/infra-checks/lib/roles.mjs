// Built-in role definition ids in role-assignments.bicep's roleIds against Microsoft's published ids
// (Azure built-in roles reference; the same in every tenant): a mistyped or placeholder GUID (all
// zeros) would assign nothing, or fail only at deployment.
import { join } from 'node:path';
import { fileScope, Unevaluable } from './evaluate.mjs';

export const BUILT_IN_ROLES = {
  'Storage Blob Data Owner': 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b',
  'Storage Blob Data Contributor': 'ba92f5b4-2d11-453d-a403-e96b0029c9fe',
  'Storage Blob Data Reader': '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1',
  'Storage Queue Data Contributor': '974c5e8b-45b9-4653-ba55-5f855dd0fb88',
  'Storage Queue Data Message Processor': '8a0f0c08-91a1-4084-bc3d-661d67233fed',
  'Storage Queue Data Message Sender': 'c6a89b2d-59bc-44d0-9896-0f6e12d7b80a',
  'Storage Queue Data Reader': '19e7f393-937e-4f77-808e-94535e297925',
  'Storage Table Data Contributor': '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3',
  'Storage Table Data Reader': '76199698-9eea-4c19-bc75-cec21354c6b6',
  'Cognitive Services OpenAI User': '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd',
  'EventGrid Data Sender': 'd5a91429-5739-47e2-a06b-3470a27159e7',
  'Key Vault Secrets User': '4633458b-17de-408a-b874-0445c86b69e6',
  'Key Vault Secrets Officer': 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7',
};

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function checkRoleIds(root, parsed) {
  const path = join(root, 'infra/bicep/modules/role-assignments.bicep');
  const file = parsed.get(path);
  if (!file?.tree) {
    return [];
  }
  const fail = message => ({ check: 'role-ids', message: `infra/bicep/modules/role-assignments.bicep: ${message}` });
  let roleIds;
  try {
    roleIds = fileScope(path, file.tree).lookup('roleIds');
  } catch (e) {
    if (e instanceof Unevaluable) {
      return [fail(`roleIds cannot be read offline (${e.message})`)];
    }
    throw e;
  }
  const findings = [];
  for (const [role, id] of Object.entries(roleIds)) {
    if (!GUID.test(id) || /^[0-]+$/.test(id)) {
      findings.push(fail(`'${role}' has '${id}', which is no role definition id`));
    } else if (!(role in BUILT_IN_ROLES)) {
      findings.push(fail(`'${role}' is not a built-in role the checks know; add it with its published id to lib/roles.mjs`));
    } else if (BUILT_IN_ROLES[role] !== id) {
      findings.push(fail(`'${role}' has '${id}'; its published id is ${BUILT_IN_ROLES[role]}`));
    }
  }
  return findings;
}
