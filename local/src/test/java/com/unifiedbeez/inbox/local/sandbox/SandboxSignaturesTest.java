package com.unifiedbeez.inbox.local.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SandboxSignaturesTest {
    @Test
    void twilioSignatureMatchesTheHelperLibraryVector() {
        // twilio-python's RequestValidator test (tests/unit/test_request_validator.py): token "12345".
        Map<String, String> params = Map.of("CallSid", "CA1234567890ABCDE", "Caller", "+14158675309",
                "Digits", "1234", "From", "+14158675309", "To", "+18005551212");
        assertThat(Signatures.twilio("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", params))
                .isEqualTo("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
    }

    @Test
    void twilioSignatureMatchesASecondPublishedExample() {
        // https://gist.github.com/ryanwinchester/ab49855e9acb7352507b8fa92ffe69d0 (same scheme, other numbers).
        Map<String, String> params = Map.of("CallSid", "CA1234567890ABCDE", "Caller", "+12349013030",
                "Digits", "1234", "From", "+12349013030", "To", "+18005551212");
        assertThat(Signatures.twilio("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", params))
                .isEqualTo("0/KCTR6DLpKmkAf8muzZqo1nDgQ=");
    }

    @Test
    void metaSignatureIsHexHmacSha256OfTheRawBody() throws Exception {
        byte[] body = "{\"object\":\"page\",\"entry\":[{\"text\":\"Zoë \\u00e9\"}]}".getBytes(StandardCharsets.UTF_8);
        assertThat(Signatures.metaSha256("app-secret", body)).isEqualTo(Hmacs.metaHeader("app-secret", body))
                .matches("sha256=[0-9a-f]{64}");
        assertThat(Signatures.metaSha1("app-secret", body)).matches("sha1=[0-9a-f]{40}");
    }

    @Test
    void theLocalCredentialsKeyIs32Bytes() {
        assertThat(Base64.getDecoder().decode(SandboxEnvironment.CREDENTIALS_KEY)).hasSize(32);
    }
}
