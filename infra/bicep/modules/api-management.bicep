// API Management rendered from the gateway definition (infra/bicep/gateway/): one API per entry (e.g.
// /api/v1/knowledge), each with a backend at the same path on its function app that adds the app's
// function key (a Key Vault named value), and products with their limits. The policies are XML
// templates kept beside the definition; this module only substitutes the backend id and the limits.

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

@description('Optional. SKU; v2 tiers support rate-limit-by-key and quota-by-key, which Consumption does not.')
@allowed([
  'BasicV2'
  'StandardV2'
  'Developer'
  'Premium'
])
param sku string = 'BasicV2'

@description('Required. Resource id of the identity that reads function keys from Key Vault.')
param identityId string

@description('Required. Client id of that identity.')
param identityClientId string

@description('Required. The gateway definition: APIs and products.')
param definition gatewayDefinition

@description('Required. Per app name: url (the function app\'s https://host, no path) and functionKeySecretUri (Key Vault secret URI of its host key).')
param backends object

@description('Required. Policy XML for every API; __BACKEND_ID__ becomes the API\'s backend (named as the API).')
param apiPolicyTemplate string

@description('Required. Policy XML for every product; __RATE_CALLS__, __RATE_PERIOD__, __QUOTA_CALLS__ and __QUOTA_PERIOD__ become its limits.')
param productPolicyTemplate string

@description('An API served by one function app.')
type apiDefinition = {
  @description('Required. API id, e.g. knowledge.')
  name: string
  @description('Required. Display name.')
  displayName: string
  @description('Required. Path on the gateway, e.g. api/v1/knowledge.')
  path: string
  @description('Required. The function app (a key of backends) that serves it.')
  app: string
  @description('Required. Operations: method and URL template relative to path.')
  operations: {
    name: string
    method: string
    urlTemplate: string
  }[]
}

@description('A product: which APIs a subscription key opens, with what limits.')
type productDefinition = {
  @description('Required. Product id.')
  name: string
  @description('Required. Display name.')
  displayName: string
  @description('Required. Description.')
  description: string
  @description('Required. API names in the product.')
  apis: string[]
  @description('Required. Calls per renewal period per subscription key.')
  rateLimit: {
    calls: int
    renewalPeriod: int
  }
  @description('Required. Calls per quota period per subscription key.')
  quota: {
    calls: int
    renewalPeriod: int
  }
}

@description('The gateway definition.')
type gatewayDefinition = {
  apis: apiDefinition[]
  products: productDefinition[]
}

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

// The gateway forwards the path below the API's path, so each backend sits at the API's path on the app.
resource apiBackends 'Microsoft.ApiManagement/service/backends@2024-05-01' = [
  for api in definition.apis: {
    parent: service
    name: api.name
    properties: {
      protocol: 'http'
      url: '${backends[api.app].url}/${api.path}'
      credentials: {
        header: {
          'x-functions-key': [
            '{{${api.app}-function-key}}'
          ]
        }
      }
    }
    dependsOn: [
      functionKeys
    ]
  }
]

resource apis 'Microsoft.ApiManagement/service/apis@2024-05-01' = [
  for api in definition.apis: {
    parent: service
    name: api.name
    properties: {
      displayName: api.displayName
      path: api.path
      protocols: [
        'https'
      ]
      subscriptionRequired: true
    }
  }
]

resource apiPolicies 'Microsoft.ApiManagement/service/apis/policies@2024-05-01' = [
  for (api, i) in definition.apis: {
    parent: apis[i]
    name: 'policy'
    properties: {
      format: 'rawxml'
      value: replace(apiPolicyTemplate, '__BACKEND_ID__', api.name)
    }
    dependsOn: [
      apiBackends
    ]
  }
]

module operations 'api-management-operations.bicep' = [
  for (api, i) in definition.apis: {
    name: 'apim-operations-${api.name}'
    params: {
      serviceName: service.name
      apiName: apis[i].name
      operations: api.operations
    }
  }
]

resource products 'Microsoft.ApiManagement/service/products@2024-05-01' = [
  for product in definition.products: {
    parent: service
    name: product.name
    properties: {
      displayName: product.displayName
      description: product.description
      subscriptionRequired: true
      approvalRequired: false
      state: 'published'
    }
  }
]

resource productPolicies 'Microsoft.ApiManagement/service/products/policies@2024-05-01' = [
  for (product, i) in definition.products: {
    parent: products[i]
    name: 'policy'
    properties: {
      format: 'rawxml'
      value: replace(replace(replace(replace(productPolicyTemplate,
        '__RATE_CALLS__', string(product.rateLimit.calls)),
        '__RATE_PERIOD__', string(product.rateLimit.renewalPeriod)),
        '__QUOTA_CALLS__', string(product.quota.calls)),
        '__QUOTA_PERIOD__', string(product.quota.renewalPeriod))
    }
  }
]

module productApis 'api-management-product-apis.bicep' = [
  for (product, i) in definition.products: {
    name: 'apim-product-${product.name}'
    params: {
      serviceName: service.name
      productName: products[i].name
      apiNames: product.apis
    }
    dependsOn: [
      apis
    ]
  }
]

@description('Name of the API Management service.')
output name string = service.name

@description('Gateway URL; every API is under <gatewayUrl>/api/v1/<app>.')
output gatewayUrl string = service.properties.gatewayUrl
