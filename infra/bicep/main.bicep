// The AI platform in one resource group: a Flex Consumption function app per capability, each with its
// own identity and only the data-plane roles it needs; Storage (keys off), Event Grid (CloudEvents),
// Azure OpenAI (keys off), Qdrant (private), Key Vault, API Management and monitoring.
//
// What each app gets is data, not code: infra/bicep/apps/<app>.json holds its settings (named exactly as
// in local.settings.sample.json), the containers, queues and tables it owns, its roles and its event
// subscriptions; apps/common.json holds what every app gets. To add an app: write apps/<app>.json and
// add it to `apps` below (and a service to azure.yaml). The offline checks (infra/checks) fail when an
// app's code reads a setting, uses a queue, table or container, or needs a role this data does not give.

targetScope = 'subscription'

@description('Required. azd environment name; names the resource group and seeds the unique token.')
@minLength(1)
@maxLength(64)
param environmentName string

@description('Required. Region for every resource (must offer Flex Consumption and the OpenAI models).')
param location string

@description('Optional. An existing Qdrant gRPC endpoint (Qdrant Cloud: https://host:6334); empty runs Qdrant privately on a VM with a managed data disk.')
param qdrantEndpoint string = ''

@description('Required. Qdrant API key: set on the Qdrant this deploys, or the key of the existing one. Stored in Key Vault only.')
@secure()
param qdrantApiKey string

@description('Optional. SSH public key of the Qdrant VM\'s admin user; required when Qdrant is deployed here (qdrantEndpoint empty).')
param qdrantAdminSshPublicKey string = ''

@description('Optional. Publisher e-mail for API Management.')
param apimPublisherEmail string = 'platform@example.com'

@description('Optional. Create the Event Grid subscriptions; their functions must be deployed first (azure.yaml postdeploy hook).')
param createEventSubscriptions bool = false

@description('''Optional. The model deployments, each with its lifecycle dates as Microsoft publishes them (model
retirements page): retirement null means none announced when the table in tools/infra-checks/lib/models.json was
last reviewed. The offline checks fail on a model past its deprecation (no new deployments) or retirement date,
or whose dates here differ from that table. purpose: chat (also the vision deployment) or embedding.''')
param modelDeployments array = [
  {
    purpose: 'chat'
    name: 'gpt-5-mini'
    model: 'gpt-5-mini'
    version: '2025-08-07'
    capacity: 30
    deprecation: null
    retirement: null
  }
  {
    purpose: 'embedding'
    name: 'text-embedding-3-small'
    model: 'text-embedding-3-small'
    version: '1'
    capacity: 30
    deprecation: null
    retirement: null
  }
]

var chatModel = first(filter(modelDeployments, m => m.purpose == 'chat'))
var embeddingModel = first(filter(modelDeployments, m => m.purpose == 'embedding'))

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}

var common = loadJsonContent('apps/common.json')
var apps = [
  loadJsonContent('apps/knowledge.json')
  loadJsonContent('apps/research.json')
  loadJsonContent('apps/agent.json')
  loadJsonContent('apps/assistant.json')
  loadJsonContent('apps/platform.json')
  loadJsonContent('apps/llm.json')
]
var gateway = loadJsonContent('../gateway/gateway.json')

var appNames = map(apps, app => app.name)
var functionAppNames = toObject(appNames, app => app, app => '${abbrs.webSitesFunctions}${app}-${resourceToken}')
var deploymentContainers = map(appNames, app => 'app-package-${app}')
var deadLetterContainer = 'eventgrid-deadletter'
// Qdrant (and the private network that hides it) is deployed here only when an app uses it and no
// existing endpoint is given.
var hostQdrant = empty(qdrantEndpoint) && length(filter(apps, app => app.usesQdrant)) > 0
var keyVaultName = '${abbrs.keyVaultVaults}${resourceToken}'

