// Qdrant on Azure Container Apps, reachable only from the private network.
//
// Storage: Qdrant needs a POSIX block-backed filesystem and does not support Azure Files (SMB or NFS),
// which is the only persistent volume Container Apps mounts. This module therefore keeps the data on
// the replica's own disk (an EmptyDir volume on a dedicated workload profile, whose disk is sized by the
// profile): one replica, never scaled to zero, so the index lives as long as the replica. A restart or
// a new revision starts from an empty collection, which the knowledge app re-creates; re-ingest, or
// restore a Qdrant snapshot. For durable production vectors pass an existing Qdrant (Qdrant Cloud, or
// Qdrant on AKS with managed disks) to main.bicep's qdrantEndpoint instead, and this module is skipped.

@description('Required. Name of the Container Apps environment.')
param environmentName string

@description('Required. Name of the container app.')
param name string

@description('Optional. Location of both.')
param location string = resourceGroup().location

@description('Optional. Tags for both.')
param tags object = {}

@description('Required. Subnet for the environment (delegated to Microsoft.App/environments).')
param subnetId string

@description('Required. Resource id of the virtual network, for the private DNS zone link.')
param virtualNetworkId string

@description('Required. Resource id of the Log Analytics workspace.')
param logAnalyticsId string

@description('Required. Resource id of the identity that reads the API key from Key Vault.')
param identityId string

@description('Required. Key Vault secret URI of the Qdrant API key (without version).')
param apiKeySecretUri string

@description('Optional. Qdrant image; keep its minor version equal to the io.qdrant:client version.')
param image string = 'docker.io/qdrant/qdrant:v1.18.0'

@description('Optional. Dedicated workload profile that sizes the replica and its disk.')
param workloadProfileType string = 'D4'

resource workspace 'Microsoft.OperationalInsights/workspaces@2022-10-01' existing = {
  name: last(split(logAnalyticsId, '/'))
}

resource environment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: environmentName
  location: location
  tags: tags
  properties: {
    vnetConfiguration: {
      internal: true
      infrastructureSubnetId: subnetId
    }
    workloadProfiles: [
      {
        name: 'Consumption'
        workloadProfileType: 'Consumption'
      }
      {
        name: 'qdrant'
        workloadProfileType: workloadProfileType
        minimumCount: 1
        maximumCount: 1
      }
    ]
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: workspace.properties.customerId
        sharedKey: workspace.listKeys().primarySharedKey
      }
    }
  }
}

resource qdrant 'Microsoft.App/containerApps@2024-03-01' = {
  name: name
  location: location
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    environmentId: environment.id
    workloadProfileName: 'qdrant'
    configuration: {
      activeRevisionsMode: 'Single'
      // "external" inside an internal environment means reachable from the virtual network only.
      ingress: {
        external: true
        targetPort: 6334
        transport: 'http2'
        allowInsecure: false
      }
      secrets: [
        {
          name: 'qdrant-api-key'
          keyVaultUrl: apiKeySecretUri
          identity: identityId
        }
      ]
    }
    template: {
      containers: [
        {
          name: 'qdrant'
          image: image
          resources: {
            cpu: json('2')
            memory: '8Gi'
          }
          env: [
            {
              name: 'QDRANT__SERVICE__API_KEY'
              secretRef: 'qdrant-api-key'
            }
            {
              name: 'QDRANT__TELEMETRY_DISABLED'
              value: 'true'
            }
          ]
          volumeMounts: [
            {
              volumeName: 'storage'
              mountPath: '/qdrant/storage'
            }
          ]
        }
      ]
      volumes: [
        {
          name: 'storage'
          storageType: 'EmptyDir'
        }
      ]
      scale: {
        minReplicas: 1
        maxReplicas: 1
      }
    }
  }
}

// The zone's name is the environment's default domain, known only once the environment exists, so it is
// created by a module (whose parameters count as known when it starts).
module privateDns 'private-dns-zone.bicep' = {
  name: 'qdrant-private-dns'
  params: {
    zoneName: environment.properties.defaultDomain
    ipAddress: environment.properties.staticIp
    virtualNetworkId: virtualNetworkId
    tags: tags
  }
}

@description('gRPC endpoint for QDRANT_ENDPOINT (TLS through the environment\'s ingress on port 443).')
output endpoint string = 'https://${qdrant.properties.configuration.ingress.fqdn}:443'

@description('Name of the container app.')
output name string = qdrant.name
