// Azure OpenAI with one chat and one embedding deployment. Local (key) auth is off: apps call it with
// their managed identity and the Cognitive Services OpenAI User role.

@description('Required. Name of the account; also its custom subdomain.')
param name string

@description('Optional. Location of the account (must offer the models below).')
param location string = resourceGroup().location

@description('Optional. Tags for the account.')
param tags object = {}

@description('Required. Model deployments, created one at a time.')
param deployments modelDeployment[]

@description('A model deployment: its name (the AZURE_OPENAI_*_DEPLOYMENT setting), model and capacity in thousands of tokens per minute.')
type modelDeployment = {
  @description('Required. Deployment name, as the apps\' settings spell it.')
  name: string
  @description('Required. Model name, e.g. gpt-4o-mini.')
  model: string
  @description('Required. Model version.')
  version: string
  @description('Optional. Deployment SKU, e.g. GlobalStandard or Standard.')
  sku: string?
  @description('Required. Capacity in thousands of tokens per minute.')
  capacity: int
}

resource account 'Microsoft.CognitiveServices/accounts@2025-09-01' = {
  name: name
  location: location
  tags: tags
  kind: 'OpenAI'
  sku: {
    name: 'S0'
  }
  properties: {
    customSubDomainName: name
    disableLocalAuth: true
    publicNetworkAccess: 'Enabled'
  }
}

@batchSize(1)
resource modelDeployments 'Microsoft.CognitiveServices/accounts/deployments@2025-09-01' = [
  for deployment in deployments: {
    parent: account
    name: deployment.name
    sku: {
      name: deployment.?sku ?? 'GlobalStandard'
      capacity: deployment.capacity
    }
    properties: {
      model: {
        format: 'OpenAI'
        name: deployment.model
        version: deployment.version
      }
    }
  }
]

@description('Name of the account.')
output name string = account.name

@description('Resource id of the account.')
output id string = account.id

@description('Endpoint, for AZURE_OPENAI_ENDPOINT.')
output endpoint string = account.properties.endpoint
