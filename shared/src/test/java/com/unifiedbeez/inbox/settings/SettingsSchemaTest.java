package com.unifiedbeez.inbox.settings;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unifiedbeez.inbox.platform.errors.FieldError;
import com.unifiedbeez.inbox.platform.json.Json;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The schema and the rules beside it: what passes, and that each refusal names the path of the value. */
class SettingsSchemaTest {
    @Test
    void theProductDefaultsAreValid() {
        assertThat(SettingsSchema.validate(SettingsDefaults.values())).isEmpty();
    }

    @Test
    void everyKeyOfTheSchemaIsASettingKeyAndTheOtherWayRound() throws Exception {
        var schema = Json.mapper().readTree(getClass().getClassLoader().getResourceAsStream(SettingsSchema.RESOURCE));
        List<String> names = Stream.of(SettingKey.values()).map(SettingKey::wireName).toList();
        assertThat(schema.get("properties").fieldNames()).toIterable().containsExactlyElementsOf(names);
        assertThat(SettingsDefaults.values().fieldNames()).toIterable().containsExactlyElementsOf(names);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("{\"colour\": {}}", "colour", "is not a setting"),
                Arguments.of("{\"preferences\": {\"language\": \"en\", \"sound\": \"yes\", \"compactList\": false}}",
                        "preferences.sound", "boolean"),
                Arguments.of("{\"preferences\": {\"language\": \"en\", \"sound\": true}}", "preferences",
                        "compactList"),
                Arguments.of("{\"preferences\": {\"language\": \"en\", \"sound\": true, \"compactList\": false,"
                        + " \"theme\": \"dark\"}}", "preferences.theme", "is not a field"),
                Arguments.of(hours("\"Mars/Olympus\"", "[{\"from\": \"09:00\", \"to\": \"17:00\"}]", "[]"),
                        "workingHours.timezone", "IANA"),
                Arguments.of(hours("\"Europe/London\"", "[{\"from\": \"17:00\", \"to\": \"09:00\"}]", "[]"),
                        "workingHours.schedule.monday[0].to", "after from"),
                Arguments.of(hours("\"Europe/London\"", "[{\"from\": \"9:00\", \"to\": \"17:00\"}]", "[]"),
                        "workingHours.schedule.monday[0].from", "pattern"),
                Arguments.of(hours("\"Europe/London\"", "[]", "[{\"date\": \"2026-02-30\"}]"),
                        "workingHours.holidays[0].date", "date"),
                Arguments.of("{\"autoAssignment\": {\"enabled\": true, \"strategy\": \"random\","
                        + " \"maxConversationsPerAgent\": 5, \"onlyOnline\": true}}", "autoAssignment.strategy", ""),
                Arguments.of("{\"autoAssignment\": {\"enabled\": true, \"strategy\": \"round_robin\","
                        + " \"maxConversationsPerAgent\": 0, \"onlyOnline\": true}}",
                        "autoAssignment.maxConversationsPerAgent", "1"),
                Arguments.of("{\"retentionPolicy\": {\"messagesDays\": -1, \"mediaDays\": null}}",
                        "retentionPolicy.messagesDays", "1"),
                Arguments.of("{\"awayMessage\": {\"enabled\": true, \"text\": \"\", \"intervalMinutes\": 60,"
                        + " \"channels\": {}}}", "awayMessage.text", ""),
                Arguments.of("{\"awayMessage\": {\"enabled\": true, \"text\": \"Away\", \"intervalMinutes\": 60,"
                        + " \"channels\": {\"fax\": \"x\"}}}", "awayMessage.channels.fax", "is not a field"),
                Arguments.of("{\"signature\": {\"enabled\": true, \"text\": \"Ada\", \"html\": null,"
                        + " \"channels\": [\"pager\"]}}", "signature.channels[0]", ""));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalid")
    void anInvalidValueIsNamedByItsPath(String level, String field, String words) throws Exception {
        List<FieldError> errors = SettingsSchema.validate((ObjectNode) Json.mapper().readTree(level));
        assertThat(errors).extracting(FieldError::field).contains(field);
        assertThat(errors).filteredOn(e -> e.field().equals(field)).first()
                .satisfies(e -> assertThat(e.message()).contains(words));
    }

    @Test
    void severalRangesADayAndMidnightAsTheEndAreValid() throws Exception {
        String level = hours("\"America/New_York\"", "[{\"from\": \"00:00\", \"to\": \"12:00\"},"
                + " {\"from\": \"13:00\", \"to\": \"24:00\"}]", "[{\"date\": \"2026-12-25\", \"name\": \"Christmas\"}]");
        assertThat(SettingsSchema.validate((ObjectNode) Json.mapper().readTree(level))).isEmpty();
    }

    /** A working-hours level with {@code monday} as given and every other day closed. */
    static String hours(String zone, String monday, String holidays) {
        return "{\"workingHours\": {\"timezone\": " + zone + ", \"schedule\": {\"monday\": " + monday
                + ", \"tuesday\": [], \"wednesday\": [], \"thursday\": [], \"friday\": [], \"saturday\": [],"
                + " \"sunday\": []}, \"holidays\": " + holidays + "}}";
    }
}
