// Every resource declaration's type, API version and body against the Azure Resource Manager models that
// the generated @azure/arm-* SDKs publish (pinned in package.json): each SDK's PUT operations give the
// resource type (from the URL path), the API version and the request body's model; the model's mappers
// give every property's serialized name, type and read-only flag. Nothing here is a hand-written list of
// properties: a type, version or property the SDK does not know fails.
//
// A resource's API version must be the one its SDK describes, so that the body is checked against the
// model of that very version. Expressions are not evaluated; literals (strings, numbers, booleans,
// objects, arrays) are checked against the property's type, and object keys against the model.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

const PACKAGES = ['@azure/arm-appservice', '@azure/arm-apimanagement', '@azure/arm-storage', '@azure/arm-eventgrid',
  '@azure/arm-cognitiveservices', '@azure/arm-keyvault', '@azure/arm-authorization', '@azure/arm-compute',
  '@azure/arm-network', '@azure/arm-operationalinsights', '@azure/arm-appinsights', '@azure/arm-msi',
  '@azure/arm-resources'];

// Keys of a Bicep resource body that are Bicep's, not the request body's.
const BICEP_KEYS = new Set(['name', 'parent', 'scope', 'dependsOn']);

let index;
const EMPTY = { type: { name: 'Composite', className: 'no request body', modelProperties: {} } };

function packageDir(name) {
  return dirname(require.resolve(`${name}/package.json`));
}

/** The ES module build's models folder (dist/esm, dist-esm/src or esm, by generator generation). */
function modelsDir(dir) {
  for (const candidate of ['dist/esm/models', 'dist-esm/src/models', 'esm/models']) {
    if (existsSync(join(dir, candidate, 'mappers.js'))) {
      return join(dir, candidate);
    }
  }
  throw new Error(`no models/mappers.js in ${dir}`);
}

/** The mappers module's exports, evaluated without its imports (they only add error-response models). */
function loadMappers(file) {
  const source = readFileSync(file, 'utf8')
    .replace(/^import [^;]*;$/gm, '')
    .replace(/^export (?:const|var|let) (\w+) =/gm, 'var $1 = __exports.$1 =');
  const exports = {};
  new Function('__exports', '__assign', 'CloudErrorMapper', 'BaseResourceMapper', source)(
    exports, Object.assign, { type: { name: 'Composite', modelProperties: {} } }, { type: { name: 'Composite', modelProperties: {} } });
  return exports;
}

