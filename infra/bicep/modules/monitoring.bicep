// Log Analytics workspace and the workspace-based Application Insights component every function app reports to.

@description('Required. Name of the Log Analytics workspace.')
param logAnalyticsName string

@description('Required. Name of the Application Insights component.')
param applicationInsightsName string

@description('Optional. Location of both resources.')
param location string = resourceGroup().location

@description('Optional. Tags for both resources.')
param tags object = {}

@description('Optional. Days the workspace keeps data.')
@minValue(30)
param retentionInDays int = 30

resource workspace 'Microsoft.OperationalInsights/workspaces@2022-10-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
  }
}

@description('Resource id of the Log Analytics workspace.')
output logAnalyticsId string = workspace.id

@description('Name of the Application Insights component.')
output applicationInsightsName string = insights.name

@description('Resource id of the Application Insights component.')
output applicationInsightsId string = insights.id
