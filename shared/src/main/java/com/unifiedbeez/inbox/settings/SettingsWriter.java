package com.unifiedbeez.inbox.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unifiedbeez.inbox.assignment.ConversationRouter;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.db.Sql;
import com.unifiedbeez.inbox.platform.errors.ApiException;
import com.unifiedbeez.inbox.platform.errors.FieldError;
import com.unifiedbeez.inbox.platform.json.Json;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.inject.Inject;
import javax.inject.Singleton;

/**
 * Every change of a level: {@code PUT} (keys merged over what the level holds or inherits),
 * {@code reset} (keys removed, so the level inherits them again) and {@code import} (the level
 * replaced by a file). Each is checked as a whole before anything is written — every key settable
 * at the level and not locked by the organization, the result valid against the schema — and
 * answers 422 listing every problem, or writes the level and announces the keys that changed.
 */
@Singleton
public final class SettingsWriter {
    /** The largest settings body accepted; a whole level with long HTML signatures is far below it. */
    public static final int MAX_BODY_CHARS = 64 * 1024;
    static final String LOCKED = "locked";

    private final Database database;
    private final SettingsStore store;
    private final ConversationRouter router;

    @Inject
    public SettingsWriter(Database database, SettingsStore store, ConversationRouter router) {
        this.database = database;
        this.store = store;
        this.router = router;
    }

    /** A settings body over {@link #MAX_BODY_CHARS} is refused before it is parsed. */
    public static void checkSize(String body) {
        if (body != null && body.length() > MAX_BODY_CHARS) {
            throw new ApiException(413, "payload-too-large", "Payload too large",
                    "a settings body is at most " + MAX_BODY_CHARS + " characters", List.of());
        }
    }

    /** {@code PUT}: each key given is merged over the level's value (or what the level inherits); null resets it. */
    public SettingsLevelView put(Caller caller, SettingScope scope, UUID teamId, ObjectNode body) {
        return change(caller, scope, teamId, "", (c, target, current, errors) -> {
            ObjectNode next = current.values().deepCopy();
            Set<SettingKey> locks = copy(current.locked());
            EffectiveSettings inherited = null;
            for (var field : iterable(body)) {
                String name = field.getKey();
                JsonNode value = field.getValue();
                if (LOCKED.equals(name)) {
                    locks = lockList(scope, value, LOCKED, errors);
                    continue;
                }
                SettingKey key = SettingKey.parse(name).orElse(null);
                if (key == null) {
                    errors.add(new FieldError(name, "is not a setting (settings: " + keyNames() + ")"));
                } else if (value.isNull()) {
                    next.remove(name);
                } else {
                    JsonNode base = current.value(key);
                    if (base == null) {
                        inherited = inherited != null ? inherited : inherited(c, target);
                        base = inherited.value(key);
                    }
                    next.set(name, MergePatch.apply(base, value));
                }
            }
            return new Proposal(next, locks);
        });
    }

    /** {@code POST /reset}: the keys (all when none are named) leave the level; the organization also unlocks them. */
    public SettingsLevelView reset(Caller caller, ResetSettingsRequest request) {
        if (request == null) {
            throw ApiException.badRequest("a JSON body is required");
        }
        SettingScope scope = SettingScope.required(request.scope(), "scope");
        UUID teamId = scope.teamId(request.scopeId(), "scopeId");
        return change(caller, scope, teamId, "", (c, target, current, errors) -> {
            Set<SettingKey> keys = EnumSet.allOf(SettingKey.class);
            if (request.keys() != null && !request.keys().isEmpty()) {
                keys = EnumSet.noneOf(SettingKey.class);
                for (int i = 0; i < request.keys().size(); i++) {
                    String name = request.keys().get(i);
                    int index = i;
                    SettingKey.parse(name).ifPresentOrElse(keys::add, () -> errors.add(
                            new FieldError("keys[" + index + "]", "is not a setting (settings: " + keyNames() + ")")));
                }
            }
            ObjectNode next = current.values().deepCopy();
            Set<SettingKey> locks = copy(current.locked());
            for (SettingKey key : keys) {
                next.remove(key.wireName());
                locks.remove(key);
            }
            return new Proposal(next, locks);
        });
    }

    /** {@code POST /import}: the level becomes the file's settings (and locks), all or nothing. */
    public SettingsLevelView importSettings(Caller caller, ImportSettingsRequest request) {
        if (request == null) {
            throw ApiException.badRequest("a JSON body is required");
        }
        List<FieldError> shape = new ArrayList<>();
        if (request.schemaVersion() == null) {
            shape.add(new FieldError("schemaVersion", "is required (" + SettingsSchema.VERSION + ")"));
        } else if (request.schemaVersion() != SettingsSchema.VERSION) {
            shape.add(new FieldError("schemaVersion", "must be " + SettingsSchema.VERSION
                    + " (the only settings schema version this inbox reads)"));
        }
        if (request.settings() == null) {
            shape.add(new FieldError("settings", "is required (an object of settings keys)"));
        }
        if (!shape.isEmpty()) {
            throw ApiException.invalid(shape);
        }
        SettingScope scope = SettingScope.required(request.scope(), "scope");
        UUID teamId = scope.teamId(request.scopeId(), "scopeId");
        return change(caller, scope, teamId, "settings.", (c, target, current, errors) -> {
            ObjectNode next = request.settings().deepCopy();
            for (var field : iterable(request.settings())) {
                if (SettingKey.parse(field.getKey()).isEmpty()) {
                    errors.add(new FieldError("settings." + field.getKey(),
                            "is not a setting (settings: " + keyNames() + ")"));
                    next.remove(field.getKey());
                } else if (field.getValue().isNull()) {
                    next.remove(field.getKey());
                }
            }
            Set<SettingKey> locks = request.locked() == null ? EnumSet.noneOf(SettingKey.class)
                    : lockList(scope, Json.mapper().valueToTree(request.locked()),
                    LOCKED, errors);
            return new Proposal(next, locks);
        });
    }

