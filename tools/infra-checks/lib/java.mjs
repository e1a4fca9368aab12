// What a function app's Java code reads and uses, found by reading its sources (no compilation).
//
// Rules (README "Offline infrastructure checks" repeats them):
// - Sources: the app's src/main/java, plus the src/main/java of every shared module it depends on
//   (compile or runtime scope, transitively through the modules' pom.xml), but only the classes the app
//   can reach: starting from the app's own classes, a shared class is included when an included class
//   names it (its simple name appears as an identifier outside comments and strings).
// - A setting is read by a call on a variable declared as Settings or Settings.Reader (or on
//   `.reader()`): required, string, optional, integer, longValue, decimal, bool, duration, choice, get.
//   The first argument is a string literal, a String constant (static final, in the same class or as
//   Class.NAME) or a constant + literal concatenation; anything else is reported as dynamic, not guessed.
// - A setting is also read when a string literal inside an annotation's arguments in the app's own
//   sources holds %NAME% (binding expressions of trigger and binding annotations; format strings such
//   as "%s%d" elsewhere are not settings).
// - Functions: each @FunctionName("name") with the trigger and binding annotations that follow it up to
//   the next @FunctionName; attribute values are literals or constants.
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const READER_METHODS = 'required|string|optional|integer|longValue|decimal|bool|duration|choice|get';
const BINDINGS = ['QueueTrigger', 'EventGridTrigger', 'BlobTrigger', 'HttpTrigger', 'TimerTrigger',
  'QueueOutput', 'BlobInput', 'BlobOutput', 'TableInput', 'TableOutput', 'EventGridOutput'];

/** Splits Java text into code with comments and strings blanked, and the string literals by offset. */
export function lex(text) {
  const code = [];
  const strings = [];
  const special = /\/\/|\/\*|"|'/g;
  let i = 0;
  while (i < text.length) {
    special.lastIndex = i;
    const m = special.exec(text);
    if (!m) {
      code.push(text.slice(i));
      break;
    }
    code.push(text.slice(i, m.index));
    const at = m.index;
    let stop;
    if (m[0] === '//') {
      const end = text.indexOf('\n', at);
      stop = end < 0 ? text.length : end;
      code.push(' '.repeat(stop - at));
    } else if (m[0] === '/*') {
      const end = text.indexOf('*/', at + 2);
      stop = end < 0 ? text.length : end + 2;
      code.push(text.slice(at, stop).replace(/[^\n]/g, ' '));
    } else if (text.startsWith('"""', at)) {
      const end = text.indexOf('"""', at + 3);
      stop = end < 0 ? text.length : end + 3;
      strings.push({ offset: at, value: text.slice(at + 3, stop - 3) });
      code.push('"' + text.slice(at + 1, stop - 1).replace(/[^\n]/g, ' ') + '"');
    } else {
      const quote = m[0];
      let j = at + 1;
      while (j < text.length && text[j] !== quote && text[j] !== '\n') {
        j += text[j] === '\\' ? 2 : 1;
      }
      j = Math.min(j, text.length - 1);
      if (quote === '"') {
        strings.push({ offset: at, value: text.slice(at + 1, j).replace(/\\(.)/g, '$1') });
      }
      code.push(quote + ' '.repeat(Math.max(0, j - at - 1)) + quote);
      stop = j + 1;
    }
    i = stop;
  }
  return { code: code.join(''), strings };
}

/** One parsed Java file. */
export function readJavaFile(path) {
  const text = readFileSync(path, 'utf8');
  const { code, strings } = lex(text);
  const className = path.split('/').pop().replace(/\.java$/, '');
  const constants = new Map();
  for (const m of text.matchAll(/static\s+final\s+String\s+(\w+)\s*=\s*"([^"\\]*)"\s*;/g)) {
    constants.set(m[1], m[2]);
  }
  const identifiers = new Set(code.match(/\b[A-Z][A-Za-z0-9_]*\b/g) ?? []);
  return { path, text, code, strings, className, constants, identifiers };
}