resource rg 'Microsoft.Resources/resourceGroups@2025-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: '${abbrs.insightsComponents}${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: '${abbrs.storageStorageAccounts}${resourceToken}'
    location: location
    tags: tags
    containers: union(common.storage.containers, flatten(map(apps, app => app.storage.containers)), deploymentContainers, [
      deadLetterContainer
    ])
    queues: union(common.storage.queues, flatten(map(apps, app => app.storage.queues)))
    tables: union(common.storage.tables, flatten(map(apps, app => app.storage.tables)))
  }
}

module keyVault 'modules/key-vault.bicep' = {
  name: 'key-vault'
  scope: rg
  params: {
    name: keyVaultName
    location: location
    tags: tags
    secrets: {
      'qdrant-api-key': qdrantApiKey
    }
  }
}

module openAi 'modules/openai.bicep' = {
  name: 'openai'
  scope: rg
  params: {
    name: '${abbrs.cognitiveServicesAccounts}${resourceToken}'
    location: location
    tags: tags
    deployments: map(modelDeployments, m => {
      name: m.name
      model: m.model
      version: m.version
      capacity: m.capacity
    })
  }
}

module topic 'modules/event-grid-topic.bicep' = {
  name: 'event-grid-topic'
  scope: rg
  params: {
    name: '${abbrs.eventGridDomainsTopics}${resourceToken}'
    location: location
    tags: tags
  }
}

module network 'modules/network.bicep' = if (hostQdrant) {
  name: 'network'
  scope: rg
  params: {
    name: '${abbrs.networkVirtualNetworks}${resourceToken}'
    location: location
    tags: tags
  }
}

module qdrantIdentity 'modules/identity.bicep' = if (hostQdrant) {
  name: 'identity-qdrant'
  scope: rg
  params: {
    name: '${abbrs.managedIdentityUserAssignedIdentities}qdrant-${resourceToken}'
    location: location
    tags: tags
  }
}

module qdrantRoles 'modules/role-assignments.bicep' = if (hostQdrant) {
  name: 'roles-qdrant'
  scope: rg
  params: {
    principalId: qdrantIdentity!.outputs.principalId
    storageAccountName: storage.outputs.name
    keyVaultName: keyVault.outputs.name
    assignments: [
      {
        role: 'Key Vault Secrets User'
        scope: 'secret'
        resource: 'qdrant-api-key'
      }
    ]
  }
}

// Qdrant on a VM whose data sits on a managed disk (durable block storage); the VM boots only after its
// identity may read the API key, and its boot script retries until the role has propagated.
module qdrant 'modules/qdrant-vm.bicep' = if (hostQdrant) {
  name: 'qdrant'
  scope: rg
  dependsOn: [
    qdrantRoles
  ]
  params: {
    name: '${abbrs.computeVirtualMachines}qdrant-${resourceToken}'
    location: location
    tags: tags
    subnetId: network!.outputs.qdrantSubnetId
    privateIpAddress: network!.outputs.qdrantPrivateIp
    identityId: qdrantIdentity!.outputs.id
    identityClientId: qdrantIdentity!.outputs.clientId
    keyVaultName: keyVault.outputs.name
    apiKeySecretName: 'qdrant-api-key'
    adminSshPublicKey: qdrantAdminSshPublicKey
  }
}

module appIdentities 'modules/identity.bicep' = [
  for app in apps: {
    name: 'identity-${app.name}'
    scope: rg
    params: {
      name: '${abbrs.managedIdentityUserAssignedIdentities}${app.name}-${resourceToken}'
      location: location
      tags: tags
    }
  }
]

// What settings may refer to as "{{name}}": endpoints, and Key Vault references for secrets. An app's
// own identity, Application Insights and name are added by modules/function-app.bicep.
var platformReferences = {
  storageAccountName: storage.outputs.name
  storageBlobEndpoint: storage.outputs.blobEndpoint
  storageQueueEndpoint: storage.outputs.queueEndpoint
  storageTableEndpoint: storage.outputs.tableEndpoint
  openAiEndpoint: openAi.outputs.endpoint
  openAiChatDeployment: chatModel.name
  openAiEmbeddingDeployment: embeddingModel.name
  eventGridTopicEndpoint: topic.outputs.endpoint
  qdrantEndpoint: hostQdrant ? qdrant!.outputs.endpoint : qdrantEndpoint
  'keyVault:qdrant-api-key': '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=qdrant-api-key)'
}
// Per app: "{{apiBaseUrl:<app>}}" is its address and "{{keyVault:<app>-function-key}}" its host key.
var appLinkReferences = union(
  toObject(appNames, app => 'apiBaseUrl:${app}', app => 'https://${functionAppNames[app]}.azurewebsites.net'),
  toObject(appNames, app => 'keyVault:${app}-function-key', app => '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=${app}-function-key)')
)

