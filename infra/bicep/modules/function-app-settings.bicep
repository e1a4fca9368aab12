// A function app's app settings from data (infra/bicep/apps/*.json): each value is used as given, except
// a value written "{{name}}", which takes references[name] (an endpoint, a Key Vault reference...). This
// module adds the references only it knows: identityClientId, appInsightsConnectionString,
// functionAppName.
//
// Written twice per app: by function-app.bicep without the Key Vault references (the secrets and the
// app's roles on them do not exist yet; an unresolved reference is kept as its literal text and cached),
// and by main.bicep with them, once the secrets and the roles exist.

@description('Required. Name of the function app.')
param siteName string

@description('Required. Client id of the app\'s user-assigned identity.')
param identityClientId string

@description('Required. Name of the Application Insights component.')
param applicationInsightsName string

@description('Required. App settings by name; "{{name}}" values are replaced from references.')
param settings object

@description('Required. Values that settings refer to as "{{name}}"; may hold Key Vault references, so treat as secure.')
@secure()
param references object

@description('Required. Whether settings whose value is a Key Vault reference are written (false: left out).')
param withKeyVaultReferences bool

resource site 'Microsoft.Web/sites@2024-04-01' existing = {
  name: siteName
}

resource insights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

var allReferences = union(references, {
  identityClientId: identityClientId
  appInsightsConnectionString: insights.properties.ConnectionString
  functionAppName: siteName
})

@description('Whether an app setting value is a "{{name}}" reference.')
func isReference(value string) bool => startsWith(value, '{{') && endsWith(value, '}}')

// "{{name}}" -> allReferences[name]; anything else is used as written.
var resolved = toObject(items(settings), setting => setting.key, setting => isReference(setting.value) ? allReferences[substring(setting.value, 2, length(setting.value) - 4)] : setting.value)
var written = withKeyVaultReferences ? resolved : toObject(filter(items(resolved), s => !startsWith(s.value, '@Microsoft.KeyVault(')), s => s.key, s => s.value)

resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: written
}

@description('Number of settings written.')
output count int = length(items(written))
