// Subscriptions to event-triggered functions: from the platform's custom topic (source "platform", the
// default), or from the storage account's system topic (source "storage", e.g. BlobCreated in one
// container). CloudEvents 1.0 delivery, a bounded retry policy, and dead-lettering to a Blob container
// with the topic's own identity (shared keys are off). An AzureFunction destination must name a
// function that exists, so these are created after the apps are deployed (azure.yaml's postdeploy hook
// and deploy.yml's last job provision again with createEventSubscriptions).

@description('Required. Name of the platform\'s Event Grid custom topic.')
param topicName string

@description('Required. Name of the storage account: system topic source and dead-letter destination.')
param storageAccountName string

@description('Required. Name for the storage account\'s system topic (created only if a subscription needs it).')
param systemTopicName string

@description('Optional. Location of the system topic.')
param location string = resourceGroup().location

@description('Optional. Tags for the system topic.')
param tags object = {}

@description('Required. Blob container for dead-lettered events.')
param deadLetterContainer string

@description('Required. One entry per event-triggered function.')
param subscriptions eventSubscription[]

@description('A subscription: which function of which app receives which events.')
type eventSubscription = {
  @description('Required. Name of the function app resource.')
  functionAppName: string
  @description('Required. The @FunctionName of the event-triggered function.')
  function: string
  @description('Optional. platform (the custom topic, default) or storage (the storage account\'s events).')
  source: ('platform' | 'storage')?
  @description('Required. Event types to deliver, e.g. AiPlatform.Knowledge.DocumentIngested or Microsoft.Storage.BlobCreated.')
  includedEventTypes: string[]
  @description('Optional. Subject prefix, e.g. /blobServices/default/containers/assistant-files/.')
  subjectBeginsWith: string?
  @description('Optional. Delivery attempts before dead-lettering (1-30).')
  maxDeliveryAttempts: int?
  @description('Optional. Minutes an event may wait for delivery before dead-lettering.')
  eventTimeToLiveInMinutes: int?
}

var platformSubscriptions = filter(subscriptions, s => (s.?source ?? 'platform') == 'platform')
var storageSubscriptions = filter(subscriptions, s => s.?source == 'storage')

resource topic 'Microsoft.EventGrid/topics@2022-06-15' existing = {
  name: topicName
}

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource systemTopic 'Microsoft.EventGrid/systemTopics@2022-06-15' = if (!empty(storageSubscriptions)) {
  name: systemTopicName
  location: location
  tags: tags
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    source: storage.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

module systemTopicRoles 'role-assignments.bicep' = if (!empty(storageSubscriptions)) {
  name: 'roles-storage-system-topic'
  params: {
    principalId: systemTopic!.identity.principalId
    storageAccountName: storageAccountName
    assignments: [
      {
        role: 'Storage Blob Data Contributor'
        scope: 'container'
        resource: deadLetterContainer
      }
    ]
  }
}

var deadLetter = {
  identity: {
    type: 'SystemAssigned'
  }
  deadLetterDestination: {
    endpointType: 'StorageBlob'
    properties: {
      resourceId: storage.id
      blobContainerName: deadLetterContainer
    }
  }
}

resource platformEventSubscriptions 'Microsoft.EventGrid/topics/eventSubscriptions@2022-06-15' = [
  for subscription in platformSubscriptions: {
    parent: topic
    name: toLower(subscription.function)
    properties: {
      eventDeliverySchema: 'CloudEventSchemaV1_0'
      destination: {
        endpointType: 'AzureFunction'
        properties: {
          resourceId: resourceId('Microsoft.Web/sites/functions', subscription.functionAppName, subscription.function)
          maxEventsPerBatch: 1
        }
      }
      filter: {
        includedEventTypes: subscription.includedEventTypes
        subjectBeginsWith: subscription.?subjectBeginsWith ?? ''
      }
      retryPolicy: {
        maxDeliveryAttempts: subscription.?maxDeliveryAttempts ?? 10
        eventTimeToLiveInMinutes: subscription.?eventTimeToLiveInMinutes ?? 1440
      }
      deadLetterWithResourceIdentity: deadLetter
    }
  }
]

resource storageEventSubscriptions 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2022-06-15' = [
  for subscription in storageSubscriptions: {
    parent: systemTopic
    name: toLower(subscription.function)
    dependsOn: [
      systemTopicRoles
    ]
    properties: {
      eventDeliverySchema: 'CloudEventSchemaV1_0'
      destination: {
        endpointType: 'AzureFunction'
        properties: {
          resourceId: resourceId('Microsoft.Web/sites/functions', subscription.functionAppName, subscription.function)
          maxEventsPerBatch: 1
        }
      }
      filter: {
        includedEventTypes: subscription.includedEventTypes
        subjectBeginsWith: subscription.?subjectBeginsWith ?? ''
      }
      retryPolicy: {
        maxDeliveryAttempts: subscription.?maxDeliveryAttempts ?? 10
        eventTimeToLiveInMinutes: subscription.?eventTimeToLiveInMinutes ?? 1440
      }
      deadLetterWithResourceIdentity: deadLetter
    }
  }
]

@description('Names of the subscriptions created.')
output names string[] = concat(map(platformSubscriptions, s => toLower(s.function)), map(storageSubscriptions, s => toLower(s.function)))
