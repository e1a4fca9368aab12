// The APIM policies exactly as Bicep renders them: api-management.bicep's own expressions (its replace()
// chains over the templates, its loops over the gateway definition) evaluated with the values main.bicep
// passes, then each rendered document parsed as XML and checked:
// - no placeholder (__NAME__) survives the rendering;
// - every element is a policy of the documented set (or a documented child of its parent policy), in a
//   section where it may stand, and runs on the gateway of every SKU the module allows (the SKU picks the
//   gateway: classic, v2 or consumption; API Management refuses a policy its gateway lacks when saved);
// - policy expressions do not call the documented context APIs with arguments they do not take
//   (Claims and Headers GetValueOrDefault(string, string), which returns a claim's values comma-joined).
//
// The gateway support per policy is Microsoft's policy reference ("Gateways" of each policy); a policy
// not listed here fails until it is added with its documented gateways.
import { SaxesParser } from 'saxes';
import { join, relative } from 'node:path';
import { Scope, Unevaluable, evaluate, fileScope } from './evaluate.mjs';

const ALL = ['classic', 'v2', 'consumption', 'self-hosted', 'workspace'];
const SECTIONS = ['inbound', 'backend', 'outbound', 'on-error'];

// policy -> gateways, sections (default all), documented child elements (name -> its own children;
// 'POLICY' admits policies there).
const POLICIES = {
  'base': { gateways: ALL },
  'cors': { gateways: ALL, sections: ['inbound'], children: {
    'allowed-origins': { origin: {} }, 'allowed-methods': { method: {} }, 'allowed-headers': { header: {} },
    'expose-headers': { header: {} } } },
  'choose': { gateways: ALL, children: { when: 'POLICY', otherwise: 'POLICY' } },
  'return-response': { gateways: ALL, children: { 'set-status': {}, 'set-header': { value: {} }, 'set-body': {} } },
  'set-status': { gateways: ALL },
  'set-header': { gateways: ALL, children: { value: {} } },
  'set-query-parameter': { gateways: ALL, children: { value: {} } },
  'set-body': { gateways: ALL },
  'set-variable': { gateways: ALL },
  'set-method': { gateways: ALL },
  'rewrite-uri': { gateways: ALL, sections: ['inbound'] },
  'set-backend-service': { gateways: ALL, sections: ['inbound', 'backend'] },
  'forward-request': { gateways: ALL, sections: ['backend'] },
  'send-request': { gateways: ALL, children: {
    'set-url': {}, 'set-method': {}, 'set-header': { value: {} }, 'set-body': {},
    'authentication-certificate': {}, 'authentication-managed-identity': {}, 'proxy': {} } },
  'validate-jwt': { gateways: ALL, sections: ['inbound'], children: {
    'openid-config': {}, 'issuer-signing-keys': { key: {} }, 'decryption-keys': { key: {} },
    'audiences': { audience: {} }, 'issuers': { issuer: {} }, 'required-claims': { claim: { value: {} } } } },
  'cache-lookup-value': { gateways: ALL },
  'cache-store-value': { gateways: ALL },
  'cache-remove-value': { gateways: ALL },
  'rate-limit': { gateways: ['classic', 'v2', 'self-hosted', 'workspace'], sections: ['inbound'] },
  'rate-limit-by-key': { gateways: ['classic', 'v2', 'self-hosted', 'workspace'], sections: ['inbound'] },
  'quota': { gateways: ['classic', 'v2', 'consumption', 'self-hosted', 'workspace'], sections: ['inbound'] },
  'quota-by-key': { gateways: ['classic', 'self-hosted', 'workspace'], sections: ['inbound'] },
  'ip-filter': { gateways: ALL, sections: ['inbound'], children: { address: {}, 'address-range': {} } },
  'retry': { gateways: ALL, children: 'POLICY' },
  'mock-response': { gateways: ALL, sections: ['inbound', 'outbound', 'on-error'] },
  'trace': { gateways: ALL, children: { message: {}, metadata: {} } },
};

const GATEWAY_OF_SKU = {
  Developer: 'classic', Basic: 'classic', Standard: 'classic', Premium: 'classic', Isolated: 'classic',
  BasicV2: 'v2', StandardV2: 'v2', PremiumV2: 'v2', Consumption: 'consumption',
};

function topLevel(tree, type) {
  return tree.rootNode.namedChildren.filter(n => n.type === type);
}

function declName(node) {
  return node.namedChildren.find(c => c.type === 'identifier')?.text;
}

/** The values a module call passes, as lazy thunks in the caller's scope. */
function passed(moduleNode, callerScope) {
  const given = new Map();
  const body = moduleNode.namedChildren.find(c => c.type === 'object');
  const params = body?.namedChildren.find(p => p.type === 'object_property' && p.namedChildren[0].text === 'params')?.namedChildren[1];
  for (const p of params?.namedChildren.filter(c => c.type === 'object_property') ?? []) {
    given.set(p.namedChildren[0].text, () => evaluate(p.namedChildren[1], callerScope));
  }
  return given;
}

