// A small evaluator of Bicep expressions over the tree-sitter tree: enough of the language (literals,
// interpolated strings, member and index access, ?? and ?:, comparisons, lambdas, and the functions
// below) to compute what a template renders from its inputs, e.g. the APIM policy XML that
// api-management.bicep builds with replace(). What it cannot evaluate (an output of a deployed resource)
// throws, naming the expression, so a check never works on a guess.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export class Unevaluable extends Error {}

const FUNCTIONS = {
  replace: (s, a, b) => str(s).split(str(a)).join(str(b)),
  join: (list, sep) => list.map(str).join(sep),
  map: (list, f) => list.map((x, i) => f(x, i)),
  filter: (list, f) => list.filter((x, i) => f(x, i)),
  string: v => typeof v === 'string' ? v : JSON.stringify(v),
  toLower: s => str(s).toLowerCase(),
  toUpper: s => str(s).toUpperCase(),
  concat: (...xs) => Array.isArray(xs[0]) ? xs.flat(1) : xs.join(''),
  union: (...xs) => Array.isArray(xs[0]) ? [...new Set(xs.flat(1))] : Object.assign({}, ...xs),
  flatten: xs => xs.flat(1),
  length: v => Array.isArray(v) || typeof v === 'string' ? v.length : Object.keys(v).length,
  empty: v => v === null || v === undefined || (typeof v === 'object' ? Object.keys(v).length === 0 : v.length === 0),
  first: v => v[0],
  last: v => v[v.length - 1],
  split: (s, sep) => str(s).split(sep),
  items: o => Object.keys(o).sort().map(key => ({ key, value: o[key] })),
  toObject: (list, k, v) => Object.fromEntries(list.map(x => [k(x), v ? v(x) : x])),
  contains: (c, x) => Array.isArray(c) ? c.includes(x) : typeof c === 'string' ? c.includes(x) : x in c,
  startsWith: (s, p) => str(s).startsWith(p),
  endsWith: (s, p) => str(s).endsWith(p),
  substring: (s, i, n) => str(s).substr(i, n),
  int: v => parseInt(v, 10),
  bool: v => v === true || v === 'true',
  json: v => JSON.parse(v),
  // The deployment's context: stand-ins render the same markup (names get a fixed token).
  tenant: () => ({ tenantId: '11111111-2222-3333-4444-555555555555' }),
  subscription: () => ({ id: '/subscriptions/00000000-1111-2222-3333-444444444444', subscriptionId: '00000000-1111-2222-3333-444444444444', tenantId: '11111111-2222-3333-4444-555555555555' }),
  uniqueString: () => 'offlinetoken',
};

function str(v) {
  if (typeof v !== 'string') {
    throw new Unevaluable(`expected a string, got ${JSON.stringify(v)?.slice(0, 40)}`);
  }
  return v;
}

function stringText(node) {
  let out = '';
  for (const child of node.children) {
    if (child.type === 'string_content') {
      out += child.text;
    } else if (child.type === 'escape_sequence') {
      out += { "\\'": "'", '\\\\': '\\', '\\n': '\n', '\\r': '\r', '\\t': '\t', '\\$': '$' }[child.text] ?? child.text;
    }
  }
  return out;
}

/**
 * A scope: names (parameters, variables, lambda and loop variables) resolve lazily, each to a thunk, so
 * only what an expression needs is evaluated. file is the .bicep file, for load*Content paths.
 */
export class Scope {
  constructor(file, names = new Map(), parent = null) {
    this.file = file;
    this.names = names;
    this.parent = parent;
    this.cache = new Map();
  }

  child(bindings) {
    const names = new Map(Object.entries(bindings).map(([k, v]) => [k, () => v]));
    return new Scope(this.file, names, this);
  }

  lookup(name) {
    if (this.cache.has(name)) {
      return this.cache.get(name);
    }
    if (this.names.has(name)) {
      const value = this.names.get(name)();
      this.cache.set(name, value);
      return value;
    }
    if (this.parent) {
      return this.parent.lookup(name);
    }
    throw new Unevaluable(`'${name}' is not known here`);
  }

  evaluate(node) {
    return evaluate(node, this);
  }
}

// tree-sitter-bicep 1.1.0 reads a call inside a multi-line array as an identifier followed by a
// parenthesized expression: the identifier evaluates the call, and the parentheses are skipped.
function consumed(node) {
  return node.type === 'parenthesized_expression' && node.previousNamedSibling?.type === 'identifier'
    && node.previousNamedSibling.endIndex === node.startIndex;
}

function callArguments(node) {
  return node.childForFieldName('arguments')?.namedChildren
    ?? node.namedChildren.find(c => c.type === 'arguments')?.namedChildren ?? [];
}

function call(name, args, scope) {
  if (/^load(Json|Text)Content$/.test(name)) {
    const text = readFileSync(join(dirname(scope.file), str(evaluate(args[0], scope))), 'utf8');
    return name === 'loadJsonContent' ? JSON.parse(text) : text;
  }
  const f = FUNCTIONS[name];
  if (!f) {
    throw new Unevaluable(`function ${name}() is not evaluated offline`);
  }
  const values = args.map(a => evaluate(a, scope));
  try {
    return f(...values);
  } catch (e) {
    if (e instanceof Unevaluable) {
      throw e;
    }
    throw new Unevaluable(`${name}(): ${e.message}`);
  }
}

