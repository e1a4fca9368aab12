// The platform's Event Grid custom topic, CloudEvents 1.0 schema. Local (key) auth is off: publishers
// use their managed identity and the EventGrid Data Sender role. The topic's own system-assigned
// identity writes dead-lettered events to Blob storage.

@description('Required. Name of the topic.')
param name string

@description('Optional. Location of the topic.')
param location string = resourceGroup().location

@description('Optional. Tags for the topic.')
param tags object = {}

resource topic 'Microsoft.EventGrid/topics@2022-06-15' = {
  name: name
  location: location
  tags: tags
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    inputSchema: 'CloudEventSchemaV1_0'
    disableLocalAuth: true
    publicNetworkAccess: 'Enabled'
  }
}

@description('Name of the topic.')
output name string = topic.name

@description('Resource id of the topic.')
output id string = topic.id

@description('Endpoint, for EVENT_GRID_TOPIC_ENDPOINT.')
output endpoint string = topic.properties.endpoint

@description('Object id of the topic\'s identity, which dead-letters to Blob storage.')
output principalId string = topic.identity.principalId
