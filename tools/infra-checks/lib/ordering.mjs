// The deployment order chains that must hold in main.bicep, read from its dependency graph as Bicep
// builds it: a declaration depends on every module or resource it names (directly, or through the
// variables it uses) and on its dependsOn entries, transitively.
//
// Each rule: `first` must be deployed before `then` (then depends on first, and first does not depend
// on then). Why each holds:
// - roles before listKeys: the host keeps its keys in azure-webjobs-secrets; listKeys on host/default
//   fails until the app's identity holds Storage Blob Data Owner there;
// - roles before the apps: the host starts with identity-based storage and must reach it at once;
// - secrets before the roles on them (a role is scoped to the secret) and before the settings and named
//   values that reference them: an unresolved Key Vault reference is cached as its literal text.
// Also: a call of function-app-settings.bicep that writes Key Vault references (withKeyVaultReferences
// other than false) is made only from main.bicep, after the secrets and the roles on them.
import { join, relative } from 'node:path';

export const RULES = [
  { first: 'appRoles', then: 'functionApps', why: 'the apps\' identities get their host and data roles before the apps exist' },
  { first: 'appRoles', then: 'functionKeys', why: 'listKeys needs the host to read azure-webjobs-secrets (Storage Blob Data Owner)' },
  { first: 'functionApps', then: 'functionKeys', why: 'listKeys needs the app' },
  { first: 'functionKeys', then: 'appSecretRoles', why: 'a role on a secret needs the secret' },
  { first: 'functionKeys', then: 'appSettings', why: 'the settings reference the function-key secrets' },
  { first: 'appSecretRoles', then: 'appSettings', why: 'a Key Vault reference resolves only once the app may read the secret' },
  { first: 'functionKeys', then: 'apimRoles', why: 'a role on a secret needs the secret' },
  { first: 'apimRoles', then: 'apim', why: 'the named values read the function keys from Key Vault with the APIM identity' },
  { first: 'qdrantRoles', then: 'qdrant', why: 'the Qdrant VM reads its API key from Key Vault at boot' },
];

function declarations(tree) {
  const out = new Map();
  for (const node of tree.rootNode.namedChildren) {
    if (['module_declaration', 'resource_declaration', 'variable_declaration'].includes(node.type)) {
      out.set(node.namedChildren.find(c => c.type === 'identifier').text, node);
    }
  }
  return out;
}

/** Identifiers a declaration names, property keys excepted. */
function referenced(node) {
  const names = new Set();
  const visit = n => {
    if (n.type === 'identifier' && !(n.parent?.type === 'object_property' && n.parent.namedChildren[0] === n)) {
      names.add(n.text);
    }
    n.namedChildren.forEach(visit);
  };
  node.namedChildren.slice(1).forEach(visit);
  return names;
}

export function dependencyGraph(tree) {
  const decls = declarations(tree);
  const direct = new Map([...decls].map(([name, node]) => [name, [...referenced(node)].filter(n => decls.has(n) && n !== name)]));
  const closure = new Map();
  const reach = (name, seen = new Set()) => {
    if (closure.has(name)) {
      return closure.get(name);
    }
    for (const dep of direct.get(name) ?? []) {
      if (!seen.has(dep)) {
        seen.add(dep);
        reach(dep, seen);
        for (const d of closure.get(dep) ?? []) {
          seen.add(d);
        }
      }
    }
    closure.set(name, seen);
    return seen;
  };
  for (const name of decls.keys()) {
    reach(name);
  }
  return { decls, dependsOn: (a, b) => closure.get(a)?.has(b) ?? false };
}

export function checkOrdering(root, parsed) {
  const mainPath = join(root, 'infra/bicep/main.bicep');
  const main = parsed.get(mainPath);
  if (!main?.tree) {
    return [];
  }
  const findings = [];
  const fail = message => findings.push({ check: 'ordering', message: `infra/bicep/main.bicep: ${message}` });
  const { decls, dependsOn } = dependencyGraph(main.tree);
  for (const rule of RULES) {
    for (const symbol of [rule.first, rule.then]) {
      if (!decls.has(symbol)) {
        fail(`'${symbol}' is not declared, so '${rule.first}' before '${rule.then}' cannot be checked (${rule.why})`);
      }
    }
    if (!decls.has(rule.first) || !decls.has(rule.then)) {
      continue;
    }
    if (dependsOn(rule.first, rule.then)) {
      fail(`'${rule.first}' depends on '${rule.then}', but must come first: ${rule.why}`);
    } else if (!dependsOn(rule.then, rule.first)) {
      fail(`'${rule.then}' does not depend on '${rule.first}': ${rule.why}`);
    }
  }
  for (const [path, file] of parsed) {
    for (const node of file.tree?.rootNode.namedChildren ?? []) {
      if (node.type !== 'module_declaration' || !/function-app-settings\.bicep'$/.test(node.namedChildren.find(c => c.type === 'string')?.text ?? '')) {
        continue;
      }
      const withRefs = /withKeyVaultReferences:\s*(\S+)/.exec(node.text)?.[1];
      if (withRefs === 'false') {
        continue;
      }
      const symbol = node.namedChildren.find(c => c.type === 'identifier').text;
      if (path !== mainPath) {
        findings.push({ check: 'ordering', message: `${relative(root, path)}: '${symbol}' writes Key Vault references `
          + 'before the secrets and the roles on them exist (only main.bicep may, after appSecretRoles)' });
      } else {
        for (const needed of ['functionKeys', 'appSecretRoles']) {
          if (decls.has(needed) && !dependsOn(symbol, needed)) {
            fail(`'${symbol}' writes Key Vault references but does not depend on '${needed}'`);
          }
        }
      }
    }
  }
  return findings;
}
