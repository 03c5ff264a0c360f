package com.unifiedbeez.inbox.settings;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unifiedbeez.inbox.platform.json.Json;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The inheritance rule as a table: which levels set {@code preferences} (a key every level may
 * set), whether the organization locks it, and which value and source win. Teams are listed in
 * the user's joining order; "T1", "T2" are their values.
 */
class InheritanceTest {
    private static final UUID TEAM_1 = UUID.fromString("00000000-0000-7000-8000-000000000001");
    private static final UUID TEAM_2 = UUID.fromString("00000000-0000-7000-8000-000000000002");

    static Stream<Arguments> preferences() {
        return Stream.of(
                // org,  team1, team2, user,  locked, expected value, expected source
                Arguments.of(null, null, null, null, false, "default", "default"),
                Arguments.of("org", null, null, null, false, "org", "organization"),
                Arguments.of("org", "T1", null, null, false, "T1", "team:" + TEAM_1),
                Arguments.of(null, "T1", null, null, false, "T1", "team:" + TEAM_1),
                Arguments.of("org", "T1", "T2", null, false, "T1", "team:" + TEAM_1),
                Arguments.of("org", null, "T2", null, false, "T2", "team:" + TEAM_2),
                Arguments.of("org", "T1", "T2", "user", false, "user", "user"),
                Arguments.of(null, null, null, "user", false, "user", "user"),
                Arguments.of("org", "T1", "T2", "user", true, "org", "organization"),
                Arguments.of(null, "T1", null, "user", true, "default", "default"));
    }

    @ParameterizedTest(name = "org={0} team1={1} team2={2} user={3} locked={4} -> {5} from {6}")
    @MethodSource("preferences")
    void preferencesResolve(String org, String team1, String team2, String user, boolean locked, String expected,
                            String source) {
        SettingsLevel organization = level(SettingScope.ORGANIZATION, UUID.randomUUID(), org,
                locked ? EnumSet.of(SettingKey.PREFERENCES) : EnumSet.noneOf(SettingKey.class));
        List<SettingsLevel> teams = new ArrayList<>();
        teams.add(level(SettingScope.TEAM, TEAM_1, team1, Set.of()));
        teams.add(level(SettingScope.TEAM, TEAM_2, team2, Set.of()));
        SettingsLevel own = level(SettingScope.USER, UUID.randomUUID(), user, Set.of());

        EffectiveValue effective = Inheritance.resolve(organization, teams, own).get(SettingKey.PREFERENCES);

        assertThat(effective.value().get("language").asText()).isEqualTo(language(expected));
        assertThat(effective.source()).isEqualTo(source);
        assertThat(effective.locked()).isEqualTo(locked);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("levelsOnly")
    void aKeyALevelMayNotHoldIsNeverTakenFromIt(SettingKey key, SettingScope scope) {
        // A row cannot hold it (the writer refuses), but the rule does not trust rows either.
        ObjectNode values = Json.mapper().createObjectNode();
        values.set(key.wireName(), SettingsDefaults.values().get(key.wireName()));
        SettingsLevel level = new SettingsLevel(scope, TEAM_1, values, Set.of(), null, null);
        EffectiveSettings resolved = scope == SettingScope.USER
                ? Inheritance.resolve(null, List.of(), level) : Inheritance.resolve(null, List.of(level), null);
        assertThat(resolved.get(key).source()).isEqualTo("default");
    }

    static Stream<Arguments> levelsOnly() {
        return Stream.of(
                Arguments.of(SettingKey.RETENTION_POLICY, SettingScope.TEAM),
                Arguments.of(SettingKey.RETENTION_POLICY, SettingScope.USER),
                Arguments.of(SettingKey.AWAY_MESSAGE, SettingScope.USER),
                Arguments.of(SettingKey.AUTO_ASSIGNMENT, SettingScope.USER));
    }

    @Test
    void nothingSetIsTheProductDefaultsEverywhere() {
        EffectiveSettings resolved = Inheritance.resolve(null, List.of(), null);
        for (SettingKey key : SettingKey.values()) {
            assertThat(resolved.value(key)).isEqualTo(SettingsDefaults.values().get(key.wireName()));
            assertThat(resolved.get(key).source()).isEqualTo("default");
        }
        assertThat(resolved.autoAssignment().maxConversationsPerAgent()).isEqualTo(10);
        assertThat(resolved.retentionPolicy().keepsEverything()).isTrue();
        assertThat(resolved.notifications().email(NotificationKind.MENTION)).isTrue();
        assertThat(resolved.notifications().email(NotificationKind.NEW_CONVERSATION)).isFalse();
    }

    private static SettingsLevel level(SettingScope scope, UUID id, String language, Set<SettingKey> locked) {
        ObjectNode values = Json.mapper().createObjectNode();
        if (language != null) {
            ObjectNode preferences = values.putObject("preferences");
            preferences.put("language", language(language)).put("sound", true).put("compactList", false);
        }
        return new SettingsLevel(scope, id, values, locked, null, null);
    }

    /** Each level's value is told apart by its language tag. */
    private static String language(String level) {
        return switch (level) {
            case "default" -> "en";
            case "org" -> "de";
            case "T1" -> "fr";
            case "T2" -> "es";
            case "user" -> "pt-BR";
            default -> throw new IllegalArgumentException(level);
        };
    }
}
