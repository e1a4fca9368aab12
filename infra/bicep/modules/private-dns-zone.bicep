// A private DNS zone that sends every name in it to one address, linked to one virtual network:
// how the function apps resolve apps in an internal Container Apps environment.

@description('Required. Zone name, e.g. an internal Container Apps environment\'s default domain.')
param zoneName string

@description('Required. Address every name in the zone resolves to.')
param ipAddress string

@description('Required. Resource id of the virtual network that uses the zone.')
param virtualNetworkId string

@description('Optional. Tags for the zone.')
param tags object = {}

resource zone 'Microsoft.Network/privateDnsZones@2024-06-01' = {
  name: zoneName
  location: 'global'
  tags: tags
}

resource wildcard 'Microsoft.Network/privateDnsZones/A@2024-06-01' = {
  parent: zone
  name: '*'
  properties: {
    ttl: 300
    aRecords: [
      {
        ipv4Address: ipAddress
      }
    ]
  }
}

resource link 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2024-06-01' = {
  parent: zone
  name: 'platform-network'
  location: 'global'
  properties: {
    registrationEnabled: false
    virtualNetwork: {
      id: virtualNetworkId
    }
  }
}

@description('Resource id of the zone.')
output id string = zone.id
