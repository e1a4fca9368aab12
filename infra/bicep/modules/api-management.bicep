// API Management rendered from the gateway definition (infra/gateway/gateway.json) and the policy
// templates beside it (infra/apim/policies): the global policy (CORS), one API per entry of "apis" at its
// path with wildcard operations, each with a policy rendered from api.xml (identity, size limit, product
// limits from product-limits.xml, backend and function key), one backend per app at the API's path on its
// function app, and the named values the policies use: each app's function key (Key Vault references),
// platform-function-key and platform-base-url. Keys are the platform app's, not APIM subscriptions, so
// APIs do not require APIM subscriptions.

@description('Required. Name of the API Management service.')
param name string

@description('Optional. Location of the service.')
param location string = resourceGroup().location

@description('Optional. Tags for the service.')
param tags object = {}

@description('Required. Publisher e-mail shown in the developer portal.')
param publisherEmail string

@description('Optional. Publisher name.')
param publisherName string = 'AI Platform'

@description('Optional. SKU: a classic tier, because quota-by-key (product-limits.xml) runs only on classic (and self-hosted) gateways; v2 and Consumption refuse it when the policy is saved. The offline checks fail on an allowed SKU whose gateway lacks a policy the templates use.')
@allowed([
  'Developer'
  'Basic'
  'Standard'
  'Premium'
])
param sku string = 'Basic'

@description('Required. Resource id of the identity that reads function keys from Key Vault.')
param identityId string

@description('Required. Client id of that identity.')
param identityClientId string

@description('Required. The gateway definition (infra/gateway/gateway.json): identity, cors, apis (app, path, functionKeyNamedValue, maxRequestBytes, internalPaths?), products (id, apis, rateLimit, quota, tokenLimit, llmCache? with mode and, for semantic, threshold).')
param definition object

@description('Required. Per app name: url (https://host of its function app, no path) and functionKeySecretUri (Key Vault secret URI of its host key). Must include platform.')
param backends object

@description('Required. infra/apim/policies/global.xml.')
param globalPolicyTemplate string

@description('Required. infra/apim/policies/api.xml.')
param apiPolicyTemplate string

@description('Required. infra/apim/policies/product-limits.xml.')
param productLimitsTemplate string

var identity = definition.identity
var jwt = identity.jwt
var operationMethods = [
  'GET'
  'POST'
  'PUT'
  'PATCH'
  'DELETE'
]

resource service 'Microsoft.ApiManagement/service@2024-05-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: sku
    capacity: 1
  }
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    publisherEmail: publisherEmail
    publisherName: publisherName
  }
}

resource functionKeys 'Microsoft.ApiManagement/service/namedValues@2024-05-01' = [
  for backend in items(backends): {
    parent: service
    name: '${backend.key}-function-key'
    properties: {
      displayName: '${backend.key}-function-key'
      secret: true
      keyVault: {
        secretIdentifier: backend.value.functionKeySecretUri
        identityClientId: identityClientId
      }
    }
  }
]

resource platformBaseUrl 'Microsoft.ApiManagement/service/namedValues@2024-05-01' = {
  parent: service
  name: 'platform-base-url'
  properties: {
    displayName: 'platform-base-url'
    value: backends.platform.url
  }
}

resource globalPolicy 'Microsoft.ApiManagement/service/policies@2024-05-01' = {
  parent: service
  name: 'policy'
  properties: {
    format: 'rawxml'
    value: replace(replace(replace(replace(replace(globalPolicyTemplate,
      '__CORS_ORIGINS__', join(map(definition.cors.allowedOrigins, o => '<origin>${o}</origin>'), '')),
      '__CORS_METHODS__', join(map(definition.cors.allowedMethods, m => '<method>${m}</method>'), '')),
      '__CORS_HEADERS__', join(map(definition.cors.allowedHeaders, h => '<header>${h}</header>'), '')),
      '__CORS_EXPOSED__', join(map(definition.cors.exposedHeaders, h => '<header>${h}</header>'), '')),
      '__CORS_MAX_AGE__', string(definition.cors.maxAgeSeconds))
  }
}

// The gateway forwards the path below the API's path, so each backend sits at the API's path on the app.
resource appBackends 'Microsoft.ApiManagement/service/backends@2024-05-01' = [
  for api in definition.apis: {
    parent: service
    name: api.app
    properties: {
      protocol: 'http'
      url: '${backends[api.app].url}/${api.path}'
    }
  }
]

