// Links APIs to one API Management product.

@description('Required. Name of the API Management service.')
param serviceName string

@description('Required. Name of the product.')
param productName string

@description('Required. Names of the APIs the product opens.')
param apiNames string[]

resource product 'Microsoft.ApiManagement/service/products@2024-05-01' existing = {
  name: '${serviceName}/${productName}'
}

resource productApis 'Microsoft.ApiManagement/service/products/apis@2024-05-01' = [
  for apiName in apiNames: {
    parent: product
    name: apiName
  }
]

@description('Number of APIs linked.')
output count int = length(apiNames)
