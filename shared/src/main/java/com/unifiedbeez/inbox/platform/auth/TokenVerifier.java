package com.unifiedbeez.inbox.platform.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.id.Ids;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Verifies an access token where no API Gateway authorizer does it for us: the WebSocket
 * {@code $connect}, whose token comes as the query parameter {@code token} (browsers cannot set
 * headers on a WebSocket). The same checks as the HTTP API's JWT authorizer: signature, {@code iss},
 * {@code aud}, {@code exp} (required) and {@code nbf}; plus the claims the inbox needs.
 *
 * <p>In AWS the identity provider signs RS256 and publishes its keys: {@value #JWKS_URL} (fetched
 * once, cached and refreshed on an unknown key id by Nimbus's JWK source). Locally tokens are
 * HS256 with {@value Config#JWT_SECRET}. Issuer and audience: {@value #ISSUER}, {@value #AUDIENCE}.
 */
@Singleton
public final class TokenVerifier {
    public static final String JWKS_URL = "INBOX_JWT_JWKS_URL";
    public static final String ISSUER = "INBOX_JWT_ISSUER";
    public static final String AUDIENCE = "INBOX_JWT_AUDIENCE";

    /** A token that must not open a connection; the message says why (for the log, not the client). */
    public static final class InvalidToken extends Exception {
        InvalidToken(String message) {
            super(message);
        }
    }

    /** Who a verified token names; the database still decides whether they may connect. */
    public record Claims(UUID userId, UUID organizationId) {
    }

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    @Inject
    public TokenVerifier(Config config) {
        String issuer = config.require(ISSUER);
        String audience = config.require(AUDIENCE);
        Optional<String> jwks = config.get(JWKS_URL).filter(url -> !url.isBlank());
        if (jwks.isPresent()) {
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, jwkSource(jwks.get())));
        } else {
            byte[] secret = config.require(Config.JWT_SECRET).getBytes(StandardCharsets.UTF_8);
            if (secret.length < 32) {
                throw new IllegalStateException(Config.JWT_SECRET + " must have at least 32 bytes for HS256 (RFC 7518)");
            }
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.HS256, new ImmutableSecret<>(secret)));
        }
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(audience,
                new JWTClaimsSet.Builder().issuer(issuer).build(),
                Set.of("sub", "exp", Caller.CLAIM_ORGANIZATION)));
    }

    public Claims verify(String token) throws InvalidToken {
        if (token == null || token.isBlank()) {
            throw new InvalidToken("no token");
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(token.trim(), null);
        } catch (ParseException | BadJOSEException | JOSEException e) {
            throw new InvalidToken(e.getMessage());
        }
        Optional<UUID> user = Ids.parse(claims.getSubject());
        Optional<UUID> organization;
        try {
            organization = Ids.parse(claims.getStringClaim(Caller.CLAIM_ORGANIZATION));
        } catch (ParseException e) {
            throw new InvalidToken(Caller.CLAIM_ORGANIZATION + " is not a string");
        }
        if (user.isEmpty() || organization.isEmpty()) {
            throw new InvalidToken("sub and " + Caller.CLAIM_ORGANIZATION + " must be ids");
        }
        return new Claims(user.get(), organization.get());
    }

    private static JWKSource<SecurityContext> jwkSource(String url) {
        try {
            return JWKSourceBuilder.create(URI.create(url).toURL()).retrying(true).build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalStateException(JWKS_URL + " is not a URL: " + url, e);
        }
    }
}
