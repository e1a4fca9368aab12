// Role assignments as data for one principal: each entry names a built-in role and the narrowest scope
// that serves it (one container, queue, table or secret where possible). Names are guid(scope,
// principal, role), so re-running a deployment changes nothing.

@description('Required. Object id of the principal (a managed identity, or a user for local development).')
param principalId string

@description('Optional. ServicePrincipal for managed identities, User or Group.')
@allowed([
  'ServicePrincipal'
  'User'
  'Group'
])
param principalType string = 'ServicePrincipal'

@description('Required. The roles to assign to the principal.')
param assignments roleAssignment[]

@description('Required. Name of the storage account that container, queue, table and storage scopes refer to.')
param storageAccountName string

@description('Optional. Name of the Azure OpenAI account for the "openai" scope.')
param openAiName string = ''

@description('Optional. Name of the Event Grid topic for the "topic" scope.')
param topicName string = ''

@description('Optional. Name of the Key Vault for the "keyVault" and "secret" scopes.')
param keyVaultName string = ''

@description('A role on one resource.')
type roleAssignment = {
  @description('Required. Built-in role name, one of the keys of roleIds below.')
  role: string
  @description('Required. Kind of scope.')
  scope: ('storage' | 'container' | 'queue' | 'table' | 'openai' | 'topic' | 'keyVault' | 'secret')
  @description('Optional. Container, queue, table or secret name, for those scopes.')
  resource: string?
}

// Built-in role definition ids (the same in every tenant).
var roleIds = {
  'Storage Blob Data Owner': 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  'Storage Blob Data Contributor': 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  'Storage Blob Data Reader': '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'
  'Storage Queue Data Contributor': '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  'Storage Queue Data Message Processor': '8a0f0c08-91a1-4084-bc3d-661d67233fed'
  'Storage Queue Data Message Sender': 'c6a89b2d-59bc-44d0-9896-0f6e12d7b80a'
  'Storage Queue Data Reader': '19e7f393-937e-4f77-808e-94535e297925'
  'Storage Table Data Contributor': '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  'Storage Table Data Reader': '76199698-9eea-4c19-bc75-cec21354c6b6'
  'Cognitive Services OpenAI User': '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd'
  'EventGrid Data Sender': 'd5a91429-5739-47e2-a06b-3470a27159e7'
  'Key Vault Secrets User': '4633458b-17de-408a-b874-0445c86b69e6'
  'Key Vault Secrets Officer': 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'
}

var onStorage = filter(assignments, a => a.scope == 'storage')
var onContainers = filter(assignments, a => a.scope == 'container')
var onQueues = filter(assignments, a => a.scope == 'queue')
var onTables = filter(assignments, a => a.scope == 'table')
var onOpenAi = filter(assignments, a => a.scope == 'openai')
var onTopic = filter(assignments, a => a.scope == 'topic')
var onKeyVault = filter(assignments, a => a.scope == 'keyVault')
var onSecrets = filter(assignments, a => a.scope == 'secret')

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' existing = [
  for a in onContainers: {
    name: '${storageAccountName}/default/${a.?resource ?? ''}'
  }
]

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2025-06-01' existing = [
  for a in onQueues: {
    name: '${storageAccountName}/default/${a.?resource ?? ''}'
  }
]

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2025-06-01' existing = [
  for a in onTables: {
    name: '${storageAccountName}/default/${a.?resource ?? ''}'
  }
]

resource openAi 'Microsoft.CognitiveServices/accounts@2025-09-01' existing = if (!empty(openAiName)) {
  name: openAiName
}

resource topic 'Microsoft.EventGrid/topics@2022-06-15' existing = if (!empty(topicName)) {
  name: topicName
}

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' existing = if (!empty(keyVaultName)) {
  name: keyVaultName
}

resource secrets 'Microsoft.KeyVault/vaults/secrets@2025-05-01' existing = [
  for a in onSecrets: {
    name: '${keyVaultName}/${a.?resource ?? ''}'
  }
]

resource storageRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for a in onStorage: {
    name: guid(storage.id, principalId, roleIds[a.role])
    scope: storage
    properties: {
      principalId: principalId
      principalType: principalType
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds[a.role])
    }
  }
]

resource containerRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (a, i) in onContainers: {
    name: guid(containers[i].id, principalId, roleIds[a.role])
    scope: containers[i]
    properties: {
      principalId: principalId
      principalType: principalType
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds[a.role])
    }
  }
]

resource queueRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (a, i) in onQueues: {
    name: guid(queues[i].id, principalId, roleIds[a.role])
    scope: queues[i]
    properties: {
      principalId: principalId
      principalType: principalType
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds[a.role])
    }
  }
]

resource tableRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (a, i) in onTables: {
    name: guid(tables[i].id, principalId, roleIds[a.role])
    scope: tables[i]
    properties: {
      principalId: principalId
      principalType: principalType
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds[a.role])
    }
  }
]

resource openAiRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for a in onOpenAi: {
    name: guid(openAi.id, principalId, roleIds[a.role])
    scope: openAi
    properties: {
      principalId: principalId
      principalType: principalType
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds[a.role])
    }
  }
]

resource topicRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for a in onTopic: {
    name: guid(topic.id, principalId, roleIds[a.role])
    scope: topic
    properties: {
      principalId: principalId
      principalType: principalType
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds[a.role])
    }
  }
]

resource keyVaultRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for a in onKeyVault: {
    name: guid(vault.id, principalId, roleIds[a.role])
    scope: vault
    properties: {
      principalId: principalId
      principalType: principalType
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds[a.role])
    }
  }
]

resource secretRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for (a, i) in onSecrets: {
    name: guid(secrets[i].id, principalId, roleIds[a.role])
    scope: secrets[i]
    properties: {
      principalId: principalId
      principalType: principalType
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds[a.role])
    }
  }
]

@description('Number of role assignments made.')
output count int = length(assignments)
