// The private network that keeps Qdrant off the internet: one subnet for the Container Apps
// environment that runs Qdrant, one for the function apps' outbound (VNet) integration.

@description('Required. Name of the virtual network.')
param name string

@description('Optional. Location of the network.')
param location string = resourceGroup().location

@description('Optional. Tags for the network.')
param tags object = {}

@description('Optional. Address space of the network.')
param addressPrefix string = '10.40.0.0/16'

@description('Optional. Subnet of the Container Apps environment (at least /27 with workload profiles).')
param containerAppsSubnetPrefix string = '10.40.0.0/23'

@description('Optional. Subnet the Flex Consumption apps integrate with (shared by every app).')
param functionsSubnetPrefix string = '10.40.2.0/24'

resource network 'Microsoft.Network/virtualNetworks@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        addressPrefix
      ]
    }
    subnets: [
      {
        name: 'container-apps'
        properties: {
          addressPrefix: containerAppsSubnetPrefix
          delegations: [
            {
              name: 'container-apps'
              properties: {
                serviceName: 'Microsoft.App/environments'
              }
            }
          ]
        }
      }
      {
        name: 'functions'
        properties: {
          addressPrefix: functionsSubnetPrefix
          delegations: [
            {
              name: 'flex-consumption'
              properties: {
                serviceName: 'Microsoft.App/environments'
              }
            }
          ]
        }
      }
    ]
  }
}

@description('Resource id of the network.')
output id string = network.id

@description('Resource id of the Container Apps subnet.')
output containerAppsSubnetId string = network.properties.subnets[0].id

@description('Resource id of the subnet the function apps integrate with.')
output functionsSubnetId string = network.properties.subnets[1].id
