package com.aiplatform.local;

import com.aiplatform.local.discovery.HostedApp;
import com.aiplatform.local.event.LocalEventBus;
import com.aiplatform.local.gateway.CachedSubscriptions;
import com.aiplatform.local.gateway.DefinitionGateway;
import com.aiplatform.local.gateway.DevelopmentConsumer;
import com.aiplatform.local.gateway.Gateway;
import com.aiplatform.local.gateway.GatewayDefinition;
import com.aiplatform.local.gateway.HttpPlatformConsumers;
import com.aiplatform.local.gateway.JwtVerifier;
import com.aiplatform.local.gateway.PlatformConsumers;
import com.aiplatform.local.gateway.SubscriptionDirectory;
import com.aiplatform.shared.budget.http.PlatformApiSettings;
import com.aiplatform.shared.settings.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Builds the client gateway from the gateway definition: subscription keys resolved as APIM resolves them, over
 * HTTP by the hosted platform app's resolve API at {@code PLATFORM_API_BASE_URL} with its function key
 * {@code PLATFORM_API_KEY} (cached for {@code GATEWAY_KEY_CACHE_TTL}, and dropped from the cache as soon as the
 * platform app's key-revoked CloudEvent reaches the event bus), JWTs checked against {@code GATEWAY_JWKS_URL} with
 * {@code GATEWAY_JWT_ISSUER} and {@code GATEWAY_JWT_AUDIENCE}; once the platform serves HTTP,
 * {@link #developmentKey} makes the development consumer's key ready through the same API.
 */
record GatewaySetup(Gateway gateway, Optional<PlatformConsumers> consumers) {

    /** The app whose API resolves keys; found by its name, as the host knows every app. */
    static final String PLATFORM_APP = "platform";

    private static final Logger LOG = LoggerFactory.getLogger(GatewaySetup.class);

    static GatewaySetup create(LocalPlatform options, Settings settings, List<HostedApp> apps, LocalEventBus events,
                               Deque<AutoCloseable> started) {
        if (options.gateway.isPresent()) {
            return new GatewaySetup(options.gateway.get(), Optional.empty());
        }
        GatewayDefinition definition = options.gatewayDefinition.orElseGet(GatewayDefinition::load);
        Settings.Reader read = settings.reader();
        Optional<String> jwksUrl = read.optional("GATEWAY_JWKS_URL");
        String issuer = read.string("GATEWAY_JWT_ISSUER", "");
        String audience = read.string("GATEWAY_JWT_AUDIENCE", definition.identity().jwt().audience());
        Duration ttl = read.duration("GATEWAY_KEY_CACHE_TTL", Duration.ofSeconds(5));
        PlatformApiSettings platformApi = PlatformApiSettings.read(read);
        read.validate();
        Clock clock = options.clock;
        Optional<JwtVerifier> jwt = options.jwtVerifier.or(() -> jwksUrl.map(url -> JwtVerifier.fromUrl(url, issuer,
                audience, definition.identity().jwt().tenantClaim(), clock)));
        boolean hosted = apps.stream().anyMatch(app -> app.name().equals(PLATFORM_APP));
        Optional<PlatformConsumers> platform = hosted ? platformApi.baseUrl().filter(url -> !url.isBlank())
                .map(url -> HttpPlatformConsumers.create(URI.create(url), platformApi.functionKey(), platformApi.timeout()))
                : Optional.empty();
        if (platform.isEmpty()) {
            LOG.warn("The platform app is not hosted: subscription keys cannot be resolved, only bearer tokens");
        }
        SubscriptionDirectory directory = platform.<SubscriptionDirectory>map(p -> {
            var cached = new CachedSubscriptions(p, ttl, clock);
            started.push(events.subscribeInline("gateway.subscriptionKeyCache", cached::onEvent));
            return cached;
        }).orElseGet(SubscriptionDirectory::none);
        return new GatewaySetup(new DefinitionGateway(definition, directory, jwt, clock), platform);
    }

    /** The development consumer's key, when the platform app is hosted; call it once the platform serves HTTP. */
    Optional<String> developmentKey(Path dataDir) {
        return consumers.map(platform -> DevelopmentConsumer.ensure(platform, dataDir));
    }
}
