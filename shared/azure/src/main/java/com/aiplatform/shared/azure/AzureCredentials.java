package com.aiplatform.shared.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;

import java.util.Optional;

/** The identity an app uses for Azure data planes: a user-assigned managed identity if named, else the default chain. */
public final class AzureCredentials {

    private AzureCredentials() {
    }

    /**
     * With a client id, exactly that user-assigned managed identity (no fallback that could pick up a
     * developer's login in Azure); without one, {@code DefaultAzureCredential}, which covers the
     * system-assigned identity in Azure and the Azure CLI or IDE login on a laptop.
     */
    public static TokenCredential of(Optional<String> managedIdentityClientId, HttpClient http) {
        return managedIdentityClientId
                .<TokenCredential>map(id -> new ManagedIdentityCredentialBuilder().clientId(id).httpClient(http).build())
                .orElseGet(() -> new DefaultAzureCredentialBuilder().httpClient(http).build());
    }
}
