// Do the function apps' code and the Bicep data (infra/bicep/apps/*.json, wired in main.bicep) agree?
//
// For every folder functions/<app> with a pom.xml:
// - wiring: apps/<app>.json exists, names the app, and main.bicep loads it into `apps`; azure.yaml has a
//   service for it with project ./functions/<app>.
// - settings: every setting the code reads (see java.mjs) is set by common.json or apps/<app>.json,
//   unless the App Service platform sets it (WEBSITE_*) or notSetInAzure gives the reason it stays unset.
//   Every setting Bicep sets is named as in local.settings.sample.json (AzureWebJobsStorage__* are the
//   identity-based form of AzureWebJobsStorage). Flex Consumption rejects FUNCTIONS_WORKER_RUNTIME and
//   FUNCTIONS_EXTENSION_VERSION as app settings, and runs no OS packages (a *_COMMAND setting stays empty).
//   AzureWebJobsStorage must be identity-based.
// - references: every "{{name}}" value is one main.bicep or function-app-settings.bicep defines.
// - resources: the queue, table or container named by a setting ending in _QUEUE, _TABLE or _CONTAINER
//   (its Bicep value, which must equal the local.settings.sample.json value), by a queue/blob/table
//   trigger or binding, is provisioned (storage lists of common.json and the apps); queues get their
//   "-poison" queue from storage.bicep.
// - roles: blob container -> Storage Blob Data Contributor; table -> Storage Table Data Contributor;
//   queue used -> Storage Queue Data Contributor (a queue trigger also on "<queue>-poison", unless the
//   queue is itself a poison queue); Event Grid
//   publishing (EVENT_PUBLISHER=eventgrid) -> EventGrid Data Sender on the topic; Azure OpenAI
//   (LLM_PROVIDER or EMBEDDING_PROVIDER azure_openai) -> Cognitive Services OpenAI User; a setting
//   "{{keyVault:<secret>}}" -> Key Vault Secrets User on that secret; the Functions host -> Storage Blob
//   Data Owner on azure-webjobs-hosts and azure-webjobs-secrets. A role at the storage account or vault
//   scope also satisfies a narrower need. Every role named must be one role-assignments.bicep knows,
//   on a resource that is provisioned.
// - dead letters: a setting ending in DEADLETTER_CONTAINER names the container main.bicep's event
//   subscriptions dead-letter to (its deadLetterContainer variable).
// - network: an app whose code reads QDRANT_ENDPOINT with VECTOR_STORE=qdrant set has usesQdrant true
//   (only those apps join the private network that reaches Qdrant), and no other app has it.
// - event subscriptions: every @EventGridTrigger function has an entry in eventSubscriptions, and every
//   entry names an @EventGridTrigger function of that app.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { reachableFiles, settingsRead, functions } from './java.mjs';
import { objectKeys } from './bicep.mjs';

const HOST_SETTINGS = ['__accountName', '__credential', '__clientId', '__blobServiceUri', '__queueServiceUri', '__tableServiceUri'];
const FLEX_REJECTS = ['FUNCTIONS_WORKER_RUNTIME', 'FUNCTIONS_EXTENSION_VERSION', 'WEBSITE_RUN_FROM_PACKAGE'];
const REFERENCE = /^\{\{(.+)\}\}$/;

