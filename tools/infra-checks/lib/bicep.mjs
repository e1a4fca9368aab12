// Bicep read with the tree-sitter grammar (WASM, no network, no Bicep CLI): syntax errors, the files a
// template points at (modules, load*Content), module calls against the modules' declared parameters,
// and the few literal facts the other checks need (object keys of named variables).
import { Parser, Language } from 'web-tree-sitter';
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { checkResources } from './arm.mjs';
import { checkPolicies } from './policies.mjs';
import { checkOrdering } from './ordering.mjs';
import { checkModels } from './models.mjs';
import { checkRoleIds } from './roles.mjs';

const require = createRequire(import.meta.url);

let parser;

async function bicepParser() {
  if (!parser) {
    await Parser.init();
    const language = await Language.load(require.resolve('tree-sitter-bicep/tree-sitter-bicep.wasm'));
    parser = new Parser();
    parser.setLanguage(language);
  }
  return parser;
}

export function bicepFiles(dir) {
  if (!existsSync(dir)) {
    return [];
  }
  const out = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      out.push(...bicepFiles(path));
    } else if (entry.endsWith('.bicep')) {
      out.push(path);
    }
  }
  return out;
}

function walk(node, visit) {
  visit(node);
  for (const child of node.children) {
    walk(child, visit);
  }
}

function stringValue(node) {
  // A plain string literal; null when it interpolates.
  if (node?.type !== 'string' || node.children.some(c => c.type === 'interpolation')) {
    return null;
  }
  return node.text.replace(/^'|'$/g, '').replace(/\\'/g, '\'');
}

/** Parses one file: syntax problems, module paths, load*Content paths, and top-level variables. */
export async function parseBicep(path) {
  const tree = (await bicepParser()).parse(readFileSync(path, 'utf8'));
  const errors = [];
  const modules = [];
  const loads = [];
  walk(tree.rootNode, node => {
    if (node.type === 'ERROR' || node.isMissing) {
      errors.push({ line: node.startPosition.row + 1, column: node.startPosition.column + 1,
        text: node.isMissing ? `missing ${node.type}` : node.text.split('\n')[0].slice(0, 60) });
    }
    if (node.type === 'module_declaration') {
      const target = stringValue(node.children.find(c => c.type === 'string'));
      if (target !== null) {
        modules.push({ path: target, line: node.startPosition.row + 1, params: passedParams(node) });
      }
    }
    // tree-sitter-bicep 1.1.0 reads a call that opens a multi-line array as an identifier followed by a
    // parenthesized expression; both shapes are calls here.
    const call = node.type === 'call_expression'
      ? { fn: node.childForFieldName('function')?.text, arg: node.childForFieldName('arguments')?.namedChildren[0] }
      : node.type === 'identifier' && node.nextSibling?.type === 'parenthesized_expression'
        ? { fn: node.text, arg: node.nextSibling.namedChildren[0] }
        : null;
    if (call) {
      const fn = call.fn;
      if (/^load(Json|Text|Yaml|FileAsBase64)Content$/.test(fn ?? '')) {
        const target = stringValue(call.arg);
        if (target !== null) {
          loads.push({ fn, path: target, line: node.startPosition.row + 1, variable: variableOf(node) });
        }
      }
    }
  });
  const params = new Map();
  for (const node of tree.rootNode.namedChildren) {
    if (node.type === 'parameter_declaration') {
      const [name, type, value] = node.namedChildren;
      params.set(name.text, { optional: value !== undefined || type?.namedChildren[0]?.type === 'nullable_type' });
    }
  }
  const variables = new Map();
  const outputs = [];
  for (const node of tree.rootNode.namedChildren) {
    if (node.type === 'output_declaration') {
      const [name, , value] = node.namedChildren;
      outputs.push({ name: name.text, value: value?.text, line: node.startPosition.row + 1 });
    }
    if (node.type === 'variable_declaration') {
      const name = node.namedChildren.find(c => c.type === 'identifier')?.text;
      variables.set(name, node);
    }
  }
  return { path, tree, errors, modules, loads, variables, params, outputs };
}

