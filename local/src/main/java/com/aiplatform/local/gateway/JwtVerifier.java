package com.aiplatform.local.gateway;

import com.aiplatform.shared.problem.ProblemException;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * Validates bearer tokens as APIM's {@code validate-jwt} does: RS256 signature against the configured
 * JWKS, issuer, audience, expiry and not-before (60 s clock skew), and the tenant claim present.
 */
public final class JwtVerifier {

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    public JwtVerifier(JWKSource<SecurityContext> keys, String issuer, String audience, String tenantClaim, Clock clock) {
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
                JWSAlgorithm.RS512, JWSAlgorithm.PS256), keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(Set.of(audience),
                new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("exp", tenantClaim), Set.of()) {
            @Override
            protected Date currentTime() {
                return Date.from(clock.instant());
            }
        };
        claims.setMaxClockSkew(60);
        processor.setJWTClaimsSetVerifier(claims);
    }

    /** Keys from a JWKS endpoint (cached and refreshed by Nimbus). */
    public static JwtVerifier fromUrl(String jwksUrl, String issuer, String audience, String tenantClaim, Clock clock) {
        try {
            return new JwtVerifier(JWKSourceBuilder.create(URI.create(jwksUrl).toURL()).build(), issuer, audience,
                    tenantClaim, clock);
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("GATEWAY_JWKS_URL is not a URL: " + jwksUrl, e);
        }
    }

    /** The token's claims; 401 if it is malformed, badly signed, expired, or for another audience or issuer. */
    public JWTClaimsSet verify(String token) {
        try {
            return processor.process(token, null);
        } catch (ParseException e) {
            throw ProblemException.unauthorized("The bearer token is not a JWT");
        } catch (BadJOSEException e) {
            throw ProblemException.unauthorized("The bearer token is not valid: " + e.getMessage());
        } catch (JOSEException e) {
            throw ProblemException.unauthorized("The bearer token cannot be verified: " + e.getMessage());
        }
    }

    static List<String> roles(JWTClaimsSet claims, String rolesClaim) {
        Object value = claims.getClaim(rolesClaim);
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return value == null ? List.of() : List.of(value.toString().split("[ ,]+"));
    }
}
