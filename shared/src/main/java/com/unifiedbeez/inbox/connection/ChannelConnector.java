package com.unifiedbeez.inbox.connection;

import com.unifiedbeez.inbox.channel.ChannelConnection;
import com.unifiedbeez.inbox.channel.HealthReport;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.db.DatabaseException;
import com.unifiedbeez.inbox.platform.errors.ApiException;
import com.unifiedbeez.inbox.platform.errors.FieldError;
import com.unifiedbeez.inbox.platform.id.Ids;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects a platform account to an organization: validate, prove the credentials with a real
 * call to the platform, then store them encrypted. Nothing is stored when a check fails.
 *
 * <p>An account is live in one organization at a time. The claim is looked up before the
 * platform is called, so connecting an account live elsewhere never touches it (Telegram's
 * setWebhook would re-key the other organization's bot) and the answer names no organization.
 * The same organization connecting the same account again renews its connection in place (new
 * credentials, same id, so its conversations stay attached): that is how a rotated token is
 * entered, and how a disconnected account comes back.
 */
@Singleton
public final class ChannelConnector {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelConnector.class);
    private static final String UNIQUE_VIOLATION = "23505";

    private final ConnectionStore store;
    private final ConnectionProbes probes;
    private final CredentialCipher cipher;

    @Inject
    public ChannelConnector(ConnectionStore store, ConnectionProbes probes, CredentialCipher cipher) {
        this.store = store;
        this.probes = probes;
        this.cipher = cipher;
    }

    public Connected connect(Caller caller, ConnectRequest request) {
        caller.requireAdmin();
        NewConnection draft = request.validated();
        var claim = store.claim(draft.channel(), draft.externalId(), caller.organizationId());
        if (claim.isPresent() && !claim.get().organizationId().equals(caller.organizationId())) {
            throw alreadyConnected(draft);
        }
        ChannelConnection connection = new ChannelConnection(claim.map(ConnectionStore.Claim::id).orElseGet(Ids::newId),
                caller.organizationId(), draft.channel(), draft.externalId(), draft.name(), "active", draft.config(),
                draft.secrets());
        HealthReport report = probes.onConnect(connection);
        if (!report.healthy()) {
            throw verificationFailed(report);
        }
        byte[] sealed = cipher.encrypt(connection.id(), draft.secrets());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        try {
            ConnectionView view = claim.isPresent()
                    ? store.renew(connection, sealed, report, now)
                    : store.insert(connection, sealed, report, now);
            LOG.info("{} {} for organization {}", claim.isPresent() ? "renewed" : "connected", connection,
                    caller.organizationId());
            return new Connected(view, claim.isEmpty());
        } catch (DatabaseException e) {
            if (UNIQUE_VIOLATION.equals(e.sqlState())) {
                throw alreadyConnected(draft); // connected elsewhere between our look-up and our write
            }
            throw e;
        }
    }

    private static ApiException alreadyConnected(NewConnection draft) {
        return ApiException.conflict("channel-already-connected", "this " + draft.channel().wireName() + " account ("
                + draft.externalId() + ") is already connected to UnifiedBeez; it must be disconnected there first");
    }

    private static ApiException verificationFailed(HealthReport report) {
        var failed = report.checks().stream().filter(c -> !c.ok())
                .map(c -> new FieldError(c.name(), c.detail(), "channel-verification")).toList();
        return new ApiException(422, "channel-verification-failed", "Channel verification failed",
                "the platform did not accept the connection: " + report.summary(), failed);
    }
}