// Order (each step needs the one before; role assignments take minutes to propagate, hence the
// postprovision hook that refreshes Key Vault references and named values until they resolve):
// 1. appRoles: host and data roles (no secret roles), before the app exists, so the host can reach
//    azure-webjobs-hosts/-secrets from its first start (listKeys reads the keys the host keeps there);
// 2. functionApps: site and plan with the settings that hold no Key Vault reference;
// 3. functionKeys: each host key copied into Key Vault;
// 4. appSecretRoles: Key Vault Secrets User on the secrets, which now exist;
// 5. appSettings: every setting, Key Vault references included.
module appRoles 'modules/role-assignments.bicep' = [
  for (app, i) in apps: {
    name: 'roles-${app.name}'
    scope: rg
    params: {
      principalId: appIdentities[i].outputs.principalId
      storageAccountName: storage.outputs.name
      openAiName: openAi.outputs.name
      topicName: topic.outputs.name
      keyVaultName: keyVault.outputs.name
      assignments: filter(concat(common.roles, app.roles, [
        {
          role: 'Storage Blob Data Contributor'
          scope: 'container'
          resource: deploymentContainers[i]
        }
      ]), role => role.scope != 'secret')
    }
  }
]

module functionApps 'modules/function-app.bicep' = [
  for (app, i) in apps: {
    name: 'function-app-${app.name}'
    scope: rg
    dependsOn: [
      appRoles
    ]
    params: {
      name: functionAppNames[app.name]
      planName: '${abbrs.webServerFarms}${app.name}-${resourceToken}'
      serviceName: app.name
      location: location
      tags: tags
      identityId: appIdentities[i].outputs.id
      identityClientId: appIdentities[i].outputs.clientId
      storageBlobEndpoint: storage.outputs.blobEndpoint
      deploymentContainer: deploymentContainers[i]
      applicationInsightsName: monitoring.outputs.applicationInsightsName
      settings: union(common.settings, app.settings)
      references: union(platformReferences, appLinkReferences)
      virtualNetworkSubnetId: app.usesQdrant && hostQdrant ? network!.outputs.functionsSubnetId : ''
    }
  }
]

module functionKeys 'modules/function-key-secret.bicep' = [
  for (app, i) in apps: {
    name: 'function-key-${app.name}'
    scope: rg
    params: {
      functionAppName: functionApps[i].outputs.name
      keyVaultName: keyVault.outputs.name
      secretName: '${app.name}-function-key'
    }
  }
]

module appSecretRoles 'modules/role-assignments.bicep' = [
  for (app, i) in apps: {
    name: 'secret-roles-${app.name}'
    scope: rg
    dependsOn: [
      functionKeys
    ]
    params: {
      principalId: appIdentities[i].outputs.principalId
      storageAccountName: storage.outputs.name
      keyVaultName: keyVault.outputs.name
      assignments: filter(concat(common.roles, app.roles), role => role.scope == 'secret')
    }
  }
]

module appSettings 'modules/function-app-settings.bicep' = [
  for (app, i) in apps: {
    name: 'function-app-settings-${app.name}'
    scope: rg
    dependsOn: [
      appSecretRoles
      functionKeys
    ]
    params: {
      siteName: functionApps[i].outputs.name
      identityClientId: appIdentities[i].outputs.clientId
      applicationInsightsName: monitoring.outputs.applicationInsightsName
      settings: union(common.settings, app.settings)
      references: union(platformReferences, appLinkReferences)
      withKeyVaultReferences: true
    }
  }
]

