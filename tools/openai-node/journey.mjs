// The model endpoint driven by the official openai npm client with nothing set but the base URL and a key, as a
// user's program would. Prints what each step returned as one JSON object; the acceptance suite (LlmNodeClientIT)
// runs it and checks the result. Environment: AIP_BASE_URL (ending in /api/v1/llm/v1), AIP_KEY, AIP_FRUGAL_KEY.
import OpenAI from 'openai';

const client = new OpenAI({ baseURL: process.env.AIP_BASE_URL, apiKey: process.env.AIP_KEY, maxRetries: 0 });
const policy = 'Orders placed before noon ship the same day. Refunds reach the card within five business days. '
  + 'Gift cards cannot be exchanged for cash.';
const question = [
  { role: 'system', content: policy },
  { role: 'user', content: 'When do refunds reach the card?' },
];
const result = {};

const models = await client.models.list();
result.models = models.data.map(m => ({ id: m.id, ownedBy: m.owned_by }));

const chat = await client.chat.completions.create({ model: 'extractive-offline', messages: question });
result.chat = { model: chat.model, content: chat.choices[0].message.content, usage: chat.usage,
  finishReason: chat.choices[0].finish_reason };

const tool = await client.chat.completions.create({
  model: 'extractive-offline',
  tools: [{ type: 'function', function: { name: 'order_status', description: 'The status of an order',
    parameters: { type: 'object', properties: { order: { type: 'integer' } } } } }],
  messages: [
    { role: 'user', content: 'Where is order 7?' },
    { role: 'assistant', content: null, tool_calls: [{ id: 'call-1', type: 'function',
      function: { name: 'order_status', arguments: '{"order":7}' } }] },
    { role: 'tool', tool_call_id: 'call-1', content: 'Order 7 left the warehouse on Monday and arrives on Thursday.' },
    { role: 'user', content: 'So when does order 7 arrive?' },
  ],
});
result.tool = { content: tool.choices[0].message.content };

const embeddings = await client.embeddings.create({ model: 'all-minilm-l6-v2',
  input: ['refunds reach the card in five days', 'orders ship the same day'] });
result.embeddings = { model: embeddings.model, count: embeddings.data.length,
  dimensions: embeddings.data[0].embedding.length,
  norm: Math.sqrt(embeddings.data[1].embedding.reduce((sum, v) => sum + v * v, 0)),
  promptTokens: embeddings.usage.prompt_tokens };

const stream = await client.chat.completions.create({ model: 'extractive-offline', messages: question, stream: true,
  stream_options: { include_usage: true } });
const chunks = [];
for await (const chunk of stream) {
  chunks.push(chunk);
}
result.stream = { chunks: chunks.length,
  content: chunks.flatMap(c => c.choices).map(c => c.delta?.content ?? '').join(''),
  finishReason: chunks.flatMap(c => c.choices).map(c => c.finish_reason).filter(Boolean).pop() ?? null,
  usage: chunks[chunks.length - 1].usage ?? null };

const frugal = new OpenAI({ baseURL: process.env.AIP_BASE_URL, apiKey: process.env.AIP_FRUGAL_KEY, maxRetries: 0 });
try {
  await frugal.chat.completions.create({ model: 'extractive-offline', messages: question });
  result.refusal = { status: 200 };
} catch (e) {
  result.refusal = { status: e.status, type: e.type ?? e.error?.type ?? null, code: e.code ?? null,
    message: e.message, remaining: (typeof e.headers?.get === 'function' ? e.headers.get('x-aiplatform-budget-remaining-usd')
      : e.headers?.['x-aiplatform-budget-remaining-usd']) ?? null };
}

process.stdout.write(JSON.stringify(result) + '\n');
