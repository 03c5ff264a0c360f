package com.unifiedbeez.inbox.channel.email;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which mails a machine sent (RFC 3834), so that no automatic reply answers them: by their headers. */
class AutomaticMailTest {
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "(none)                   |                                    | false",
            "Auto-Submitted           | no                                 | false",
            "Auto-Submitted           | auto-replied                       | true",
            "Auto-Submitted           | auto-generated                     | true",
            "Auto-Submitted           | auto-replied; owner-email=\"a@b.c\" | true",
            "Precedence               | bulk                               | true",
            "Precedence               | list                               | true",
            "Precedence               | junk                               | true",
            "Precedence               | first-class                        | false",
            "List-Id                  | Acme customers <customers.acme.example> | true",
            "X-Auto-Response-Suppress | OOF, AutoReply                     | true",
            "X-Auto-Response-Suppress | All                                | true",
            "X-Auto-Response-Suppress | DR, RN                             | false"})
    void automatic(String header, String value, boolean automatic) throws Exception {
        String headers = "(none)".equals(header) ? "" : header + ": " + value + "\r\n";
        String raw = "From: Dana <dana@example.net>\r\nTo: support@acme.test\r\nSubject: Hello\r\n"
                + "Message-ID: <m1@example.net>\r\n" + headers + "\r\nHello\r\n";
        MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.getBytes(StandardCharsets.US_ASCII)));

        assertThat(EmailInbound.automatic(mail)).isEqualTo(automatic);
    }
}