/** Exported parameter objects of parameters.js: api version constants and the body parameters' mapper names. */
function loadParameters(file) {
  const text = readFileSync(file, 'utf8');
  const params = new Map();
  for (const m of text.matchAll(/^export (?:const|var) (\w+) = \{([\s\S]*?)^\};/gm)) {
    const version = /defaultValue: ["']([^"']+)["']/.exec(m[2]);
    const mapper = /mapper: (\w+?)Mapper\b/.exec(m[2]) ?? /mapper: __assign\(__assign\(\{\}, Mappers\.(\w+)\)/.exec(m[2]);
    params.set(m[1], { version: /serializedName: ["']api-version["']/.test(m[2]) ? version?.[1] : undefined, mapper: mapper?.[1] });
  }
  return params;
}

/** "Microsoft.Web/sites/{name}/config/appsettings" -> { type: "microsoft.web/sites/config", fixedName: "appsettings" }. */
function typeOfPath(path) {
  if (/^\/?subscriptions\/\{subscriptionId\}\/resourcegroups\/\{resourceGroupName\}$/i.test(path)) {
    return { type: 'microsoft.resources/resourcegroups', fixedName: null };
  }
  const at = path.lastIndexOf('/providers/');
  if (at < 0) {
    return null;
  }
  const parts = path.slice(at + '/providers/'.length).split('/');
  if (parts.length < 3 || parts.length % 2 === 0) {
    return null;
  }
  const types = [parts[0] + '/' + parts[1]];
  for (let i = 3; i < parts.length; i += 2) {
    types.push(parts[i]);
  }
  const last = parts[parts.length - 1];
  return { type: types.join('/').toLowerCase(), fixedName: last.startsWith('{') ? null : last.toLowerCase() };
}

/** type (lower case) -> [{ version, model, fixedName, sdk }] from every SDK's PUT operations. */
function armIndex() {
  if (index) {
    return index;
  }
  index = new Map();
  for (const name of PACKAGES) {
    const dir = packageDir(name);
    const version = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
    const models = modelsDir(dir);
    const mappers = loadMappers(join(models, 'mappers.js'));
    const params = loadParameters(join(models, 'parameters.js'));
    const operations = join(models, '..', 'operations');
    for (const file of readdirSync(operations).filter(f => f.endsWith('.js'))) {
      const text = readFileSync(join(operations, file), 'utf8');
      for (const spec of text.split(/OperationSpec = \{/).slice(1)) {
        const body = spec.slice(0, spec.search(/\n\};|\n    \};/) + 1 || undefined);
        if (!/httpMethod: ["']PUT["']/.test(body)) {
          continue;
        }
        const path = /path: ["']([^"']+)["']/.exec(body)?.[1];
        const apiParam = /queryParameters: \[\s*Parameters\.(apiVersion\w*)/.exec(body)?.[1];
        const bodyParam = /requestBody: Parameters\.(\w+)/.exec(body)?.[1];
        const inline = /requestBody: \{[\s\S]*?Mappers\.(\w+)/.exec(body)?.[1];
        const model = inline ?? params.get(bodyParam)?.mapper;
        const apiVersion = params.get(apiParam)?.version;
        const type = path && typeOfPath(path);
        // A PUT without a body (an APIM product's API link) has only Bicep's keys.
        if (!type || !apiVersion || (model && !mappers[model]) || (!model && /requestBody:/.test(body))) {
          continue;
        }
        const list = index.get(type.type) ?? [];
        list.push({ version: apiVersion, model: model ? mappers[model] : EMPTY, fixedName: type.fixedName, mappers, sdk: `${name}@${version}` });
        index.set(type.type, list);
      }
    }
  }
  return index;
}

/** The model's properties as a tree of serialized names ("properties.siteConfig" -> properties: { siteConfig }). */
function propertyTree(mapper, mappers) {
  const composite = resolve(mapper, mappers);
  const tree = new Map();
  for (const property of Object.values(composite?.type?.modelProperties ?? {})) {
    const path = property.serializedName.split(/(?<!\\)\./).map(p => p.replace(/\\\./g, '.'));
    let level = tree;
    for (const part of path.slice(0, -1)) {
      if (!level.has(part)) {
        level.set(part, { flattened: new Map() });
      }
      level = level.get(part).flattened;
    }
    level.set(path[path.length - 1], { mapper: property });
  }
  return { tree, composite };
}

function resolve(mapper, mappers) {
  if (mapper?.type?.name === 'Composite' && !mapper.type.modelProperties && mapper.type.className) {
    return mappers[mapper.type.className] ?? mapper;
  }
  return mapper;
}

function key(property) {
  const k = property.namedChildren[0];
  return k.type === 'string' ? k.text.replace(/^'|'$/g, '') : k.text;
}

function isLiteralString(node) {
  return node.type === 'string' && !node.namedChildren.some(c => c.type === 'interpolation');
}

/** Findings for one value node against one property mapper. */
function checkValue(node, mapper, mappers, where, out) {
  const type = mapper?.type?.name;
  if (!type || !node) {
    return;
  }
  const literal = { string: 'a string', number: 'a number', boolean: 'a boolean', object: 'an object', array: 'an array' }[node.type];
  if (node.type === 'null') {
    return;
  }
  const expects = {
    String: ['string'], Uuid: ['string'], Date: ['string'], DateTime: ['string'], TimeSpan: ['string'],
    Base64Url: ['string'], ByteArray: ['string'], Enum: ['string'], Number: ['number'], Boolean: ['boolean'],
    Composite: ['object'], Dictionary: ['object'], Sequence: ['array'],
  }[type];
  if (literal && expects && !expects.includes(node.type)) {
    out.push(`${where} is ${literal}, but the model's type is ${type}`);
    return;
  }
  if (type === 'Enum' && isLiteralString(node) && mapper.type.allowedValues
    && !mapper.type.allowedValues.includes(node.text.slice(1, -1))) {
    out.push(`${where} is '${node.text.slice(1, -1)}', not one of ${mapper.type.allowedValues.join(', ')}`);
  }
  if (type === 'Composite' && node.type === 'object') {
    checkObject(node, composite(node, mapper, mappers), mappers, where, out);
  }
  if (type === 'Dictionary' && node.type === 'object') {
    for (const p of node.namedChildren.filter(c => c.type === 'object_property')) {
      checkValue(p.namedChildren[1], mapper.type.value, mappers, `${where}.${key(p)}`, out);
    }
  }
  if (type === 'Sequence' && node.type === 'array') {
    node.namedChildren.forEach((element, i) => checkValue(element, mapper.type.element, mappers, `${where}[${i}]`, out));
  }
}

/** A polymorphic model's subtype, chosen by the literal discriminator value the object holds. */
function composite(node, mapper, mappers) {
  const base = resolve(mapper, mappers);
  const discriminator = base?.type?.polymorphicDiscriminator?.serializedName;
  if (!discriminator) {
    return base;
  }
  const value = node.namedChildren.find(p => p.type === 'object_property' && key(p) === discriminator)?.namedChildren[1];
  if (!value || !isLiteralString(value)) {
    return base;
  }
  const wanted = value.text.slice(1, -1);
  const sub = Object.values(mappers).find(m => m?.type?.uberParent && m.serializedName === wanted
    && (m.type.uberParent === base.type.className || m.type.uberParent === base.type.uberParent));
  return sub ?? base;
}

function checkObject(node, mapper, mappers, where, out, skip = new Set()) {
  const { tree, composite: model } = propertyTree(mapper, mappers);
  if (model?.type?.additionalProperties) {
    return;
  }
  checkLevel(node, tree, mappers, where, out, skip, model?.type?.className);
}

function checkLevel(node, tree, mappers, where, out, skip, className) {
  for (const p of node.namedChildren.filter(c => c.type === 'object_property')) {
    const name = key(p);
    if (skip.has(name)) {
      continue;
    }
    const entry = tree.get(name);
    const at = where ? `${where}.${name}` : name;
    if (!entry) {
      out.push(`${at} is not a property of ${className ?? 'the model'}`);
      continue;
    }
    const value = p.namedChildren[1];
    if (entry.flattened) {
      if (value?.type === 'object') {
        checkLevel(value, entry.flattened, mappers, at, out, new Set(), className);
      }
      continue;
    }
    if (entry.mapper.readOnly) {
      out.push(`${at} is read-only in ${className}`);
      continue;
    }
    checkValue(value, entry.mapper, mappers, at, out);
  }
}

function walk(node, visit) {
  visit(node);
  for (const child of node.namedChildren) {
    walk(child, visit);
  }
}

/** The body object of a resource declaration (plain, `if (...)`, `[for ...]`). */
function resourceBody(node) {
  let body = node.namedChildren.find(c => c.type === 'object');
  walk(node, n => {
    if (!body && (n.type === 'for_statement' || n.type === 'if_statement')) {
      body = n.namedChildren.find(c => c.type === 'object');
    }
  });
  return body;
}

function literalName(body) {
  const name = body?.namedChildren.find(p => p.type === 'object_property' && key(p) === 'name')?.namedChildren[1];
  return name && isLiteralString(name) ? name.text.slice(1, -1).toLowerCase() : null;
}

/** Findings for every resource declaration of one parsed file. */
export function checkResources(rel, tree) {
  const findings = [];
  const arm = armIndex();
  walk(tree.rootNode, node => {
    if (node.type !== 'resource_declaration') {
      return;
    }
    const typeNode = node.namedChildren.find(c => c.type === 'string');
    const line = node.startPosition.row + 1;
    const [type, version] = (typeNode?.text.slice(1, -1) ?? '').split('@');
    const existing = node.children.some(c => c.type === 'existing' || c.text === 'existing');
    const fail = message => findings.push({ check: 'arm-models', message: `${rel}:${line} ${message}` });
    const candidates = arm.get(type.toLowerCase());
    if (!candidates) {
      fail(`'${type}' is not a resource type the pinned ARM SDKs know (${PACKAGES.length} packages)`);
      return;
    }
    const body = resourceBody(node);
    const name = literalName(body);
    const byName = candidates.filter(c => c.fixedName === name);
    const pool = byName.length ? byName : candidates.filter(c => c.fixedName === null);
    const match = pool.find(c => c.version === version) ?? candidates.find(c => c.version === version);
    if (!match) {
      const versions = [...new Set(candidates.map(c => `${c.version} (${c.sdk})`))].join(', ');
      fail(`${type}@${version}: the pinned SDK describes ${type} at ${versions}; use that version so its model checks the body`);
      return;
    }
    if (existing || !body) {
      return;
    }
    const out = [];
    checkObject(body, match.model, match.mappers, '', out, BICEP_KEYS);
    for (const message of out) {
      fail(`${type}@${version}: ${message} (${match.sdk})`);
    }
  });
  return findings;
}
