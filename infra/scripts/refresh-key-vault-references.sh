#!/bin/sh
# After a provision: make every Key Vault reference resolve. Role assignments take minutes to
# propagate, and App Service keeps an unresolved reference as its literal text (cached for hours), and
# API Management a named value it could not read as failed; so this asks both to read Key Vault again
# until every reference resolves (up to about 15 minutes).
#
# Needs az (signed in) and the azd environment's AZURE_RESOURCE_GROUP and API_MANAGEMENT_NAME.
set -eu
: "${AZURE_RESOURCE_GROUP:?run from azd (postprovision hook) or set AZURE_RESOURCE_GROUP}"
sites=$(az functionapp list --resource-group "$AZURE_RESOURCE_GROUP" --query "[].id" --output tsv)
attempt=1
while :; do
  unresolved=0
  for site in $sites; do
    az rest --method post --url "$site/config/configreferences/appsettings/refresh?api-version=2022-03-01" --output none || true
    count=$(az rest --method get --url "$site/config/configreferences/appsettings?api-version=2022-03-01" \
      --query "length(value[?properties.status!='Resolved'])" --output tsv)
    unresolved=$((unresolved + count))
  done
  if [ -n "${API_MANAGEMENT_NAME:-}" ]; then
    service=$(az apim show --resource-group "$AZURE_RESOURCE_GROUP" --name "$API_MANAGEMENT_NAME" --query id --output tsv)
    for nv in $(az rest --method get --url "$service/namedValues?api-version=2024-05-01" \
        --query "value[?properties.keyVault!=null].name" --output tsv); do
      if ! az rest --method post --url "$service/namedValues/$nv/refreshSecret?api-version=2024-05-01" --output none; then
        unresolved=$((unresolved + 1))
      fi
    done
  fi
  [ "$unresolved" -eq 0 ] && { echo "every Key Vault reference resolves"; exit 0; }
  [ "$attempt" -ge 30 ] && { echo "$unresolved Key Vault references still unresolved" >&2; exit 1; }
  echo "$unresolved Key Vault references unresolved (roles propagating); retrying in 30 s"
  attempt=$((attempt + 1))
  sleep 30
done
