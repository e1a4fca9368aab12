#!/usr/bin/env bash
# Builds every function app (functions/*/pom.xml, or the apps named as arguments) into its Functions
# staging folder, functions/<app>/target/azure-functions/<app>, the folder azd and the deploy workflow
# upload. The apps and the shared modules they need are installed into the local Maven repository, so
# that azd's own per-service `mvn package` (run inside functions/<app>) resolves them.
set -euo pipefail
cd "$(dirname "$0")/../.."
export OPT_OUT_TRACKING=true

apps=("$@")
if [ ${#apps[@]} -eq 0 ]; then
  for pom in functions/*/pom.xml; do
    apps+=("$(basename "$(dirname "$pom")")")
  done
fi
modules=$(printf 'functions/%s,' "${apps[@]}")
mvn -B -q -Pazure-functions -DskipTests install -pl "${modules%,}" -am
for app in "${apps[@]}"; do
  staging="functions/$app/target/azure-functions/$app"
  test -f "$staging/host.json" || { echo "missing $staging/host.json" >&2; exit 1; }
  echo "$app: $(find "$staging" -name function.json | wc -l) functions in $staging"
done
