// The private network that keeps Qdrant off the internet: one subnet for the Qdrant VM (no public
// address; its security group admits Qdrant's ports from the functions subnet only), one for the
// function apps' outbound (VNet) integration.

@description('Required. Name of the virtual network.')
param name string

@description('Optional. Location of the network.')
param location string = resourceGroup().location

@description('Optional. Tags for the network.')
param tags object = {}

@description('Optional. Address space of the network.')
param addressPrefix string = '10.40.0.0/16'

@description('Optional. Subnet of the Qdrant VM.')
param qdrantSubnetPrefix string = '10.40.0.0/24'

@description('Optional. Static private address of the Qdrant VM, inside qdrantSubnetPrefix.')
param qdrantPrivateIp string = '10.40.0.10'

@description('Optional. Subnet the Flex Consumption apps integrate with (shared by every app).')
param functionsSubnetPrefix string = '10.40.2.0/24'

resource qdrantRules 'Microsoft.Network/networkSecurityGroups@2025-05-01' = {
  name: '${name}-qdrant'
  location: location
  tags: tags
  properties: {
    securityRules: [
      {
        name: 'qdrant-from-functions'
        properties: {
          priority: 100
          direction: 'Inbound'
          access: 'Allow'
          protocol: 'Tcp'
          sourceAddressPrefix: functionsSubnetPrefix
          sourcePortRange: '*'
          destinationAddressPrefix: qdrantPrivateIp
          destinationPortRanges: [
            '6333'
            '6334'
          ]
        }
      }
      {
        name: 'deny-other-inbound'
        properties: {
          priority: 4000
          direction: 'Inbound'
          access: 'Deny'
          protocol: '*'
          sourceAddressPrefix: 'VirtualNetwork'
          sourcePortRange: '*'
          destinationAddressPrefix: '*'
          destinationPortRange: '*'
        }
      }
    ]
  }
}

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
        name: 'qdrant'
        properties: {
          addressPrefix: qdrantSubnetPrefix
          networkSecurityGroup: {
            id: qdrantRules.id
          }
          // The VM pulls its OS packages and the Qdrant image at first boot.
          defaultOutboundAccess: true
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

@description('Resource id of the Qdrant subnet.')
output qdrantSubnetId string = network.properties.subnets[0].id

@description('Static private address of the Qdrant VM.')
output qdrantPrivateIp string = qdrantPrivateIp

@description('Resource id of the subnet the function apps integrate with.')
output functionsSubnetId string = network.properties.subnets[1].id