function javaFiles(dir) {
  if (!existsSync(dir)) {
    return [];
  }
  const out = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      out.push(...javaFiles(path));
    } else if (entry.endsWith('.java')) {
      out.push(path);
    }
  }
  return out;
}

/** artifactId -> module folder, for every module under shared/. */
export function sharedModules(root) {
  const modules = new Map();
  const sharedDir = join(root, 'shared');
  if (!existsSync(sharedDir)) {
    return modules;
  }
  for (const name of readdirSync(sharedDir)) {
    const pom = join(sharedDir, name, 'pom.xml');
    if (existsSync(pom)) {
      const own = readFileSync(pom, 'utf8').replace(/<parent>[\s\S]*?<\/parent>/, '');
      const artifact = own.match(/<artifactId>([^<]+)<\/artifactId>/);
      if (artifact) {
        modules.set(artifact[1], join(sharedDir, name));
      }
    }
  }
  return modules;
}

/** The shared module folders a module depends on outside test scope, transitively. */
export function moduleDependencies(moduleDir, modules, seen = new Set()) {
  const pom = readFileSync(join(moduleDir, 'pom.xml'), 'utf8');
  for (const dep of pom.matchAll(/<dependency>([\s\S]*?)<\/dependency>/g)) {
    const artifact = dep[1].match(/<artifactId>([^<]+)<\/artifactId>/)?.[1];
    const scope = dep[1].match(/<scope>([^<]+)<\/scope>/)?.[1] ?? 'compile';
    const dir = modules.get(artifact);
    if (dir && scope !== 'test' && scope !== 'provided' && !seen.has(dir)) {
      seen.add(dir);
      moduleDependencies(dir, modules, seen);
    }
  }
  return seen;
}

/** The app's own files and the shared files it reaches. */
export function reachableFiles(root, appDir) {
  const modules = sharedModules(root);
  const own = javaFiles(join(appDir, 'src/main/java')).map(readJavaFile);
  const shared = new Map();
  for (const dir of moduleDependencies(appDir, modules)) {
    for (const file of javaFiles(join(dir, 'src/main/java')).map(readJavaFile)) {
      const list = shared.get(file.className) ?? [];
      list.push(file);
      shared.set(file.className, list);
    }
  }
  const included = new Set(own);
  const queue = [...own];
  while (queue.length > 0) {
    const file = queue.pop();
    for (const id of file.identifiers) {
      for (const candidate of shared.get(id) ?? []) {
        if (!included.has(candidate)) {
          included.add(candidate);
          queue.push(candidate);
        }
      }
    }
  }
  return { own, all: [...included] };
}

function globalConstants(files) {
  const constants = new Map();
  for (const file of files) {
    for (const [name, value] of file.constants) {
      constants.set(`${file.className}.${name}`, value);
    }
  }
  return constants;
}

/** Resolves a constant expression: "lit", NAME, Cls.NAME, or a + of those; null when it is not constant. */
function resolve(expression, file, constants) {
  const parts = expression.split('+').map(p => p.trim());
  let value = '';
  for (const part of parts) {
    let m;
    if ((m = part.match(/^"([^"\\]*)"$/))) {
      value += m[1];
    } else if (/^[A-Za-z_]\w*$/.test(part) && file.constants.has(part)) {
      value += file.constants.get(part);
    } else if ((m = part.match(/^(?:[\w.]*\.)?([A-Z]\w*)\.([A-Z_][A-Z0-9_]*)$/)) && constants.has(`${m[1]}.${m[2]}`)) {
      value += constants.get(`${m[1]}.${m[2]}`);
    } else {
      return null;
    }
  }
  return value;
}

/** The text from start up to the first comma or closing bracket at depth 0 (all arguments when untilClose). */
function firstArgument(text, start, untilClose = false) {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[' || c === '{') {
      depth++;
    } else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) {
        return text.slice(start, i);
      }
      depth--;
    } else if (c === ',' && depth === 0 && !untilClose) {
      return text.slice(start, i);
    }
  }
  return text.slice(start);
}