function binary(op, left, right) {
  switch (op) {
    case '==': return left === right;
    case '!=': return left !== right;
    case '+': return left + right;
    case '-': return left - right;
    case '*': return left * right;
    case '<': return left < right;
    case '>': return left > right;
    default: throw new Unevaluable(`operator ${op}`);
  }
}

export function evaluate(node, scope) {
  switch (node.type) {
    case 'string':
      if (node.text.startsWith("'''")) {
        return node.text.slice(3, -3).replace(/^\r?\n/, '');
      }
      return node.children.filter(c => c.type !== "'").map(c => c.type === 'interpolation'
        ? FUNCTIONS.string(evaluate(c.namedChildren[0], scope)) : stringText({ children: [c] })).join('');
    case 'number':
      return Number(node.text);
    case 'boolean':
      return node.text === 'true';
    case 'null':
      return null;
    case 'array':
      return node.namedChildren.filter(c => !consumed(c)).map(c => evaluate(c, scope));
    case 'object': {
      // Values are evaluated when read: a name can be known while a value (a deployed resource's
      // output) cannot.
      const out = {};
      for (const p of node.namedChildren.filter(c => c.type === 'object_property')) {
        const k = p.namedChildren[0];
        let value;
        let done = false;
        Object.defineProperty(out, k.type === 'string' ? evaluate(k, scope) : k.text, {
          enumerable: true,
          get: () => {
            if (!done) {
              value = evaluate(p.namedChildren[1], scope);
              done = true;
            }
            return value;
          },
        });
      }
      return out;
    }
    case 'identifier':
      if (node.nextSibling?.type === 'parenthesized_expression' && node.endIndex === node.nextSibling.startIndex) {
        return call(node.text, node.nextSibling.namedChildren, scope);
      }
      return scope.lookup(node.text);
    case 'parenthesized_expression':
      if (consumed(node)) {
        throw new Unevaluable('call read as identifier + parentheses');
      }
      return evaluate(node.namedChildren[0], scope);
    case 'call_expression':
      return call(node.childForFieldName('function')?.text ?? node.namedChildren[0].text, callArguments(node), scope);
    case 'member_expression': {
      const object = evaluate(node.namedChildren[0], scope);
      const property = node.namedChildren[1].text;
      const safe = node.children.some(c => c.text === '.?');
      if (typeof object === 'function') {
        // tree-sitter-bicep reads `x => x.name` as `(x => x).name`: the access belongs to the body.
        return (...values) => object(...values)?.[property] ?? null;
      }
      if (object === null || object === undefined || !(property in Object(object))) {
        if (safe || object === null || object === undefined) {
          return null;
        }
        throw new Unevaluable(`${node.text}: no property '${property}'`);
      }
      return object[property];
    }
    case 'subscript_expression': {
      const object = evaluate(node.namedChildren[0], scope);
      const index = evaluate(node.namedChildren[1], scope);
      if (typeof object === 'function') {
        return (...values) => object(...values)?.[index] ?? null;
      }
      return object?.[index] ?? null;
    }
    case 'binary_expression': {
      const op = node.children[1].text;
      const left = evaluate(node.namedChildren[0], scope);
      if (op === '??') {
        return left ?? evaluate(node.namedChildren[1], scope);
      }
      if (op === '&&') {
        return left && evaluate(node.namedChildren[1], scope);
      }
      if (op === '||') {
        return left || evaluate(node.namedChildren[1], scope);
      }
      const right = evaluate(node.namedChildren[1], scope);
      if (typeof left === 'function') {
        // `x => x.a == b` read as `(x => x).a == b`, as for member access.
        return (...values) => binary(op, left(...values), right);
      }
      return binary(op, left, right);
    }
    case 'unary_expression': {
      const v = evaluate(node.namedChildren[0], scope);
      return node.children[0].text === '!' ? !v : -v;
    }
    case 'ternary_expression': {
      const [c, a, b] = node.namedChildren;
      return evaluate(c, scope) ? evaluate(a, scope) : evaluate(b, scope);
    }
    case 'lambda_expression': {
      const params = node.namedChildren.slice(0, -1).flatMap(p => p.type === 'identifier' ? [p.text]
        : p.namedChildren.filter(c => c.type === 'identifier').map(c => c.text));
      const body = node.namedChildren[node.namedChildren.length - 1];
      return (...values) => evaluate(body, scope.child(Object.fromEntries(params.map((p, i) => [p, values[i]]))));
    }
    default:
      throw new Unevaluable(`${node.type} '${node.text.slice(0, 40)}' is not evaluated offline`);
  }
}

/** A file's scope: its variables and its parameters (given values, else their defaults). */
export function fileScope(file, tree, given = new Map()) {
  const scope = new Scope(file);
  for (const node of tree.rootNode.namedChildren) {
    if (node.type === 'variable_declaration') {
      const name = node.namedChildren.find(c => c.type === 'identifier').text;
      const value = node.namedChildren[node.namedChildren.length - 1];
      scope.names.set(name, () => evaluate(value, scope));
    }
    if (node.type === 'parameter_declaration') {
      const [name, , value] = node.namedChildren;
      scope.names.set(name.text, () => {
        if (given.has(name.text)) {
          return given.get(name.text)();
        }
        if (value === undefined) {
          throw new Unevaluable(`parameter ${name.text} has no value`);
        }
        return evaluate(value, scope);
      });
    }
  }
  return scope;
}
