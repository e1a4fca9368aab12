// Copies a function app's default host key into Key Vault, so that API Management and sibling apps
// reference it (Key Vault references, named values) instead of holding it. Never an output.

@description('Required. Name of the function app whose key is stored.')
param functionAppName string

@description('Required. Name of the Key Vault.')
param keyVaultName string

@description('Required. Name of the secret, e.g. knowledge-function-key.')
param secretName string

resource site 'Microsoft.Web/sites@2024-04-01' existing = {
  name: functionAppName
}

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' existing = {
  name: keyVaultName
}

resource secret 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = {
  parent: vault
  name: secretName
  properties: {
    value: listKeys('${site.id}/host/default', '2024-04-01').functionKeys.default
    contentType: 'Azure Functions host key of ${functionAppName}'
  }
}

@description('Name of the secret.')
output name string = secret.name