resource apis 'Microsoft.ApiManagement/service/apis@2024-05-01' = [
  for api in definition.apis: {
    parent: service
    name: api.app
    properties: {
      displayName: api.app
      path: api.path
      protocols: [
        'https'
      ]
      subscriptionRequired: false
      subscriptionKeyParameterNames: {
        header: 'x-apim-native-key'
        query: 'apim-native-key'
      }
    }
  }
]

module operations 'api-management-operations.bicep' = [
  for (api, i) in definition.apis: {
    name: 'apim-operations-${api.app}'
    params: {
      serviceName: service.name
      apiName: apis[i].name
      operations: map(operationMethods, method => {
        name: toLower(method)
        method: method
        urlTemplate: '/*'
      })
    }
  }
]

// product-limits.xml once per product; __APP__ stays for the API policy to fill in.
var productLimits = join(map(definition.products, p =>
  replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(productLimitsTemplate,
    '__PRODUCT_ID__', p.id), '__PRODUCT_APIS__', join(p.apis, ',')),
    '__RATE_CALLS__', string(p.rateLimit.calls)), '__RATE_PERIOD__', string(p.rateLimit.renewalPeriodSeconds)),
    '__QUOTA_CALLS__', string(p.quota.calls)), '__QUOTA_PERIOD__', string(p.quota.renewalPeriodSeconds)),
    '__TOKENS_PER_MINUTE__', string(p.tokenLimit.tokensPerMinute)), '__TOKENS_HEADER__', identity.tokensResponseHeader),
    '__CACHE_POLICY_HEADER__', identity.headers.cachePolicy), '__LLM_CACHE_POLICY__', (p.?llmCache.?mode ?? 'off') == 'semantic' ? 'semantic;threshold=${string(p.llmCache.threshold)}' : (p.?llmCache.?mode ?? 'off'))), '\n')

resource apiPolicies 'Microsoft.ApiManagement/service/apis/policies@2024-05-01' = [
  for (api, i) in definition.apis: {
    parent: apis[i]
    name: 'policy'
    dependsOn: [
      appBackends
      functionKeys
      platformBaseUrl
    ]
    properties: {
      format: 'rawxml'
      value: replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(
        replace(replace(replace(replace(replace(replace(replace(replace(replace(apiPolicyTemplate,
        '__PRODUCT_LIMITS__', productLimits),
        '__APP__', api.app),
        '__MAX_REQUEST_BYTES__', string(api.maxRequestBytes)),
        '__INTERNAL_PATHS__', join(api.?internalPaths ?? [], ',')),
        '__FUNCTION_KEY_NAMED_VALUE__', api.functionKeyNamedValue),
        '__BACKEND_ID__', api.app),
        '__API_KEY_HEADER__', identity.apiKeyHeader),
        '__KEY_HEADER__', identity.subscriptionKeyHeader),
        '__JWT_OPENID_CONFIG__', replace(jwt.openIdConfiguration, '{tenant}', tenant().tenantId)),
        '__JWT_AUDIENCE__', jwt.audience),
        '__JWT_ISSUER__', replace(jwt.issuer, '{tenant}', tenant().tenantId)),
        '__JWT_CONSUMER_CLAIM__', jwt.consumerClaim),
        '__JWT_TENANT_CLAIM__', jwt.tenantClaim),
        '__JWT_ROLES_CLAIM__', jwt.rolesClaim),
        '__JWT_GROUPS_CLAIM__', jwt.groupsClaim),
        '__JWT_PRODUCT__', jwt.product),
        '__CONSUMER_HEADER__', identity.headers.consumer),
        '__TENANT_HEADER__', identity.headers.tenant),
        '__ROLES_HEADER__', identity.headers.roles),
        '__GROUPS_HEADER__', identity.headers.groups),
        '__CACHE_POLICY_HEADER__', identity.headers.cachePolicy),
        '__TOKENS_HEADER__', identity.tokensResponseHeader)
    }
  }
]

@description('Name of the API Management service.')
output name string = service.name

@description('Gateway URL; every API is under <gatewayUrl>/api/v1/<app>.')
output gatewayUrl string = service.properties.gatewayUrl
