package com.aiplatform.local.gateway;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.time.Instant;
import java.util.Date;
import java.util.List;

/** An identity provider for tests: its own RSA key, its JWKS, and tokens it signs. */
final class Tokens {

    static final String ISSUER = "https://login.example.test/tenant-guid/v2.0";
    static final String AUDIENCE = "api://ai-platform";

    private final RSAKey key;

    Tokens(String keyId) {
        try {
            this.key = new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    JWKSource<SecurityContext> jwks() {
        return new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK()));
    }

    String token(String audience, Instant expires, String tenant, List<String> roles) {
        return token(audience, expires, tenant, roles, List.of());
    }

    String token(String audience, Instant expires, String tenant, List<String> roles, List<String> groups) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).audience(audience).subject("user-1")
                .claim("azp", "client-app").claim("aiplatform_tenant", tenant).claim("roles", roles)
                .claim("groups", groups)
                .issueTime(Date.from(expires.minusSeconds(3600))).expirationTime(Date.from(expires)).build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