function property(object, name) {
  return object?.namedChildren.find(p => p.type === 'object_property' && p.namedChildren[0].text === name)?.namedChildren[1];
}

/** Each rendering of a policy resource: one, or one per element of its [for ...] loop. */
function renderings(resource, scope) {
  const loop = resource.namedChildren.find(c => c.type === 'for_statement');
  const body = loop ? loop.namedChildren.find(c => c.type === 'object') : resource.namedChildren.find(c => c.type === 'object');
  const value = property(property(body, 'properties'), 'value');
  if (!value) {
    return [];
  }
  if (!loop) {
    return [{ label: '', xml: evaluate(value, scope) }];
  }
  const params = loop.namedChildren[0];
  const item = params.type === 'for_loop_parameters' ? params.namedChildren[0].text : params.text;
  const index = params.type === 'for_loop_parameters' ? params.namedChildren[1]?.text : undefined;
  const iterable = loop.namedChildren[1];
  return evaluate(iterable, scope).map((element, i) => ({
    label: `[${i}]${element?.app ? ` (${element.app})` : ''}`,
    xml: evaluate(value, scope.child({ [item]: element, ...(index ? { [index]: i } : {}) })),
  }));
}

/** The names a resource declaration creates: one, or one per element of its loop. */
function names(resource, scope) {
  const loop = resource.namedChildren.find(c => c.type === 'for_statement');
  const body = loop ? loop.namedChildren.find(c => c.type === 'object') : resource.namedChildren.find(c => c.type === 'object');
  const name = property(body, 'name');
  if (!loop) {
    return [evaluate(name, scope)];
  }
  const params = loop.namedChildren[0];
  const item = params.type === 'for_loop_parameters' ? params.namedChildren[0].text : params.text;
  const index = params.type === 'for_loop_parameters' ? params.namedChildren[1]?.text : undefined;
  return evaluate(loop.namedChildren[1], scope).map((element, i) =>
    evaluate(name, scope.child({ [item]: element, ...(index ? { [index]: i } : {}) })));
}

function allowedSkus(tree) {
  const param = topLevel(tree, 'parameter_declaration').find(p => p.namedChildren[0]?.text === 'sku');
  const decorators = param?.previousNamedSibling?.type === 'decorators' ? param.previousNamedSibling : null;
  const text = decorators?.text ?? '';
  const allowed = /@allowed\(\s*\[([\s\S]*?)\]\s*\)/.exec(text);
  return allowed ? [...allowed[1].matchAll(/'([^']+)'/g)].map(m => m[1]) : [];
}