module topicRoles 'modules/role-assignments.bicep' = {
  name: 'roles-event-grid-topic'
  scope: rg
  params: {
    principalId: topic.outputs.principalId
    storageAccountName: storage.outputs.name
    assignments: [
      {
        role: 'Storage Blob Data Contributor'
        scope: 'container'
        resource: deadLetterContainer
      }
    ]
  }
}

module eventSubscriptions 'modules/event-grid-subscriptions.bicep' = if (createEventSubscriptions) {
  name: 'event-grid-subscriptions'
  scope: rg
  dependsOn: [
    appSettings
    topicRoles
  ]
  params: {
    topicName: topic.outputs.name
    storageAccountName: storage.outputs.name
    systemTopicName: '${abbrs.eventGridSystemTopics}storage-${resourceToken}'
    location: location
    tags: tags
    deadLetterContainer: deadLetterContainer
    subscriptions: flatten(map(apps, app => map(app.eventSubscriptions, subscription => union(subscription, {
      functionAppName: functionAppNames[app.name]
    }))))
  }
}

module apimIdentity 'modules/identity.bicep' = {
  name: 'identity-apim'
  scope: rg
  params: {
    name: '${abbrs.managedIdentityUserAssignedIdentities}apim-${resourceToken}'
    location: location
    tags: tags
  }
}

module apimRoles 'modules/role-assignments.bicep' = {
  name: 'roles-apim'
  scope: rg
  dependsOn: [
    functionKeys
  ]
  params: {
    principalId: apimIdentity.outputs.principalId
    storageAccountName: storage.outputs.name
    keyVaultName: keyVault.outputs.name
    assignments: map(appNames, app => {
      role: 'Key Vault Secrets User'
      scope: 'secret'
      resource: '${app}-function-key'
    })
  }
}

module apim 'modules/api-management.bicep' = {
  name: 'api-management'
  scope: rg
  dependsOn: [
    apimRoles
  ]
  params: {
    name: '${abbrs.apiManagementService}${resourceToken}'
    location: location
    tags: tags
    publisherEmail: apimPublisherEmail
    identityId: apimIdentity.outputs.id
    identityClientId: apimIdentity.outputs.clientId
    definition: gateway
    backends: toObject(appNames, app => app, app => {
      url: 'https://${functionAppNames[app]}.azurewebsites.net'
      functionKeySecretUri: '${keyVault.outputs.uri}secrets/${app}-function-key'
    })
    globalPolicyTemplate: loadTextContent('../apim/policies/global.xml')
    apiPolicyTemplate: loadTextContent('../apim/policies/api.xml')
    productLimitsTemplate: loadTextContent('../apim/policies/product-limits.xml')
  }
}

@description('Region of the deployment.')
output AZURE_LOCATION string = location

@description('Tenant of the deployment.')
output AZURE_TENANT_ID string = tenant().tenantId

@description('Resource group that holds everything.')
output AZURE_RESOURCE_GROUP string = rg.name

@description('Key Vault name; azd reads the Qdrant API key from it on later runs.')
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name

@description('Storage account name.')
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name

@description('Azure OpenAI endpoint.')
output AZURE_OPENAI_ENDPOINT string = openAi.outputs.endpoint

@description('Event Grid topic endpoint.')
output EVENT_GRID_TOPIC_ENDPOINT string = topic.outputs.endpoint

// Not named QDRANT_ENDPOINT: azd writes outputs into the environment, and that name is the parameter
// that switches to an existing Qdrant (which would stop deploying this one on the next provision).
@description('Qdrant gRPC endpoint the apps use (reachable only from the private network when deployed here).')
output QDRANT_APP_ENDPOINT string = platformReferences.qdrantEndpoint

@description('API Management service name (the postprovision hook refreshes its Key Vault named values).')
output API_MANAGEMENT_NAME string = apim.outputs.name

@description('API Management gateway URL; every app is under /api/v1/<app>.')
output API_GATEWAY_URL string = apim.outputs.gatewayUrl

@description('Function app name per app.')
output FUNCTION_APP_NAMES object = functionAppNames
