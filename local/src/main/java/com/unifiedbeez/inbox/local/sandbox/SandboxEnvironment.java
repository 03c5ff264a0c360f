package com.unifiedbeez.inbox.local.sandbox;

import com.unifiedbeez.inbox.channel.PlatformEndpoints;
import com.unifiedbeez.inbox.channel.email.MailHosts;
import com.unifiedbeez.inbox.connection.CredentialCipher;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The configuration the local runtime gives its functions so they talk to the sandbox instead of
 * the platforms. The secrets here are documented local-only values (see local/SANDBOX.md); an
 * environment variable of the same name overrides each.
 */
public final class SandboxEnvironment {
    /** Our "Meta app secret" locally: the sandbox signs X-Hub-Signature-256 with it. */
    public static final String META_APP_SECRET = "local-sandbox-meta-app-secret";
    /** The verify token of the Meta GET subscription challenge locally. */
    public static final String META_VERIFY_TOKEN = "local-sandbox-verify-token";
    /** Base64 of the 32 bytes "local sandbox credentials key!!!": encrypts the seeded credentials. Local only. */
    public static final String CREDENTIALS_KEY = "bG9jYWwgc2FuZGJveCBjcmVkZW50aWFscyBrZXkhISE=";
    /** Graph API version the stand-in answers under (any vNN.N path works). */
    public static final String GRAPH_VERSION = "v23.0";

    private SandboxEnvironment() {
    }

    /** Sandbox base URL of a runtime at {@code baseUrl} (e.g. http://localhost:3000). */
    public static String sandboxUrl(String baseUrl) {
        return baseUrl + Sandbox.PREFIX;
    }

    /** The functions' settings for a runtime serving at {@code baseUrl}; the process environment wins. */
    public static Map<String, String> properties(String baseUrl) {
        Map<String, String> p = new LinkedHashMap<>();
        String sandbox = sandboxUrl(baseUrl);
        p.put(PlatformEndpoints.GRAPH_API_URL, sandbox + "/graph/" + GRAPH_VERSION);
        p.put(PlatformEndpoints.TELEGRAM_API_URL, sandbox + "/telegram");
        p.put(PlatformEndpoints.TWILIO_API_URL, sandbox + "/twilio");
        p.put(PlatformEndpoints.WEBHOOK_BASE_URL, baseUrl);
        p.put(PlatformEndpoints.META_APP_SECRET, META_APP_SECRET);
        p.put(PlatformEndpoints.META_VERIFY_TOKEN, META_VERIFY_TOKEN);
        p.put(CredentialCipher.KEY, CREDENTIALS_KEY);
        // the local mail server (GreenMail) is on 127.0.0.1: a loopback host a deployment refuses
        p.put(MailHosts.ALLOW_PRIVATE_HOSTS, "true");
        p.replaceAll((key, value) -> {
            String fromEnvironment = System.getenv(key);
            return fromEnvironment == null || fromEnvironment.isBlank() ? value : fromEnvironment;
        });
        return p;
    }
}
