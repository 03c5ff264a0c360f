package com.unifiedbeez.inbox.channel.email;

import com.unifiedbeez.inbox.platform.config.Config;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import javax.inject.Inject;
import javax.inject.Singleton;
import javax.net.SocketFactory;

/**
 * Which mail servers a customer's mailbox may make us connect to. A tenant admin names the IMAP and
 * SMTP hosts, so without this check our functions would open connections, from inside our VPC, to
 * whatever the name resolves to: the instance metadata service, the database proxy, a neighbour's
 * port. A host is vetted after DNS resolution — every address it resolves to must be public
 * unicast (not loopback, link-local, private RFC 1918 or ULA, CGNAT, unspecified, multicast,
 * reserved, or the metadata addresses) — and the connection then goes to the vetted address, not
 * to a second DNS answer (no rebinding between the check and the connect).
 *
 * <p>{@value #ALLOW_PRIVATE_HOSTS}{@code =true} lets private and loopback addresses through: the
 * tests' and the local runtime's mail server is on 127.0.0.1. It is off unless configured; the
 * metadata addresses stay refused even then.
 */
@Singleton
public final class MailHosts {
    public static final String ALLOW_PRIVATE_HOSTS = "INBOX_MAIL_ALLOW_PRIVATE_HOSTS";

    /** DNS, replaceable in tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** A host we may not connect to; the message is for our log, never for the caller. */
    public static final class RefusedHost extends IOException {
        RefusedHost(String message) {
            super(message);
        }
    }

    /** 169.254.169.254, the instance metadata service. */
    private static final byte[] AWS_METADATA_V4 = {(byte) 169, (byte) 254, (byte) 169, (byte) 254};
    /** fd00:ec2::254, the metadata service on IPv6 (Nitro instances). */
    private static final byte[] AWS_METADATA_V6 = {(byte) 0xfd, 0, 0x0e, (byte) 0xc2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x54};

    private final boolean allowPrivate;
    private final Resolver resolver;

    @Inject
    public MailHosts(Config config) {
        this(Boolean.parseBoolean(config.get(ALLOW_PRIVATE_HOSTS).orElse("false").trim()), InetAddress::getAllByName);
    }

    public MailHosts(boolean allowPrivate, Resolver resolver) {
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
    }

    /** The address to connect to for {@code host}: its first, once every address it resolves to passed. */
    public InetAddress vet(String host) throws IOException {
        InetAddress[] addresses = resolver.resolve(host);
        if (addresses == null || addresses.length == 0) {
            throw new UnknownHostException(host);
        }
        for (InetAddress address : addresses) {
            if (isMetadata(address) || !allowPrivate && !isPublic(address)) {
                throw new RefusedHost(host + " resolves to " + address.getHostAddress() + ", which is not a public address");
            }
        }
        return addresses[0];
    }

    /** A socket factory whose sockets connect to {@code address}, whatever host name Jakarta Mail asks for. */
    public static SocketFactory pinnedTo(InetAddress address) {
        return new PinnedSocketFactory(address);
    }

    static boolean isMetadata(InetAddress address) {
        return Arrays.equals(address.getAddress(), AWS_METADATA_V4) || Arrays.equals(address.getAddress(), AWS_METADATA_V6);
    }

    /** Public unicast: what a customer's mail server on the internet resolves to. */
    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return isPublicV4(b);
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) {
                return false; // fc00::/7 unique local (fd00:ec2::254 is one)
            }
            if (allZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                return isPublicV4(Arrays.copyOfRange(b, 12, 16)); // ::ffff:a.b.c.d, IPv4-mapped
            }
            if (allZero(b, 0, 12)) {
                return false; // ::/96, IPv4-compatible (deprecated) and :: itself
            }
            if (first == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                    && allZero(b, 4, 12)) {
                return isPublicV4(Arrays.copyOfRange(b, 12, 16)); // 64:ff9b::/96, NAT64
            }
            if (first == 0x20 && (b[1] & 0xff) == 0x02) {
                return isPublicV4(Arrays.copyOfRange(b, 2, 6)); // 2002::/16, 6to4
            }
            if (first == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
                return false; // 2001:db8::/32, documentation
            }
            return (first & 0xe0) == 0x20; // 2000::/3, global unicast
        }
        return false;
    }

    private static boolean isPublicV4(byte[] b) {
        int a = b[0] & 0xff;
        int c = b[1] & 0xff;
        return !(a == 0 // 0.0.0.0/8, "this network"
                || a == 10 || a == 127
                || a == 100 && c >= 64 && c <= 127 // 100.64.0.0/10, carrier-grade NAT
                || a == 169 && c == 254
                || a == 172 && c >= 16 && c <= 31
                || a == 192 && c == 168
                || a == 192 && c == 0 && (b[2] & 0xff) == 0 // 192.0.0.0/24, IETF protocol assignments
                || a == 192 && c == 0 && (b[2] & 0xff) == 2 // 192.0.2.0/24, documentation
                || a == 198 && (c == 18 || c == 19) // 198.18.0.0/15, benchmarking
                || a == 198 && c == 51 && (b[2] & 0xff) == 100
                || a == 203 && c == 0 && (b[2] & 0xff) == 113
                || a >= 224); // multicast, reserved 240/4, broadcast
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Jakarta Mail asks its socket factory for an unconnected socket, then connects it to
     * {@code new InetSocketAddress(host, port)} (a fresh DNS answer); these sockets connect to the
     * vetted address instead, on the port asked for. TLS (ssl or STARTTLS) is layered on top with the
     * host name, so the server's certificate is still checked against the name the admin gave.
     */
    private static final class PinnedSocketFactory extends SocketFactory {
        private final InetAddress address;

        PinnedSocketFactory(InetAddress address) {
            this.address = address;
        }

        @Override
        public Socket createSocket() {
            return new Socket() {
                @Override
                public void connect(SocketAddress endpoint, int timeout) throws IOException {
                    super.connect(new InetSocketAddress(address, ((InetSocketAddress) endpoint).getPort()), timeout);
                }
            };
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return new Socket(address, port);
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return new Socket(address, port, localHost, localPort);
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return new Socket(address, port);
        }

        @Override
        public Socket createSocket(InetAddress host, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return new Socket(address, port, localAddress, localPort);
        }
    }
}
