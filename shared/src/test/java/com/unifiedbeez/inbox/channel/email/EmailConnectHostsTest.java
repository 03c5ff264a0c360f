package com.unifiedbeez.inbox.channel.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.unifiedbeez.inbox.connection.ChannelConnector;
import com.unifiedbeez.inbox.connection.ConnectEmail;
import com.unifiedbeez.inbox.connection.ConnectionProbes;
import com.unifiedbeez.inbox.connection.ConnectionStore;
import com.unifiedbeez.inbox.connection.CredentialCipher;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.auth.Role;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.errors.ApiException;
import com.unifiedbeez.inbox.platform.json.Json;
import com.unifiedbeez.inbox.testing.Fixtures;
import com.unifiedbeez.inbox.testing.TestDatabase;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Email connect names the customer's IMAP and SMTP hosts: we connect only to public addresses
 * (after DNS, every address), to the address we vetted, and answer every failure alike, so connect
 * cannot probe our network or tell an open port from a closed one. GreenMail on 127.0.0.1 is
 * reachable only with {@value MailHosts#ALLOW_PRIVATE_HOSTS} on, as in the tests and the local runtime.
 */
class EmailConnectHostsTest {
    @RegisterExtension
    static final GreenMailExtension GREENMAIL = new GreenMailExtension(MailTestbed.SERVERS);

    private final Fixtures fx = Fixtures.onTestDatabase();
    private final Caller ada = fx.user(fx.organization("Acme"), "Ada", Role.ADMIN);
    private final String mailbox = MailTestbed.mailbox("support");

    private static ChannelConnector connector(MailHosts hosts) {
        Config config = TestDatabase.config();
        return new ChannelConnector(new ConnectionStore(new Database(TestDatabase.dataSource()),
                new CredentialCipher(config)), new ConnectionProbes(Set.of(new EmailProbe(hosts))), new CredentialCipher(config));
    }

    private static ChannelConnector connector(boolean allowPrivate) {
        return connector(new MailHosts(Config.of(Map.of(MailHosts.ALLOW_PRIVATE_HOSTS, Boolean.toString(allowPrivate)))));
    }

    private ConnectEmail request(String host, int imapPort, int smtpPort, String security, String password) {
        return new ConnectEmail(mailbox, host, host, new ConnectEmail.Credentials(mailbox, password), smtpPort, imapPort,
                security, security, "Acme Support", null);
    }

    /** The problem the caller sees, minus the host and ports it named itself. */
    private static String answer(ChannelConnector connector, Caller caller, ConnectEmail request) {
        try {
            connector.connect(caller, request);
        } catch (ApiException e) {
            assertThat(e.status()).isEqualTo(422);
            return Json.write(e.toProblem("/api/inbox/channels/email"))
                    .replace(request.imapHost(), "HOST").replaceAll(":\\d+", ":PORT");
        }
        throw new AssertionError("connected to " + request.imapHost());
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "localhost", "10.1.2.3", "172.16.0.10", "192.168.1.20", "169.254.169.254",
            "100.64.0.1", "0.0.0.0", "224.0.0.251", "240.0.0.1"})
    void aHostThatIsNotPublicIsRefusedByDefaultWithTheAnswerOfAnyFailure(String host) throws Exception {
        GREENMAIL.setUser(mailbox, mailbox, "imap-secret");
        ChannelConnector strict = connector(false);

        String refused = answer(strict, ada, request(host, GREENMAIL.getImap().getPort(), GREENMAIL.getSmtp().getPort(),
                "none", "imap-secret"));

        // the same words as a host we would call whose ports are closed
        String closed = answer(connector(new MailHosts(true, name -> new InetAddress[] {
                InetAddress.getByAddress(name, new byte[] {127, 0, 0, 1})})), ada,
                request(host, closedPort(), closedPort(), "none", "imap-secret"));
        assertThat(refused).contains("channel-verification-failed").contains("could not sign in").isEqualTo(closed);
        assertThat(fx.count("SELECT count(*) FROM channel_connections WHERE organization_id = ?", ada.organizationId()))
                .isZero();
    }

    @Test
    void openClosedTlsAndLoginFailuresAreIndistinguishable() throws Exception {
        GREENMAIL.setUser(mailbox, mailbox, "imap-secret");
        ChannelConnector allowing = connector(true);
        int imap = GREENMAIL.getImap().getPort();
        int smtp = GREENMAIL.getSmtp().getPort();

        String wrongPassword = answer(allowing, ada, request("127.0.0.1", imap, smtp, "none", "guessed"));
        String closedPorts = answer(allowing, ada, request("127.0.0.1", closedPort(), closedPort(), "none", "imap-secret"));
        String tlsOnAPlainPort = answer(allowing, ada, request("127.0.0.1", imap, smtp, "ssl", "imap-secret"));
        String notPublic = answer(connector(false), ada, request("127.0.0.1", imap, smtp, "none", "imap-secret"));

        assertThat(closedPorts).isEqualTo(wrongPassword);
        assertThat(tlsOnAPlainPort).isEqualTo(wrongPassword);
        assertThat(notPublic).isEqualTo(wrongPassword);
        assertThat(wrongPassword).doesNotContain("guessed").doesNotContain("imap-secret");
    }

    @Test
    void withPrivateHostsAllowedTheLocalMailServerConnects() throws Exception {
        GREENMAIL.setUser(mailbox, mailbox, "imap-secret");
        var connected = connector(true).connect(ada, request("127.0.0.1", GREENMAIL.getImap().getPort(),
                GREENMAIL.getSmtp().getPort(), "none", "imap-secret"));
        assertThat(connected.created()).isTrue();
        assertThat(connected.connection().status()).isEqualTo("active");
    }

    @Test
    void theConnectionGoesToTheVettedAddressNotToANewDnsAnswer() throws Exception {
        GREENMAIL.setUser(mailbox, mailbox, "imap-secret");
        // mail.customer.test does not resolve in real DNS: only the vetted address can reach GreenMail
        String host = "mail-" + UUID.randomUUID().toString().substring(0, 8) + ".customer.test";
        MailHosts pinned = new MailHosts(true, name -> new InetAddress[] {
                InetAddress.getByAddress(name, new byte[] {127, 0, 0, 1})});
        var connected = connector(pinned).connect(ada, request(host, GREENMAIL.getImap().getPort(),
                GREENMAIL.getSmtp().getPort(), "none", "imap-secret"));
        assertThat(connected.connection().config().path("imapHost").asText()).isEqualTo(host);
    }

    @Test
    void everyResolvedAddressMustBePublic() {
        MailHosts hosts = new MailHosts(false, name -> new InetAddress[] {
                InetAddress.getByAddress(name, new byte[] {93, (byte) 184, (byte) 216, 34}),
                InetAddress.getByAddress(name, new byte[] {10, 0, 0, 7})});
        assertThatThrownBy(() -> hosts.vet("mixed.example.com")).isInstanceOf(MailHosts.RefusedHost.class);
        MailHosts metadata = new MailHosts(true, name -> new InetAddress[] {InetAddress.getByName("fd00:ec2::254")});
        assertThatThrownBy(() -> metadata.vet("imds.example.com")).as("metadata refused even when private hosts are allowed")
                .isInstanceOf(MailHosts.RefusedHost.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.0.0.1", "172.31.255.255", "192.168.0.1", "169.254.169.254", "100.64.0.1",
            "100.127.255.254", "0.0.0.0", "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fc00::1",
            "fd00:ec2::254", "ff02::1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "64:ff9b::a00:1", "2002:a00:1::1",
            "2001:db8::1"})
    void notPublic(String address) throws Exception {
        assertThat(MailHosts.isPublic(InetAddress.getByName(address))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "100.128.0.1", "172.32.0.1", "2a00:1450:4009:81f::200e",
            "::ffff:8.8.8.8"})
    void isPublic(String address) throws Exception {
        assertThat(MailHosts.isPublic(InetAddress.getByName(address))).isTrue();
    }
}