export function functionApps(root) {
  const dir = join(root, 'functions');
  if (!existsSync(dir)) {
    return [];
  }
  return readdirSync(dir).filter(name => existsSync(join(dir, name, 'pom.xml'))).sort();
}

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** The infrastructure data: common.json, every apps/<x>.json main.bicep loads, and literal keys. */
export function infraModel(root, parsed) {
  const bicepDir = join(root, 'infra/bicep');
  const main = parsed.get(join(bicepDir, 'main.bicep'));
  const functionApp = parsed.get(join(bicepDir, 'modules/function-app-settings.bicep'));
  const roleModule = parsed.get(join(bicepDir, 'modules/role-assignments.bicep'));
  const loaded = new Map();
  for (const load of main?.loads ?? []) {
    if (load.variable === 'apps' && existsSync(join(bicepDir, load.path))) {
      const app = readJson(join(bicepDir, load.path));
      loaded.set(app.name, { ...app, file: load.path });
    }
  }
  const common = existsSync(join(bicepDir, 'apps/common.json')) ? readJson(join(bicepDir, 'apps/common.json')) : {};
  const references = new Set([...objectKeys(main?.variables.get('platformReferences')),
    ...objectKeys(functionApp?.variables.get('allReferences'))]);
  if (main?.variables.has('appLinkReferences')) {
    for (const name of loaded.keys()) {
      references.add(`apiBaseUrl:${name}`);
      references.add(`keyVault:${name}-function-key`);
    }
  }
  const provisioned = { container: new Set(), queue: new Set(), table: new Set() };
  const storageModule = join(bicepDir, 'modules/storage.bicep');
  const poisonQueues = existsSync(storageModule) && /'\$\{queue\}-poison'/.test(readFileSync(storageModule, 'utf8'));
  for (const source of [common, ...loaded.values()]) {
    (source.storage?.containers ?? []).forEach(c => provisioned.container.add(c));
    (source.storage?.tables ?? []).forEach(t => provisioned.table.add(t));
    for (const q of source.storage?.queues ?? []) {
      provisioned.queue.add(q);
      if (poisonQueues) {
        provisioned.queue.add(`${q}-poison`);
      }
    }
  }
  const roleNames = objectKeys(roleModule?.variables.get('roleIds'));
  const mainPath = join(bicepDir, 'main.bicep');
  const deadLetter = existsSync(mainPath)
    ? readFileSync(mainPath, 'utf8').match(/^var deadLetterContainer = '([^']+)'/m)?.[1] : undefined;
  return { common, apps: loaded, references, provisioned, roleNames, deadLetterContainer: deadLetter };
}

function hasRole(roles, role, scope, resource) {
  return roles.some(r => r.role === role && (
    (r.scope === scope && (resource === undefined || r.resource === resource))
    || (['container', 'queue', 'table'].includes(scope) && r.scope === 'storage')
    || (scope === 'secret' && r.scope === 'keyVault')));
}

