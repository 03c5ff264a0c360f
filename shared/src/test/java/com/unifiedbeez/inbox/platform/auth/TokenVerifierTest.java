package com.unifiedbeez.inbox.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import com.unifiedbeez.inbox.platform.config.Config;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TokenVerifierTest {
    private static final String SECRET = "a-test-secret-of-more-than-32-bytes!";
    private static final Config LOCAL = Config.of(Map.of(Config.JWT_SECRET, SECRET, TokenVerifier.ISSUER, "inbox-local",
            TokenVerifier.AUDIENCE, "unifiedbeez-inbox"));
    private final UUID user = UUID.randomUUID();
    private final UUID org = UUID.randomUUID();

    private JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().issuer("inbox-local").audience("unifiedbeez-inbox").subject(user.toString())
                .claim("org_id", org.toString()).expirationTime(Date.from(Instant.now().plusSeconds(300)));
    }

    private static String sign(JWTClaimsSet claims, JWSSigner signer, JWSHeader header) throws JOSEException {
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    private static String hs256(JWTClaimsSet claims, String secret) throws JOSEException {
        return sign(claims, new MACSigner(secret.getBytes(StandardCharsets.UTF_8)), new JWSHeader(JWSAlgorithm.HS256));
    }

    @Test
    void aLocalHs256TokenNamesItsUserAndOrganization() throws Exception {
        assertThat(new TokenVerifier(LOCAL).verify(hs256(claims().build(), SECRET)))
                .isEqualTo(new TokenVerifier.Claims(user, org));
    }

    @Test
    void forgedExpiredMisaddressedOrIncompleteTokensAreRefused() throws Exception {
        TokenVerifier verifier = new TokenVerifier(LOCAL);
        String forged = hs256(claims().build(), "another-secret-of-more-than-32-bytes!!");
        String expired = hs256(claims().expirationTime(Date.from(Instant.now().minusSeconds(120))).build(), SECRET);
        String noExpiry = hs256(claims().expirationTime(null).build(), SECRET);
        String otherAudience = hs256(claims().audience("someone-else").build(), SECRET);
        String otherIssuer = hs256(claims().issuer("https://evil.example").build(), SECRET);
        String noOrganization = hs256(claims().claim("org_id", null).build(), SECRET);
        String notAnId = hs256(claims().subject("admin").build(), SECRET);
        String unsigned = new com.nimbusds.jwt.PlainJWT(claims().build()).serialize();

        for (String token : new String[] {forged, expired, noExpiry, otherAudience, otherIssuer, noOrganization, notAnId,
                unsigned, "not-a-jwt", "", null}) {
            assertThatThrownBy(() -> verifier.verify(token)).as(String.valueOf(token))
                    .isInstanceOf(TokenVerifier.InvalidToken.class);
        }
    }

    @Test
    void aShortSecretIsAConfigurationError() {
        assertThatThrownBy(() -> new TokenVerifier(LOCAL.with(Config.JWT_SECRET, "short")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("32 bytes");
    }

    @Test
    void inAwsTokensAreRs256SignedByTheIdentityProvidersPublishedKeys() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("k1").generate();
        HttpServer jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwks.createContext("/.well-known/jwks.json", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        jwks.start();
        try {
            Config aws = LOCAL.with(TokenVerifier.JWKS_URL,
                    "http://127.0.0.1:" + jwks.getAddress().getPort() + "/.well-known/jwks.json");
            TokenVerifier verifier = new TokenVerifier(aws);
            JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build();

            assertThat(verifier.verify(sign(claims().build(), new RSASSASigner(key), header)).userId()).isEqualTo(user);
            assertThatThrownBy(() -> verifier.verify(sign(claims().build(), new RSASSASigner(stranger), header)))
                    .isInstanceOf(TokenVerifier.InvalidToken.class);
            // an HS256 token signed with the public key's bytes (the algorithm confusion attack) is refused
            assertThatThrownBy(() -> verifier.verify(hs256(claims().build(), SECRET)))
                    .isInstanceOf(TokenVerifier.InvalidToken.class);
        } finally {
            jwks.stop(0);
        }
    }
}
