package com.unifiedbeez.inbox.connection;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.channel.Secrets;
import com.unifiedbeez.inbox.platform.errors.Validation;
import com.unifiedbeez.inbox.platform.json.Json;
import java.util.Map;
import java.util.Set;

/**
 * POST .../channels/email: a mailbox read over IMAP and written through SMTP. The login defaults
 * to the address; the ports default to IMAP over TLS (993) and SMTP submission with STARTTLS (587).
 */
public record ConnectEmail(String email, String smtpHost, String imapHost, Credentials credentials, Integer smtpPort,
                           Integer imapPort, String smtpSecurity, String imapSecurity, String fromName, String name)
        implements ConnectRequest {
    /** ssl: TLS from the first byte; starttls: upgraded after connecting; none: plain (local mail servers only). */
    public static final Set<String> SECURITY = Set.of("ssl", "starttls", "none");

    /** The mailbox login; the password is the secret. */
    public record Credentials(String username, String password) {
        @Override
        public String toString() {
            return "Credentials[" + username + ", password redacted]";
        }
    }

    @Override
    public NewConnection validated() {
        Validation v = new Validation();
        String address = ConnectFields.email(v, "email", email);
        String smtp = ConnectFields.host(v, "smtpHost", smtpHost);
        String imap = ConnectFields.host(v, "imapHost", imapHost);
        String password = null;
        String username = address;
        if (credentials == null) {
            v.add("credentials", "is required");
        } else {
            password = ConnectFields.secret(v, "credentials.password", credentials.password());
            if (credentials.username() != null) {
                username = v.text("credentials.username", credentials.username(), 254);
            }
        }
        int smtpPortValue = ConnectFields.port(v, "smtpPort", smtpPort, 587);
        int imapPortValue = ConnectFields.port(v, "imapPort", imapPort, 993);
        String smtpMode = security(v, "smtpSecurity", smtpSecurity, "starttls");
        String imapMode = security(v, "imapSecurity", imapSecurity, "ssl");
        String sender = fromName == null ? null : v.text("fromName", fromName, ConnectFields.MAX_NAME);
        String label = ConnectFields.name(v, name, address);
        v.throwIfInvalid();
        var config = Json.mapper().createObjectNode()
                .put("imapHost", imap).put("imapPort", imapPortValue).put("imapSecurity", imapMode)
                .put("smtpHost", smtp).put("smtpPort", smtpPortValue).put("smtpSecurity", smtpMode)
                .put("username", username).put("fromName", sender);
        return new NewConnection(Channel.EMAIL, address, label, config, new Secrets(Map.of("password", password)));
    }

    private static String security(Validation v, String field, String value, String fallback) {
        if (value == null) {
            return fallback;
        }
        if (!SECURITY.contains(value)) {
            v.add(field, "must be one of ssl, starttls, none");
        }
        return value;
    }

    @Override
    public String toString() {
        return "ConnectEmail[" + email + "]";
    }
}
