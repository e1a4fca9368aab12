// The storage account every function app uses (AzureWebJobsStorage and app data): blob containers,
// queues with their poison queues, tables. Shared keys are off: every caller signs in with Entra ID.

@description('Required. Name of the storage account (3-24 lowercase letters and digits).')
@minLength(3)
@maxLength(24)
param name string

@description('Optional. Location of the account.')
param location string = resourceGroup().location

@description('Optional. Tags for the account.')
param tags object = {}

@description('Optional. Blob containers to create.')
param containers string[] = []

@description('Optional. Queues to create; each also gets its "<queue>-poison" queue, where the Functions host moves messages past maxDequeueCount.')
param queues string[] = []

@description('Optional. Tables to create.')
param tables string[] = []

resource account 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-06-01' = {
  parent: account
  name: 'default'
}

resource blobContainers 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = [
  for container in containers: {
    parent: blobService
    name: container
    properties: {
      publicAccess: 'None'
    }
  }
]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2025-06-01' = {
  parent: account
  name: 'default'
}

resource workQueues 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-06-01' = [
  for queue in queues: {
    parent: queueService
    name: queue
  }
]

resource poisonQueues 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-06-01' = [
  for queue in queues: {
    parent: queueService
    name: '${queue}-poison'
  }
]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2025-06-01' = {
  parent: account
  name: 'default'
}

resource dataTables 'Microsoft.Storage/storageAccounts/tableServices/tables@2025-06-01' = [
  for table in tables: {
    parent: tableService
    name: table
  }
]

@description('Name of the storage account.')
output name string = account.name

@description('Resource id of the storage account.')
output id string = account.id

@description('Blob service endpoint, for AzureWebJobsStorage__blobServiceUri.')
output blobEndpoint string = account.properties.primaryEndpoints.blob

@description('Queue service endpoint, for AzureWebJobsStorage__queueServiceUri.')
output queueEndpoint string = account.properties.primaryEndpoints.queue

@description('Table service endpoint, for AzureWebJobsStorage__tableServiceUri.')
output tableEndpoint string = account.properties.primaryEndpoints.table
