// The operations of one API Management API.

@description('Required. Name of the API Management service.')
param serviceName string

@description('Required. Name of the API.')
param apiName string

@description('Required. Operations: name, HTTP method and URL template relative to the API path.')
param operations operationDefinition[]

@description('One operation.')
type operationDefinition = {
  name: string
  method: string
  urlTemplate: string
}

resource api 'Microsoft.ApiManagement/service/apis@2024-05-01' existing = {
  name: '${serviceName}/${apiName}'
}

resource apiOperations 'Microsoft.ApiManagement/service/apis/operations@2024-05-01' = [
  for operation in operations: {
    parent: api
    name: operation.name
    properties: {
      displayName: '${operation.method} ${operation.urlTemplate}'
      method: operation.method
      urlTemplate: operation.urlTemplate
    }
  }
]

@description('Number of operations.')
output count int = length(operations)
