package com.unifiedbeez.inbox.functions.migrate;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.CloudFormationCustomResourceEvent;
import com.unifiedbeez.inbox.platform.config.Config;
import com.unifiedbeez.inbox.platform.db.Migrations;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The migrate function: a CloudFormation custom resource ({@code SchemaMigration} in
 * template.yaml) invoked once per deploy. Create and Update apply the Flyway migrations in
 * {@code migrations/}; Delete keeps the database as it is. Every outcome, failures included, is
 * PUT to the presigned ResponseURL so the stack never waits on a silent function.
 *
 * <p>No SnapStart priming, unlike every other function: it runs once per deploy, invoked through
 * its unqualified ARN ($LATEST, which SnapStart never serves), and template.yaml turns SnapStart off
 * for it ({@code ApplyOn: None}). Its one code path applies migrations, which no warm-up may do.
 */
public final class MigrateHandler
        implements RequestHandler<CloudFormationCustomResourceEvent, Map<String, Object>> {
    /** Stable across Create/Update/Delete: a changed id would make CloudFormation "replace" the schema. */
    static final String PHYSICAL_RESOURCE_ID = "unifiedbeez-inbox-flyway-schema";
    /** Resource property carrying the migrate function's published version ARN (see template.yaml). */
    static final String FUNCTION_VERSION_PROPERTY = "MigrateFunctionVersion";

    private static final Logger LOG = LoggerFactory.getLogger(MigrateHandler.class);

    private final MigrateComponent component;

    public MigrateHandler() {
        this(Config.fromEnvironment());
    }

    MigrateHandler(Config config) {
        this.component = DaggerMigrateComponent.factory().create(config);
    }

    @Override
    public Map<String, Object> handleRequest(CloudFormationCustomResourceEvent event, Context context) {
        String type = event.getRequestType();
        String physicalId = event.getPhysicalResourceId() == null || event.getPhysicalResourceId().isBlank()
                ? PHYSICAL_RESOURCE_ID
                : event.getPhysicalResourceId();
        LOG.info("{} {} (request {}, stack {})", type, event.getLogicalResourceId(), event.getRequestId(),
                event.getStackId());
        Map<String, Object> response;
        try {
            if ("Create".equals(type) || "Update".equals(type) && !isRollback(event)) {
                response = migrate(event, physicalId);
            } else if ("Update".equals(type)) {
                response = CustomResourceResponder.success(event, physicalId,
                        "Rollback: migrations are forward-only, the schema is left as it is", null);
            } else if ("Delete".equals(type)) {
                response = CustomResourceResponder.success(event, physicalId,
                        "Delete: nothing to do, the database and its schema are kept", null);
            } else {
                response = CustomResourceResponder.failed(event, physicalId, "unknown RequestType " + type);
            }
        } catch (Throwable e) {
            // Anything at all: the stack must hear FAILED with a reason, not time out.
            LOG.error("{} failed", type, e);
            response = CustomResourceResponder.failed(event, physicalId, reason(e, context));
        }
        component.responder().send(event.getResponseUrl(), response);
        return response;
    }

    private Map<String, Object> migrate(CloudFormationCustomResourceEvent event, String physicalId) {
        MigrateResult result = Migrations.apply(component.dataSource());
        if (!result.success) {
            throw new IllegalStateException("Flyway reported an unsuccessful migration");
        }
        String version = Objects.requireNonNullElse(
                result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion,
                "none");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("appliedMigrations", result.migrationsExecuted);
        data.put("schemaVersion", version);
        LOG.info("applied {} migration(s); schema version {}", result.migrationsExecuted, version);
        return CustomResourceResponder.success(event, physicalId,
                "Applied " + result.migrationsExecuted + " migration(s); schema version " + version, data);
    }

    /**
     * A rolled-back stack sends an Update whose properties are the previous ones. Lambda version
     * numbers only grow, so a property version lower than the old one means "going back": the
     * schema stays (migrations are forward-only) and, above all, a migration that just failed is
     * not retried, which would leave the stack in UPDATE_ROLLBACK_FAILED.
     */
    static boolean isRollback(CloudFormationCustomResourceEvent event) {
        OptionalLong target = versionNumber(event.getResourceProperties());
        OptionalLong previous = versionNumber(event.getOldResourceProperties());
        return target.isPresent() && previous.isPresent() && target.getAsLong() < previous.getAsLong();
    }

    private static OptionalLong versionNumber(Map<String, Object> properties) {
        if (properties == null || properties.get(FUNCTION_VERSION_PROPERTY) == null) {
            return OptionalLong.empty();
        }
        String arn = properties.get(FUNCTION_VERSION_PROPERTY).toString();
        try {
            return OptionalLong.of(Long.parseLong(arn.substring(arn.lastIndexOf(':') + 1)));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static String reason(Throwable e, Context context) {
        StringBuilder reason = new StringBuilder(describe(e));
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != e) {
            reason.append(" | cause: ").append(describe(root));
        }
        if (context != null) {
            reason.append(" | log: ").append(context.getLogGroupName()).append(' ').append(context.getLogStreamName());
        }
        return reason.toString();
    }

    private static String describe(Throwable e) {
        // One line: Flyway's multi-line messages (with ----- rulers) read badly in the stack events.
        String message = e.getMessage() == null
                ? ""
                : ": " + e.getMessage().replaceAll("-{4,}|\\s+", " ").replaceAll(" +", " ").trim();
        String text = e.getClass().getSimpleName() + message;
        // Keep each part short so the log pointer survives the response's reason limit.
        return text.length() <= 400 ? text : text.substring(0, 399) + "…";
    }
}
