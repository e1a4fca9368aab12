// Added latency of a tool call over the same REST call: the same knowledge search, n times each, sequentially,
// once as POST /api/v1/knowledge/search and once as MCP tools/call knowledge_search through /api/v1/mcp, both
// with the same key, alternating. A tool call is two requests at the gateway (the MCP POST and the operation's),
// so the product's rate limit (600 a minute for development) caps n near 150 a minute.
// Usage: node mcp-latency.mjs <base URL> <key> [n]. Prints p50 and p99 in ms as JSON.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const [base, key, count = '120'] = process.argv.slice(2);
const n = Number(count);
const headers = { 'Ocp-Apim-Subscription-Key': key };
const query = { query: 'How long does express delivery take?', topK: 5 };

async function rest() {
  const response = await fetch(`${base}/api/v1/knowledge/search`, {
    method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify(query) });
  if (response.status !== 200) {
    throw new Error(`search answered ${response.status}`);
  }
  await response.json();
}

const client = new Client({ name: 'aiplatform-latency', version: '1.0.0' });
await client.connect(new StreamableHTTPClientTransport(new URL(`${base}/api/v1/mcp`), { requestInit: { headers } }));
async function mcp() {
  const result = await client.callTool({ name: 'knowledge_search', arguments: query });
  if (result.isError) {
    throw new Error(result.content[0].text);
  }
}

function percentiles(samples) {
  samples.sort((a, b) => a - b);
  const at = q => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))];
  return { p50: +at(0.5).toFixed(2), p99: +at(0.99).toFixed(2) };
}

async function elapsed(call) {
  const start = process.hrtime.bigint();
  await call();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

// Alternating the two, so that whatever else the machine does weighs on both alike.
async function measure() {
  for (let i = 0; i < 20; i++) {
    await rest();
    await mcp();
  }
  const restSamples = [];
  const mcpSamples = [];
  for (let i = 0; i < n; i++) {
    restSamples.push(await elapsed(rest));
    mcpSamples.push(await elapsed(mcp));
  }
  return { rest: percentiles(restSamples), mcp: percentiles(mcpSamples) };
}

await fetch(`${base}/api/v1/knowledge/documents`, { method: 'POST',
  headers: { ...headers, 'Content-Type': 'application/json' },
  body: JSON.stringify({ documentId: 'latency-doc', title: 'Delivery', text: 'Express delivery takes one to two working days.' }) });
const { rest: restTimes, mcp: mcpTimes } = await measure();
await client.close();
process.stdout.write(JSON.stringify({ n, rest: restTimes, mcp: mcpTimes,
  addedP50: +(mcpTimes.p50 - restTimes.p50).toFixed(2), addedP99: +(mcpTimes.p99 - restTimes.p99).toFixed(2) }) + '\n');