/** Parses one rendered document and checks each element. */
export function checkPolicyXml(xml, where, gateways) {
  const problems = [];
  const parser = new SaxesParser({ position: true });
  const stack = [];
  parser.on('error', e => {
    problems.push(`${where} is not well-formed XML: ${e.message}`);
  });
  parser.on('opentag', tag => {
    const name = tag.name;
    const parent = stack[stack.length - 1];
    const at = `${where}:${parser.line}`;
    let frame = { name, kind: 'other' };
    if (!parent) {
      if (name !== 'policies') {
        problems.push(`${at} the root element is <${name}>, not <policies>`);
      }
      frame = { name, kind: 'root' };
    } else if (parent.kind === 'root') {
      if (!SECTIONS.includes(name)) {
        problems.push(`${at} <${name}> is not a policy section (${SECTIONS.join(', ')})`);
      }
      frame = { name, kind: 'policies', section: name };
    } else if (parent.kind === 'policies' || parent.children === 'POLICY') {
      const policy = POLICIES[name];
      if (!policy) {
        problems.push(`${at} <${name}> is not an API Management policy`);
      } else {
        if (policy.sections && !policy.sections.includes(parent.section)) {
          problems.push(`${at} <${name}> may not stand in <${parent.section}> (only ${policy.sections.join(', ')})`);
        }
        for (const [sku, gateway] of gateways) {
          if (!policy.gateways.includes(gateway)) {
            problems.push(`${at} <${name}> does not run on the ${gateway} gateway of SKU ${sku} `
              + `(it runs on ${policy.gateways.join(', ')})`);
          }
        }
      }
      frame = { name, kind: 'children', section: parent.section, children: policy?.children ?? {} };
    } else if (parent.kind === 'children') {
      const allowed = parent.children[name];
      if (allowed === undefined) {
        problems.push(`${at} <${name}> is not a documented child of <${parent.name}>`);
      }
      frame = allowed === 'POLICY'
        ? { name, kind: 'policies', section: parent.section }
        : { name, kind: 'children', section: parent.section, children: allowed ?? {} };
    }
    for (const [attr, value] of Object.entries(tag.attributes)) {
      problems.push(...expressionProblems(value, `${at} <${name} ${attr}>`));
    }
    stack.push(frame);
  });
  parser.on('text', text => {
    problems.push(...expressionProblems(text.trim(), `${where}:${parser.line} text`));
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  try {
    parser.write(xml).close();
  } catch (e) {
    problems.push(`${where} is not well-formed XML: ${e.message}`);
  }
  for (const m of xml.replace(/<!--[\s\S]*?-->/g, '').matchAll(/__[A-Z0-9_]+__/g)) {
    problems.push(`${where} still holds the placeholder ${m[0]} after rendering`);
  }
  return [...new Set(problems)];
}

/** Documented signatures: context.Request.Headers / Jwt.Claims GetValueOrDefault(string name, string default). */
function expressionProblems(value, where) {
  if (!/^@[({]/.test(value ?? '')) {
    return [];
  }
  const problems = [];
  for (const m of value.matchAll(/\b(Claims|Headers)\.GetValueOrDefault\(\s*("(?:[^"\\]|\\.)*"|[^,()]+)\s*,\s*(new\b[^)]*\)?)/g)) {
    problems.push(`${where}: ${m[1]}.GetValueOrDefault takes (string, string) and returns a string `
      + `(a claim's values comma-joined); '${m[3].trim()}' is not a string`);
  }
  return problems;
}

/** Renders and checks every policy api-management.bicep deploys, with main.bicep's values. */
export function checkPolicies(root, parsed) {
  const bicepDir = join(root, 'infra/bicep');
  const mainPath = join(bicepDir, 'main.bicep');
  const apimPath = join(bicepDir, 'modules/api-management.bicep');
  const main = parsed.get(mainPath);
  const apim = parsed.get(apimPath);
  if (!main?.tree || !apim?.tree) {
    return [];
  }
  const findings = [];
  const fail = message => findings.push({ check: 'apim-policies', message });
  const call = topLevel(main.tree, 'module_declaration').find(m => m.namedChildren.find(c => c.type === 'string')?.text === "'modules/api-management.bicep'");
  if (!call) {
    fail('main.bicep does not deploy modules/api-management.bicep');
    return findings;
  }
  // Stand-ins for what azd passes: they only name resources, which no policy spells out.
  const mainScope = fileScope(mainPath, main.tree, new Map([['environmentName', () => 'offline'],
    ['location', () => 'offline-region']]));
  const scope = fileScope(apimPath, apim.tree, passed(call, mainScope));
  const skus = new Set(allowedSkus(apim.tree));
  try {
    skus.add(scope.lookup('sku'));
  } catch (e) {
    fail(`the APIM SKU cannot be evaluated: ${e.message}`);
  }
  const gateways = [...skus].map(sku => [sku, GATEWAY_OF_SKU[sku] ?? 'unknown']);
  for (const [sku, gateway] of gateways) {
    if (gateway === 'unknown') {
      fail(`modules/api-management.bicep allows SKU ${sku}, which is not an API Management SKU`);
    }
  }
  const rel = relative(root, apimPath);
  const namedValues = new Set();
  for (const resource of topLevel(apim.tree, 'resource_declaration')) {
    const type = resource.namedChildren.find(c => c.type === 'string')?.text.slice(1, -1).split('@')[0];
    if (type !== 'Microsoft.ApiManagement/service/namedValues') {
      continue;
    }
    try {
      for (const name of names(resource, scope)) {
        namedValues.add(name);
      }
    } catch (e) {
      if (!(e instanceof Unevaluable)) {
        throw e;
      }
      fail(`${rel} ${declName(resource)}: the named value's name cannot be evaluated offline: ${e.message}`);
    }
  }
  for (const resource of topLevel(apim.tree, 'resource_declaration')) {
    const type = resource.namedChildren.find(c => c.type === 'string')?.text.slice(1, -1).split('@')[0];
    if (!/^Microsoft\.ApiManagement\/service(\/apis|\/products|\/apis\/operations)?\/policies$/i.test(type ?? '')) {
      continue;
    }
    const symbol = declName(resource);
    try {
      for (const { label, xml } of renderings(resource, scope)) {
        for (const problem of checkPolicyXml(xml, `${rel} ${symbol}${label}`, gateways)) {
          fail(problem);
        }
        for (const m of new Set([...xml.replace(/<!--[\s\S]*?-->/g, '').matchAll(/\{\{([^{}]+)\}\}/g)].map(m => m[1]))) {
          if (!namedValues.has(m)) {
            fail(`${rel} ${symbol}${label} uses the named value {{${m}}}, which the module does not create `
              + `(it creates ${[...namedValues].join(', ')}); API Management refuses the policy`);
          }
        }
      }
    } catch (e) {
      if (!(e instanceof Unevaluable)) {
        throw e;
      }
      fail(`${rel} ${symbol}: the policy cannot be rendered offline: ${e.message}`);
    }
  }
  return findings;
}

export { Scope };
