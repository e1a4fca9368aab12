// Subscriptions from the platform topic to event-triggered functions: CloudEvents 1.0 delivery to the
// function, a bounded retry policy, and dead-lettering to a Blob container with the topic's identity.
// An AzureFunction destination must name a function that exists, so these are created after the apps
// are deployed (azure.yaml's postdeploy hook provisions again with createEventSubscriptions).

@description('Required. Name of the Event Grid topic.')
param topicName string

@description('Required. Resource id of the storage account that receives dead-lettered events.')
param deadLetterStorageId string

@description('Required. Blob container for dead-lettered events.')
param deadLetterContainer string

@description('Required. One entry per event-triggered function.')
param subscriptions eventSubscription[]

@description('A subscription: which function of which app receives which event types.')
type eventSubscription = {
  @description('Required. Name of the function app resource.')
  functionAppName: string
  @description('Required. The @FunctionName of the event-triggered function.')
  function: string
  @description('Required. CloudEvent types to deliver, e.g. AiPlatform.Knowledge.DocumentIngested.')
  includedEventTypes: string[]
  @description('Optional. Delivery attempts before dead-lettering (1-30).')
  maxDeliveryAttempts: int?
  @description('Optional. Minutes an event may wait for delivery before dead-lettering.')
  eventTimeToLiveInMinutes: int?
}

resource topic 'Microsoft.EventGrid/topics@2025-02-15' existing = {
  name: topicName
}

resource eventSubscriptions 'Microsoft.EventGrid/topics/eventSubscriptions@2025-02-15' = [
  for subscription in subscriptions: {
    parent: topic
    name: toLower('${subscription.function}')
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
      }
      retryPolicy: {
        maxDeliveryAttempts: subscription.?maxDeliveryAttempts ?? 10
        eventTimeToLiveInMinutes: subscription.?eventTimeToLiveInMinutes ?? 1440
      }
      deadLetterWithResourceIdentity: {
        identity: {
          type: 'SystemAssigned'
        }
        deadLetterDestination: {
          endpointType: 'StorageBlob'
          properties: {
            resourceId: deadLetterStorageId
            blobContainerName: deadLetterContainer
          }
        }
      }
    }
  }
]

@description('Names of the subscriptions created.')
output names string[] = [for (subscription, i) in subscriptions: eventSubscriptions[i].name]
