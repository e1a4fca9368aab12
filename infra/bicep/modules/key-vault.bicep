// Key Vault in RBAC mode for the secrets apps must not see in plain text: the Qdrant API key and the
// function keys that sibling apps and API Management call each app with.

@description('Required. Name of the vault.')
param name string

@description('Optional. Location of the vault.')
param location string = resourceGroup().location

@description('Optional. Tags for the vault.')
param tags object = {}

@description('Optional. Secrets to store, as name and value. Values never appear in outputs.')
@secure()
param secrets object = {}

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }
}

resource vaultSecrets 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = [
  for secret in items(secrets): {
    parent: vault
    name: secret.key
    properties: {
      value: secret.value
    }
  }
]

@description('Name of the vault.')
output name string = vault.name

@description('Resource id of the vault.')
output id string = vault.id

@description('Vault URI, for Key Vault references.')
output uri string = vault.properties.vaultUri