function azureServices(root) {
  const path = join(root, 'azure.yaml');
  if (!existsSync(path)) {
    return new Map();
  }
  const services = new Map();
  let current = null;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const service = line.match(/^ {2}([\w-]+):\s*$/);
    if (service) {
      current = service[1];
      services.set(current, {});
    }
    const project = line.match(/^ {4}project:\s*['"]?([^'"\s]+)/);
    if (project && current) {
      services.get(current).project = project[1].replace(/^\.\//, '').replace(/\/$/, '');
    }
  }
  return services;
}

/** Findings for one app; `found` collects what was derived, for the summary. */
export function checkApp(root, appName, model, sample) {
  const findings = [];
  const fail = (check, message) => findings.push({ check, app: appName, message });
  const infra = model.apps.get(appName);
  if (!infra) {
    fail('app-wiring', `functions/${appName} has no infra/bicep/apps/${appName}.json loaded into main.bicep's apps`);
    return { findings, summary: null };
  }
  const service = azureServices(root).get(appName);
  if (service?.project !== `functions/${appName}`) {
    fail('app-wiring', `azure.yaml has no service '${appName}' with project ./functions/${appName}`);
  }
  const settings = { ...(model.common.settings ?? {}), ...(infra.settings ?? {}) };
  const notSet = { ...(model.common.notSetInAzure ?? {}), ...(infra.notSetInAzure ?? {}) };
  const roles = [...(model.common.roles ?? []), ...(infra.roles ?? [])];
  const { own, all } = reachableFiles(root, join(root, 'functions', appName));
  const { reads } = settingsRead(root, all, own);
  const fns = functions(root, own, all);

  for (const [name, where] of reads) {
    if (name.startsWith('WEBSITE_') || name in settings || name in notSet) {
      continue;
    }
    fail('settings', `${name} is read (${where}) but Bicep does not set it for ${appName} `
      + `(add it to infra/bicep/apps/${appName}.json, or to notSetInAzure with the reason)`);
  }
  for (const [name, value] of Object.entries(settings)) {
    if (typeof value !== 'string') {
      fail('settings', `${name} must be a string in Bicep (app settings are strings), not ${JSON.stringify(value)}`);
    }
    if (FLEX_REJECTS.includes(name)) {
      fail('settings', `${name} must not be an app setting on Flex Consumption (functionAppConfig sets the runtime)`);
    }
    // Flex Consumption runs no OS packages: a setting that names an executable to run has nothing to run.
    if (/_COMMAND$/.test(name) && typeof value === 'string' && value.trim() !== '') {
      fail('settings', `${name} is '${value}', but Flex Consumption has no OS packages to run it (leave it empty; see infra/bicep/README.md)`);
    }
    if (!name.startsWith('AzureWebJobsStorage__') && !(name in sample)) {
      fail('settings', `${name} is set by Bicep but is not in local.settings.sample.json (names must match)`);
    }
    const ref = typeof value === 'string' ? value.match(REFERENCE) : null;
    if (ref && !model.references.has(ref[1])) {
      fail('references', `${name} refers to {{${ref[1]}}}, which neither main.bicep nor function-app-settings.bicep defines`);
    }
  }
  for (const suffix of HOST_SETTINGS) {
    if (!(`AzureWebJobsStorage${suffix}` in settings)) {
      fail('settings', `AzureWebJobsStorage${suffix} is not set: the host and AzureStorageClients need identity-based storage`);
    }
  }
  if (settings.AzureWebJobsStorage__credential !== undefined && settings.AzureWebJobsStorage__credential !== 'managedidentity') {
    fail('settings', 'AzureWebJobsStorage__credential must be managedidentity');
  }

  const needs = [];
  const literal = name => {
    const value = settings[name];
    return typeof value === 'string' && !REFERENCE.test(value) ? value : null;
  };
  const expand = expr => expr.replace(/%([A-Za-z_]\w*)%/g, (_, name) => literal(name) ?? `%${name}%`);
  const use = (kind, name, why, poison = false) => needs.push({ kind, name, why, poison });
  for (const name of reads.keys()) {
    const kind = /_QUEUE(_NAME)?$/.test(name) ? 'queue' : /_TABLE(_NAME)?$/.test(name) ? 'table'
      : /_CONTAINER(_NAME)?$/.test(name) ? 'container' : null;
    if (!kind || !(name in settings)) {
      continue;
    }
    const value = literal(name);
    if (value === null) {
      fail('resources', `${name} must be a literal ${kind} name in Bicep, not a reference`);
      continue;
    }
    if (name in sample && sample[name] !== value) {
      fail('resources', `${name} is '${value}' in Bicep but '${sample[name]}' in local.settings.sample.json`);
    }
    if (/DEADLETTER_CONTAINER$/.test(name) && model.deadLetterContainer && value !== model.deadLetterContainer) {
      fail('resources', `${name} is '${value}' but main.bicep dead-letters events to '${model.deadLetterContainer}'`);
    }
    use(kind, value, `setting ${name}`);
  }
  const triggers = [];
  for (const fn of fns) {
    for (const b of fn.bindings) {
      const a = b.attributes;
      if (b.type === 'QueueTrigger' || b.type === 'QueueOutput') {
        use('queue', expand(a.queueName ?? ''), `${b.type} of ${fn.name}`, b.type === 'QueueTrigger');
      } else if (/^Blob/.test(b.type)) {
        use('container', expand(a.path ?? '').split('/')[0], `${b.type} of ${fn.name}`);
      } else if (/^Table/.test(b.type)) {
        use('table', expand(a.tableName ?? ''), `${b.type} of ${fn.name}`);
      } else if (b.type === 'EventGridTrigger') {
        triggers.push(fn.name);
      }
      if (a.connection && !Object.keys(settings).some(k => k === a.connection || k.startsWith(`${a.connection}__`))) {
        fail('settings', `connection '${a.connection}' of ${fn.name} is not set (${a.connection}__*)`);
      }
    }
  }
  const roleFor = { container: 'Storage Blob Data Contributor', table: 'Storage Table Data Contributor',
    queue: 'Storage Queue Data Contributor' };
  for (const need of needs) {
    if (need.name.includes('%')) {
      continue; // the unresolved setting is already reported as missing
    }
    if (!model.provisioned[need.kind].has(need.name)) {
      fail('resources', `${need.kind} '${need.name}' (${need.why}) is not provisioned in any storage list`);
    }
    // A trigger on a poison queue itself (replaying dead letters) needs no "-poison-poison" queue.
    const targets = need.poison && !need.name.endsWith('-poison') ? [need.name, `${need.name}-poison`] : [need.name];
    for (const target of targets) {
      if (!hasRole(roles, roleFor[need.kind], need.kind, target)) {
        fail('roles', `${roleFor[need.kind]} on ${need.kind} '${target}' is missing (${need.why})`);
      }
    }
  }
  for (const container of ['azure-webjobs-hosts', 'azure-webjobs-secrets']) {
    if (!hasRole(roles, 'Storage Blob Data Owner', 'container', container)) {
      fail('roles', `Storage Blob Data Owner on container '${container}' is missing (the Functions host)`);
    }
  }
  if (settings.EVENT_PUBLISHER === 'eventgrid' && reads.has('EVENT_GRID_TOPIC_ENDPOINT')
    && !hasRole(roles, 'EventGrid Data Sender', 'topic')) {
    fail('roles', 'EventGrid Data Sender on the topic is missing (EVENT_PUBLISHER=eventgrid)');
  }
  const usesOpenAi = ['LLM_PROVIDER', 'EMBEDDING_PROVIDER'].some(n => reads.has(n) && settings[n] === 'azure_openai');
  if (usesOpenAi && !hasRole(roles, 'Cognitive Services OpenAI User', 'openai')) {
    fail('roles', 'Cognitive Services OpenAI User on Azure OpenAI is missing (a provider is azure_openai)');
  }
  for (const [name, value] of Object.entries(settings)) {
    const secret = typeof value === 'string' ? value.match(/^\{\{keyVault:(.+)\}\}$/) : null;
    if (secret && !hasRole(roles, 'Key Vault Secrets User', 'secret', secret[1])) {
      fail('roles', `Key Vault Secrets User on secret '${secret[1]}' is missing (${name} is a Key Vault reference)`);
    }
  }
  for (const role of roles) {
    if (!model.roleNames.has(role.role)) {
      fail('roles', `role '${role.role}' is not one role-assignments.bicep knows`);
    }
    if (['container', 'queue', 'table'].includes(role.scope) && !model.provisioned[role.scope].has(role.resource)) {
      fail('roles', `role '${role.role}' is on ${role.scope} '${role.resource}', which is not provisioned`);
    }
  }
  const readsQdrant = reads.has('QDRANT_ENDPOINT') && settings.VECTOR_STORE === 'qdrant';
  if (readsQdrant && infra.usesQdrant !== true) {
    fail('network', `${appName} reads QDRANT_ENDPOINT with VECTOR_STORE=qdrant but usesQdrant is not true, `
      + 'so it would not join the network that reaches Qdrant');
  } else if (!readsQdrant && infra.usesQdrant === true) {
    fail('network', `usesQdrant is true but ${appName} does not read QDRANT_ENDPOINT with VECTOR_STORE=qdrant`);
  }
  const subscribed = (infra.eventSubscriptions ?? []).map(s => s.function);
  for (const fn of triggers) {
    if (!subscribed.includes(fn)) {
      fail('event-subscriptions', `@EventGridTrigger ${fn} has no entry in infra/bicep/apps/${appName}.json eventSubscriptions`);
    }
  }
  for (const subscription of infra.eventSubscriptions ?? []) {
    if (!Array.isArray(subscription.includedEventTypes) || subscription.includedEventTypes.length === 0) {
      fail('event-subscriptions', `event subscription to ${subscription.function} lists no includedEventTypes`);
    }
    if (!['platform', 'storage', undefined].includes(subscription.source)) {
      fail('event-subscriptions', `event subscription to ${subscription.function} has source '${subscription.source}'; `
        + 'use platform (the custom topic) or storage (the storage account\'s events)');
    }
  }
  for (const fn of subscribed) {
    if (!triggers.includes(fn)) {
      fail('event-subscriptions', `event subscription to ${fn}, which is not an @EventGridTrigger function of ${appName}`);
    }
  }
  return { findings, summary: { settingsRead: reads.size, functions: fns.length, resources: needs.length,
    eventTriggers: triggers.length } };
}