function lineOf(text, offset) {
  return text.slice(0, offset).split('\n').length;
}

/** Settings read through Settings / Settings.Reader calls, and %NAME% binding expressions. */
export function settingsRead(root, files, ownFiles) {
  const constants = globalConstants(files);
  const reads = new Map();
  const dynamic = [];
  const add = (name, where) => {
    if (!reads.has(name)) {
      reads.set(name, where);
    }
  };
  for (const file of files) {
    if (file.className === 'Settings' && /class Settings\b/.test(file.code)) {
      continue; // the reader itself: its get(key) is the mechanism, not a read
    }
    const receivers = new Set([...file.code.matchAll(/\bSettings(?:\s*\.\s*Reader)?\s+(\w+)\s*[=;,)]/g)].map(m => m[1]));
    const calls = new RegExp(`(?:\\b(\\w+)|\\.reader\\(\\s*\\))\\s*\\.\\s*(?:${READER_METHODS})\\s*\\(`, 'g');
    for (const m of file.code.matchAll(calls)) {
      if (m[1] !== undefined && !receivers.has(m[1])) {
        continue;
      }
      // Arguments are read from the original text: string contents are blanked in `code`.
      const argument = firstArgument(file.text, m.index + m[0].length).trim();
      const where = `${relative(root, file.path)}:${lineOf(file.text, m.index)}`;
      const name = resolve(argument, file, constants);
      if (name === null) {
        dynamic.push({ where, argument });
      } else {
        add(name, where);
      }
    }
  }
  for (const file of ownFiles) {
    const annotations = [...file.code.matchAll(/@[\w.]+\s*\(/g)]
      .map(m => ({ from: m.index, to: m.index + m[0].length + firstArgument(file.text, m.index + m[0].length, true).length }));
    for (const s of file.strings.filter(s => annotations.some(a => s.offset > a.from && s.offset < a.to))) {
      for (const m of s.value.matchAll(/%([A-Za-z_][A-Za-z0-9_]*)%/g)) {
        add(m[1], `${relative(root, file.path)}:${lineOf(file.text, s.offset)}`);
      }
    }
  }
  return { reads, dynamic };
}

function attributes(text, start) {
  const body = firstArgument(text, start, true);
  const out = {};
  for (const m of body.matchAll(/(\w+)\s*=\s*("(?:[^"\\]|\\.)*"|[\w.]+)/g)) {
    out[m[1]] = m[2];
  }
  return { body, values: out };
}

/** Every @FunctionName with its trigger and bindings (attribute values resolved where constant). */
export function functions(root, ownFiles, files) {
  const constants = globalConstants(files);
  const found = [];
  for (const file of ownFiles) {
    const starts = [...file.code.matchAll(/@FunctionName\s*\(/g)].map(m => m.index);
    starts.forEach((start, k) => {
      const end = k + 1 < starts.length ? starts[k + 1] : file.code.length;
      const nameExpr = firstArgument(file.text, start + file.code.slice(start).indexOf('(') + 1).trim();
      const name = resolve(nameExpr.replace(/^value\s*=\s*/, ''), file, constants);
      const bindings = [];
      const segment = file.code.slice(start, end);
      for (const m of segment.matchAll(new RegExp(`@(${BINDINGS.join('|')})\\s*\\(`, 'g'))) {
        const at = start + m.index + m[0].length;
        const { values } = attributes(file.text, at);
        const resolved = {};
        for (const [key, expr] of Object.entries(values)) {
          resolved[key] = resolve(expr, file, constants) ?? expr;
        }
        bindings.push({ type: m[1], attributes: resolved });
      }
      found.push({ name, bindings, where: `${relative(root, file.path)}:${lineOf(file.text, start)}` });
    });
  }
  return found;
}