    /** What an edit proposes the level becomes. */
    record Proposal(ObjectNode values, Set<SettingKey> locked) {
    }

    @FunctionalInterface
    interface Edit {
        Proposal propose(Connection c, SettingsTarget target, SettingsLevel current, List<FieldError> errors)
                throws SQLException;
    }

    private SettingsLevelView change(Caller caller, SettingScope scope, UUID teamId, String prefix, Edit edit) {
        List<UUID> routed = new ArrayList<>();
        SettingsLevelView view = database.transaction(c -> {
            SettingsTarget target = SettingsAccess.write(c, caller, scope, teamId);
            SettingsLevel current = store.level(c, target.organizationId(), scope, target.scopeId(), true);
            List<FieldError> errors = new ArrayList<>();
            Proposal proposal = edit.propose(c, target, current, errors);
            Set<SettingKey> orgLocks = scope == SettingScope.ORGANIZATION ? Set.of()
                    : store.level(c, target.organizationId(), SettingScope.ORGANIZATION, target.organizationId(), false)
                    .locked();
            List<SettingKey> changed = new ArrayList<>();
            for (SettingKey key : SettingKey.values()) {
                JsonNode was = current.value(key);
                JsonNode now = proposal.values().get(key.wireName());
                boolean valueChanged = !Objects.equals(was, now);
                if (valueChanged && now != null && !key.settableAt(scope)) {
                    errors.add(new FieldError(prefix + key.wireName(), "cannot be set at the " + scope.wireName()
                            + " level (it can at: " + key.levels().stream().sorted().map(SettingScope::wireName)
                            .collect(Collectors.joining(", ")) + ")"));
                } else if (valueChanged && now != null && orgLocks.contains(key)) {
                    errors.add(new FieldError(prefix + key.wireName(), "is locked by the organization"));
                }
                if (valueChanged || current.locked().contains(key) != proposal.locked().contains(key)) {
                    changed.add(key);
                }
            }
            if (errors.isEmpty()) {
                for (FieldError error : SettingsSchema.validate(proposal.values())) {
                    errors.add(new FieldError(prefix + error.field(), error.message()));
                }
            }
            if (!errors.isEmpty()) {
                throw ApiException.invalid(errors);
            }
            if (changed.isEmpty()) {
                return SettingsLevelView.of(current);
            }
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            if (changed.contains(SettingKey.AUTO_ASSIGNMENT)) {
                routed.addAll(scope == SettingScope.TEAM ? List.of(target.scopeId())
                        : Sql.list(c, "SELECT id FROM teams WHERE organization_id = ?", r -> Sql.uuid(r, "id"),
                                target.organizationId()));
            }
            return SettingsLevelView.of(store.save(c, target.organizationId(), scope, target.scopeId(),
                    proposal.values(), proposal.locked(), caller.userId(), now, changed, target.audience()));
        });
        if (!routed.isEmpty()) {
            // more capacity, or assignment switched on: the queues are served at once, not at the next sweep
            router.drain(caller.organizationId(), routed);
        }
        return view;
    }

    /** What a level would have for a key it does not set: its wider levels resolved. */
    private EffectiveSettings inherited(Connection c, SettingsTarget target) throws SQLException {
        return switch (target.scope()) {
            case ORGANIZATION -> Inheritance.resolve(null, List.of(), null);
            case TEAM -> Inheritance.resolve(store.level(c, target.organizationId(), SettingScope.ORGANIZATION,
                    target.organizationId(), false), List.of(), null);
            case USER -> {
                SettingsStore.Levels levels = store.forUser(c, target.organizationId(), target.scopeId());
                yield Inheritance.resolve(levels.organization(), levels.teams(), null);
            }
        };
    }

    private static Set<SettingKey> lockList(SettingScope scope, JsonNode value, String field, List<FieldError> errors) {
        Set<SettingKey> locks = EnumSet.noneOf(SettingKey.class);
        if (scope != SettingScope.ORGANIZATION) {
            errors.add(new FieldError(field, "only the organization locks settings"));
            return locks;
        }
        if (!value.isArray()) {
            errors.add(new FieldError(field, "must be an array of settings keys"));
            return locks;
        }
        for (int i = 0; i < value.size(); i++) {
            JsonNode name = value.get(i);
            var key = name.isTextual() ? SettingKey.parse(name.asText()) : Optional.<SettingKey>empty();
            if (key.isPresent()) {
                locks.add(key.get());
            } else {
                errors.add(new FieldError(field + "[" + i + "]", "is not a setting (settings: " + keyNames() + ")"));
            }
        }
        return locks;
    }

    static String keyNames() {
        return Arrays.stream(SettingKey.values()).map(SettingKey::wireName).collect(Collectors.joining(", "));
    }

    /** A set of keys this edit may change (the level's own set is not to be changed in place). */
    private static Set<SettingKey> copy(Set<SettingKey> keys) {
        Set<SettingKey> out = EnumSet.noneOf(SettingKey.class);
        out.addAll(keys);
        return out;
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(ObjectNode node) {
        return node::fields;
    }
}
