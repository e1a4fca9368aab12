// One function app on its own Flex Consumption plan (Java 17), running as its own user-assigned
// identity: storage, the deployment package, Key Vault references and data planes all use it.
//
// App settings come from data through function-app-settings.bicep: here only those that hold no Key
// Vault reference.

@description('Required. Name of the function app.')
param name string

@description('Required. Name of its Flex Consumption plan (one app per plan).')
param planName string

@description('Optional. Location of the app and its plan.')
param location string = resourceGroup().location

@description('Optional. Tags for the app and its plan; the app also gets azd-service-name.')
param tags object = {}

@description('Required. The azd service name (azure.yaml) this app deploys.')
param serviceName string

@description('Required. Resource id of the app\'s user-assigned identity.')
param identityId string

@description('Required. Client id of the app\'s user-assigned identity.')
param identityClientId string

@description('Required. Blob endpoint of the storage account that holds the deployment package.')
param storageBlobEndpoint string

@description('Required. Blob container for this app\'s deployment package.')
param deploymentContainer string

@description('Required. Name of the Application Insights component.')
param applicationInsightsName string

@description('Required. App settings by name; "{{name}}" values are replaced from references.')
param settings object

@description('Required. Values that settings refer to as "{{name}}"; may hold Key Vault references, so treat as secure.')
@secure()
param references object

@description('Optional. Subnet for outbound VNet integration (to reach private Qdrant); empty for none.')
param virtualNetworkSubnetId string = ''

@description('Optional. Memory per instance in MB (2048 or 4096).')
@allowed([
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Optional. Most instances the app scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, {
    'azd-service-name': serviceName
  })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    virtualNetworkSubnetId: empty(virtualNetworkSubnetId) ? null : virtualNetworkSubnetId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storageBlobEndpoint}${deploymentContainer}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
      }
      runtime: {
        name: 'java'
        version: '17'
      }
    }
  }
}

// Only the settings that hold no Key Vault reference: the secrets and this app's roles on them come
// later (main.bicep writes every setting then).
module hostSettings 'function-app-settings.bicep' = {
  name: 'settings-${serviceName}-host'
  params: {
    siteName: site.name
    identityClientId: identityClientId
    applicationInsightsName: applicationInsightsName
    settings: settings
    references: references
    withKeyVaultReferences: false
  }
}

@description('Name of the function app.')
output name string = site.name

@description('Resource id of the function app.')
output id string = site.id

@description('Default host name of the function app.')
output defaultHostName string = site.properties.defaultHostName
