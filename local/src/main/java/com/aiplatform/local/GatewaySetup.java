package com.aiplatform.local;

import com.aiplatform.local.discovery.HostedApp;
import com.aiplatform.local.event.LocalEventBus;
import com.aiplatform.local.gateway.CachedSubscriptions;
import com.aiplatform.local.gateway.DefinitionGateway;
import com.aiplatform.local.gateway.DevelopmentConsumer;
import com.aiplatform.local.gateway.Gateway;
import com.aiplatform.local.gateway.GatewayDefinition;
import com.aiplatform.local.gateway.JwtVerifier;
import com.aiplatform.local.gateway.SubscriptionDirectory;
import com.aiplatform.platform.PlatformApp;
import com.aiplatform.shared.settings.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Builds the client gateway from the gateway definition: subscription keys resolved in process by the
 * hosted platform app (cached for {@code GATEWAY_KEY_CACHE_TTL}, and dropped from the cache as soon as the
 * platform app announces a key revoked on the event bus), JWTs checked against
 * {@code GATEWAY_JWKS_URL} with {@code GATEWAY_JWT_ISSUER} and {@code GATEWAY_JWT_AUDIENCE}, and the
 * development consumer's key made ready.
 */
record GatewaySetup(Gateway gateway, Optional<String> developmentKey) {

    private static final Logger LOG = LoggerFactory.getLogger(GatewaySetup.class);

    static GatewaySetup create(LocalPlatform options, Settings settings, List<HostedApp> apps, Path dataDir,
                               LocalEventBus events, Deque<AutoCloseable> started) {
        if (options.gateway.isPresent()) {
            return new GatewaySetup(options.gateway.get(), Optional.empty());
        }
        GatewayDefinition definition = options.gatewayDefinition.orElseGet(GatewayDefinition::load);
        Settings.Reader read = settings.reader();
        Optional<String> jwksUrl = read.optional("GATEWAY_JWKS_URL");
        String issuer = read.string("GATEWAY_JWT_ISSUER", "");
        String audience = read.string("GATEWAY_JWT_AUDIENCE", definition.identity().jwt().audience());
        Duration ttl = read.duration("GATEWAY_KEY_CACHE_TTL", Duration.ofSeconds(5));
        read.validate();
        Clock clock = options.clock;
        Optional<JwtVerifier> jwt = options.jwtVerifier.or(() -> jwksUrl.map(url -> JwtVerifier.fromUrl(url, issuer,
                audience, definition.identity().jwt().tenantClaim(), clock)));
        Optional<PlatformApp> platform = apps.stream().map(HostedApp::app).filter(PlatformApp.class::isInstance)
                .map(PlatformApp.class::cast).findFirst();
        if (platform.isEmpty()) {
            LOG.warn("The platform app is not hosted: subscription keys cannot be resolved, only bearer tokens");
        }
        SubscriptionDirectory directory = platform.<SubscriptionDirectory>map(p -> {
            var cached = new CachedSubscriptions(p.consumers()::resolve, ttl, clock);
            started.push(events.subscribeInline("gateway.subscriptionKeyCache", cached::onEvent));
            return cached;
        }).orElseGet(SubscriptionDirectory::none);
        Optional<String> developmentKey = platform.map(p -> DevelopmentConsumer.ensure(p.consumers(), dataDir));
        return new GatewaySetup(new DefinitionGateway(definition, directory, jwt, clock), developmentKey);
    }
}