/** The keys of a module's `params` object, wherever its body sits (plain, `if (...)` or `[for ...]`). */
function passedParams(moduleNode) {
  let body = moduleNode.namedChildren.find(c => c.type === 'object');
  for (const wrapper of moduleNode.namedChildren.filter(c => c.type === 'if_statement' || c.type === 'for_statement')) {
    body = wrapper.namedChildren.find(c => c.type === 'object') ?? body;
  }
  const params = body?.namedChildren.find(p => p.type === 'object_property' && p.namedChildren[0]?.text === 'params');
  const object = params?.namedChildren[1];
  if (object?.type !== 'object') {
    return null;
  }
  return object.namedChildren.filter(p => p.type === 'object_property').map(p => p.namedChildren[0].text);
}

function variableOf(node) {
  for (let n = node; n; n = n.parent) {
    if (n.type === 'variable_declaration') {
      return n.namedChildren.find(c => c.type === 'identifier')?.text;
    }
  }
  return null;
}

/** Keys of the object literals in a variable (top-level properties of each literal found in it). */
export function objectKeys(variableNode) {
  const keys = new Set();
  if (!variableNode) {
    return keys;
  }
  walk(variableNode, node => {
    if (node.type === 'object_property') {
      const key = node.namedChildren[0];
      const text = key?.type === 'string' ? stringValue(key) : key?.text;
      if (text !== null && text !== undefined) {
        keys.add(text);
      }
    }
  });
  return keys;
}

// A module call passes only parameters the module declares, and every one it requires (no default,
// not nullable).
function moduleParamFindings(rel, module, targetPath) {
  if (module.params === null || !existsSync(targetPath)) {
    return [];
  }
  const declared = parseCache.get(resolve(targetPath))?.params;
  if (!declared) {
    return [];
  }
  const findings = [];
  for (const name of module.params) {
    if (!declared.has(name)) {
      findings.push({ check: 'module-params', message: `${rel}:${module.line} passes '${name}', which ${module.path} does not declare` });
    }
  }
  for (const [name, param] of declared) {
    if (!param.optional && !module.params.includes(name)) {
      findings.push({ check: 'module-params', message: `${rel}:${module.line} does not pass '${name}', which ${module.path} requires` });
    }
  }
  return findings;
}

const parseCache = new Map();

/** Syntax and referenced-file findings for every .bicep under dir. */
export async function checkBicep(root, dir) {
  const findings = [];
  const parsed = new Map();
  const paths = bicepFiles(dir);
  parseCache.clear();
  for (const path of paths) {
    const file = await parseBicep(path);
    parsed.set(resolve(path), file);
    parseCache.set(resolve(path), file);
  }
  for (const path of paths) {
    const file = parsed.get(resolve(path));
    const rel = relative(root, path);
    for (const e of file.errors) {
      findings.push({ check: 'bicep-syntax', message: `${rel}:${e.line}:${e.column} does not parse near '${e.text}'` });
    }
    findings.push(...checkResources(rel, file.tree));
    for (const m of file.modules) {
      if (!existsSync(join(dirname(path), m.path))) {
        findings.push({ check: 'module-paths', message: `${rel}:${m.line} module '${m.path}' does not exist` });
      }
    }
    for (const m of file.modules) {
      findings.push(...moduleParamFindings(rel, m, join(dirname(path), m.path)));
    }
    for (const l of file.loads) {
      if (!existsSync(join(dirname(path), l.path))) {
        findings.push({ check: 'module-paths', message: `${rel}:${l.line} ${l.fn}('${l.path}') does not exist` });
      }
    }
  }
  findings.push(...checkPolicies(root, parsed), ...checkOrdering(root, parsed), ...checkModels(root, parsed),
    ...checkRoleIds(root, parsed));
  return { findings, parsed };
}
