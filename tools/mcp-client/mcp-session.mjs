// Drives an MCP server with the official TypeScript SDK client, as an MCP host would, and prints what it saw as
// one JSON document on stdout. Usage: node mcp-session.mjs <endpoint URL> <plan file>. The plan:
//   { "headers": { ... }, "steps": [ step, ... ] } where a step is
//   { "op": "list" } | { "op": "call", "name": ..., "arguments": { ... }, "progress": true, "timeoutMs": ... }
//   | { "op": "poll", "name": ..., "arguments": { ... }, "field": "status", "until": [...], "timeoutMs": ... }
// A string argument "${N.path.to.value}" is replaced by that value of step N's outcome. With "progress", the call
// asks for progress (RequestOptions.onprogress): the outcome lists the notifications received, and the content
// types the server answered the call's POSTs with.
import { readFileSync } from 'node:fs';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const [endpoint, planFile] = process.argv.slice(2);
const plan = JSON.parse(readFileSync(planFile, 'utf8'));
const contentTypes = [];
const recordingFetch = async (url, init) => {
  const response = await fetch(url, init);
  if (init?.method === 'POST') {
    contentTypes.push(response.headers.get('content-type'));
  }
  return response;
};
const transport = new StreamableHTTPClientTransport(new URL(endpoint),
  { requestInit: { headers: plan.headers ?? {} }, fetch: recordingFetch });
const client = new Client({ name: 'aiplatform-acceptance', version: '1.0.0' });
const outcomes = [];

function lookup(path) {
  const [index, ...keys] = path.split('.');
  return keys.reduce((value, key) => value?.[key], outcomes[Number(index)]);
}

function resolve(value) {
  if (typeof value === 'string') {
    const whole = value.match(/^\$\{([^}]+)\}$/);
    return whole ? lookup(whole[1]) : value;
  }
  if (Array.isArray(value)) {
    return value.map(resolve);
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v)]));
  }
  return value;
}

async function call(step) {
  const progress = [];
  const firstPost = contentTypes.length;
  const options = step.progress
    ? { onprogress: notification => progress.push(notification), resetTimeoutOnProgress: true, timeout: step.timeoutMs ?? 60000 }
    : undefined;
  const observed = () => (step.progress ? { progress, contentTypes: contentTypes.slice(firstPost) } : {});
  try {
    const result = await client.callTool({ name: step.name, arguments: resolve(step.arguments ?? {}) }, undefined, options);
    return { result, ...observed() };
  } catch (error) {
    return { error: { code: error.code ?? null, message: String(error.message) }, ...observed() };
  }
}

async function poll(step) {
  const deadline = Date.now() + (step.timeoutMs ?? 120000);
  let calls = 0;
  for (;;) {
    const outcome = await call(step);
    calls += 1;
    const value = outcome.result?.structuredContent?.[step.field];
    if (outcome.error || step.until.includes(value) || Date.now() > deadline) {
      return { ...outcome, calls };
    }
    await new Promise(done => setTimeout(done, 250));
  }
}

try {
  await client.connect(transport);
  outcomes.push({ connected: true, server: client.getServerVersion(), protocolVersion: transport.protocolVersion ?? null });
} catch (error) {
  process.stdout.write(JSON.stringify([{ connected: false, error: { code: error.code ?? null, message: String(error.message) } }]));
  process.exit(0);
}
for (const step of plan.steps) {
  if (step.op === 'list') {
    outcomes.push({ result: await client.listTools() });
  } else if (step.op === 'call') {
    outcomes.push(await call(step));
  } else if (step.op === 'poll') {
    outcomes.push(await poll(step));
  } else {
    outcomes.push({ error: { code: null, message: `unknown step ${step.op}` } });
  }
}
await client.close();
process.stdout.write(JSON.stringify(outcomes));
