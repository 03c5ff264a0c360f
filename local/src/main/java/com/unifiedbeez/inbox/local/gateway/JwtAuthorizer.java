package com.unifiedbeez.inbox.local.gateway;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.AlgorithmMismatchException;
import com.auth0.jwt.exceptions.IncorrectClaimException;
import com.auth0.jwt.exceptions.JWTDecodeException;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.MissingClaimException;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The local stand-in for API Gateway's JWT authorizer: verifies {@code Authorization: Bearer <jwt>}
 * (HS256, the shared secret) as API Gateway does — the signature, {@code iss} equal to the issuer,
 * {@code aud} naming the audience, {@code exp} present and not past, {@code nbf} and {@code iat} —
 * and hands the claims on as strings, the way API Gateway puts them in
 * {@code requestContext.authorizer.jwt.claims}. The template's authorizer takes its issuer and
 * audience from the {@code JwtIssuer} and {@code JwtAudience} parameters; locally they are
 * {@value #LOCAL_ISSUER} and {@value #LOCAL_AUDIENCE}.
 */
public final class JwtAuthorizer {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the authorizer decided. */
    public sealed interface Decision permits Allowed, Denied {
    }

    /** A verified token: its claims as API Gateway flattens them, and its scopes (null when none). */
    public record Allowed(Map<String, String> claims, List<String> scopes) implements Decision {
    }

    /** A missing, malformed, forged or expired token; {@code detail} says which. */
    public record Denied(String error, String detail) implements Decision {
    }

    /** The local runtime's value of the template's JwtIssuer parameter: the dev tokens' {@code iss}. */
    public static final String LOCAL_ISSUER = "inbox-local";
    /** The local runtime's value of the template's JwtAudience parameter: the dev tokens' {@code aud}. */
    public static final String LOCAL_AUDIENCE = "unifiedbeez-inbox";

    private final JWTVerifier verifier;

    /** The local runtime's authorizer: {@link #LOCAL_ISSUER} and {@link #LOCAL_AUDIENCE}. */
    public JwtAuthorizer(String secret) {
        this(secret, LOCAL_ISSUER, LOCAL_AUDIENCE);
    }

    public JwtAuthorizer(String secret, String issuer, String audience) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("the JWT secret must not be empty");
        }
        this.verifier = JWT.require(Algorithm.HMAC256(secret))
                .withIssuer(issuer)
                .withAudience(audience)
                .build();
    }

    /** Decides on the value of the Authorization header (null when the header is absent). */
    public Decision authorize(String authorizationHeader) {
        if (authorizationHeader == null || authorizationHeader.isBlank()) {
            return new Denied("invalid_request", "no Authorization header: send 'Authorization: Bearer <token>'");
        }
        String token = authorizationHeader.trim();
        if (token.equalsIgnoreCase("Bearer")) {
            token = "";
        } else if (token.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = token.substring(7).trim();
        }
        if (token.isEmpty()) {
            return new Denied("invalid_request", "the Authorization header carries no token");
        }
        DecodedJWT jwt;
        try {
            jwt = verifier.verify(token);
        } catch (TokenExpiredException e) {
            return new Denied("invalid_token", "the token expired at " + e.getExpiredOn());
        } catch (SignatureVerificationException e) {
            return new Denied("invalid_token", "the token's signature does not verify");
        } catch (AlgorithmMismatchException e) {
            return new Denied("invalid_token", "the token is not signed with HS256");
        } catch (JWTDecodeException e) {
            return new Denied("invalid_token", "the token is not a well-formed JWT");
        } catch (MissingClaimException e) {
            return new Denied("invalid_token", "the token has no '" + e.getClaimName() + "' claim");
        } catch (IncorrectClaimException e) {
            return new Denied("invalid_token", switch (e.getClaimName()) {
                case "iss" -> "the token's issuer ('iss') is not this API's";
                case "aud" -> "the token's audience ('aud') does not name this API";
                default -> "the token's '" + e.getClaimName() + "' claim is not valid now";
            });
        } catch (JWTVerificationException e) {
            return new Denied("invalid_token", "the token is not valid: " + e.getMessage());
        }
        if (jwt.getExpiresAtAsInstant() == null) {
            return new Denied("invalid_token", "the token has no 'exp' claim"); // API Gateway requires one
        }
        return allowed(jwt);
    }

    private static Allowed allowed(DecodedJWT jwt) {
        JsonNode payload;
        try {
            payload = JSON.readTree(new String(Base64.getUrlDecoder().decode(jwt.getPayload()), StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            // verify() has decoded it already; this cannot happen for a token that verified
            throw new IllegalStateException("verified token payload unreadable", e);
        }
        Map<String, String> claims = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = payload.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> claim = it.next();
            if (!claim.getValue().isNull()) {
                claims.put(claim.getKey(), flatten(claim.getValue()));
            }
        }
        return new Allowed(claims, scopes(payload));
    }

    /** API Gateway's rendering: strings as is, numbers and booleans as text, arrays as "[a b c]". */
    static String flatten(JsonNode value) {
        if (value.isArray()) {
            List<String> parts = new ArrayList<>();
            value.forEach(v -> parts.add(v.isValueNode() ? v.asText() : v.toString()));
            return "[" + String.join(" ", parts) + "]";
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    private static List<String> scopes(JsonNode payload) {
        List<String> scopes = new ArrayList<>();
        for (String name : List.of("scope", "scp")) {
            JsonNode node = payload.get(name);
            if (node == null || node.isNull()) {
                continue;
            }
            if (node.isArray()) {
                node.forEach(v -> scopes.add(v.asText()));
            } else {
                for (String s : node.asText().split(" ")) {
                    if (!s.isBlank()) {
                        scopes.add(s.trim());
                    }
                }
            }
        }
        return scopes.isEmpty() ? null : List.copyOf(scopes);
    }
}
