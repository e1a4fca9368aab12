// Qdrant on one Linux VM with its storage on a Premium SSD managed disk: durable block storage, which
// Qdrant needs (it supports no network file system, and Container Apps mounts only ephemeral volumes or
// Azure Files). The VM has no public address; only the functions subnet reaches ports 6333/6334
// (network.bicep). The API key never appears in the template or the VM's custom data: at boot the VM
// reads it from Key Vault with its own identity, retrying while the role assignment propagates.
//
// The disk is its own resource, so replacing the VM (a new image, a bigger size) keeps the collections.
// Growing into a cluster: see infra/bicep/README.md.

@description('Required. Name of the VM (its disk and NIC are named after it).')
param name string

@description('Optional. Location.')
param location string = resourceGroup().location

@description('Optional. Tags.')
param tags object = {}

@description('Required. Subnet of the VM.')
param subnetId string

@description('Required. Static private address of the VM in that subnet.')
param privateIpAddress string

@description('Required. Resource id of the identity that reads the API key.')
param identityId string

@description('Required. Client id of that identity.')
param identityClientId string

@description('Required. Key Vault that holds the API key.')
param keyVaultName string

@description('Required. Name of the API key secret.')
param apiKeySecretName string

@description('Optional. Qdrant image; keep its minor version equal to the io.qdrant:client version.')
param image string = 'docker.io/qdrant/qdrant:v1.18.0'

@description('Optional. VM size (Qdrant keeps vectors in RAM by default: size memory for the collection).')
param vmSize string = 'Standard_D4s_v5'

@description('Optional. Data disk size in GiB.')
param dataDiskSizeGB int = 128

@description('Required. SSH public key of the admin user (Linux VMs need a key when password login is off; the security group opens no SSH port, so it serves only from inside the network).')
param adminSshPublicKey string

var bootScript = '''#!/bin/sh
set -eu
# Data disk (LUN 0): formatted once, mounted by label on every boot.
disk=/dev/disk/azure/scsi1/lun0
if ! blkid "$disk" >/dev/null 2>&1; then mkfs.ext4 -L qdrant-data "$disk"; fi
mkdir -p /var/lib/qdrant
grep -q qdrant-data /etc/fstab || echo 'LABEL=qdrant-data /var/lib/qdrant ext4 defaults,nofail 0 2' >> /etc/fstab
mount -a
apt-get update && apt-get install -y docker.io jq curl
# The API key from Key Vault with the VM's identity; role assignments take minutes to propagate.
for attempt in $(seq 1 60); do
  token=$(curl -sf -H Metadata:true "http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=https%3A%2F%2Fvault.azure.net&client_id=__CLIENT_ID__" | jq -r .access_token) \
    && key=$(curl -sf -H "Authorization: Bearer $token" "https://__VAULT__.vault.azure.net/secrets/__SECRET__?api-version=7.4" | jq -r .value) \
    && [ -n "$key" ] && break
  sleep 20
done
[ -n "${key:-}" ] || { echo 'cannot read the Qdrant API key from Key Vault' >&2; exit 1; }
docker rm -f qdrant 2>/dev/null || true
docker run -d --name qdrant --restart always -p 6333:6333 -p 6334:6334 \
  -v /var/lib/qdrant:/qdrant/storage -e QDRANT__SERVICE__API_KEY="$key" -e QDRANT__TELEMETRY_DISABLED=true __IMAGE__
'''

var cloudInit = replace(replace(replace(replace(bootScript, '__CLIENT_ID__', identityClientId), '__VAULT__', keyVaultName), '__SECRET__', apiKeySecretName), '__IMAGE__', image)

resource dataDisk 'Microsoft.Compute/disks@2025-01-02' = {
  name: '${name}-data'
  location: location
  tags: tags
  sku: {
    name: 'Premium_LRS'
  }
  properties: {
    creationData: {
      createOption: 'Empty'
    }
    diskSizeGB: dataDiskSizeGB
  }
}

resource nic 'Microsoft.Network/networkInterfaces@2025-05-01' = {
  name: '${name}-nic'
  location: location
  tags: tags
  properties: {
    ipConfigurations: [
      {
        name: 'private'
        properties: {
          subnet: {
            id: subnetId
          }
          privateIPAllocationMethod: 'Static'
          privateIPAddress: privateIpAddress
        }
      }
    ]
  }
}

resource vm 'Microsoft.Compute/virtualMachines@2025-04-01' = {
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
    hardwareProfile: {
      vmSize: vmSize
    }
    storageProfile: {
      imageReference: {
        publisher: 'Canonical'
        offer: 'ubuntu-24_04-lts'
        sku: 'server'
        version: 'latest'
      }
      osDisk: {
        createOption: 'FromImage'
        managedDisk: {
          storageAccountType: 'Premium_LRS'
        }
        deleteOption: 'Delete'
      }
      dataDisks: [
        {
          lun: 0
          createOption: 'Attach'
          managedDisk: {
            id: dataDisk.id
          }
          deleteOption: 'Detach'
        }
      ]
    }
    osProfile: {
      computerName: 'qdrant'
      adminUsername: 'qdrantadmin'
      customData: base64(cloudInit)
      linuxConfiguration: {
        disablePasswordAuthentication: true
        ssh: {
          publicKeys: [
            {
              path: '/home/qdrantadmin/.ssh/authorized_keys'
              keyData: adminSshPublicKey
            }
          ]
        }
      }
    }
    networkProfile: {
      networkInterfaces: [
        {
          id: nic.id
        }
      ]
    }
  }
}

@description('gRPC endpoint for QDRANT_ENDPOINT (plain gRPC inside the private network, API key required).')
output endpoint string = 'http://${privateIpAddress}:6334'

@description('Name of the VM.')
output name string = vm.name
