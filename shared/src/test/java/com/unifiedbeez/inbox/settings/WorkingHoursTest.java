package com.unifiedbeez.inbox.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unifiedbeez.inbox.platform.json.Json;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * When the inbox is open, as a table: each case a stored {@code workingHours} value (valid against the
 * schema, read as the resolver reads it), an instant, and whether it is open then. Dates in 2026:
 * Monday 2 March; Europe/London goes to BST on Sunday 29 March (01:00 GMT becomes 02:00) and back on
 * Sunday 25 October (02:00 BST becomes 01:00).
 */
class WorkingHoursTest {
    private static final String CLOSED = "[]";
    private static final String OFFICE = "[{\"from\":\"09:00\",\"to\":\"17:00\"}]";

    /** A week: {@code weekdays} Monday to Friday, {@code saturday}, {@code sunday}, as JSON arrays of ranges. */
    static String hours(String zone, String weekdays, String saturday, String sunday, String holidays) {
        return """
                {"timezone": "%s", "schedule": {"monday": %2$s, "tuesday": %2$s, "wednesday": %2$s, "thursday": %2$s,
                 "friday": %2$s, "saturday": %3$s, "sunday": %4$s}, "holidays": %5$s}"""
                .formatted(zone, weekdays, saturday, sunday, holidays);
    }

    static String office(String zone) {
        return hours(zone, OFFICE, CLOSED, CLOSED, "[]");
    }

    static Stream<Arguments> cases() {
        String london = office("Europe/London");
        String lateShift = hours("Europe/London", "[{\"from\":\"18:00\",\"to\":\"24:00\"}]", CLOSED, CLOSED, "[]");
        String splitDay = hours("Europe/London",
                "[{\"from\":\"09:00\",\"to\":\"12:00\"},{\"from\":\"13:00\",\"to\":\"17:30\"}]", CLOSED, CLOSED, "[]");
        String sundays = hours("Europe/London", CLOSED, CLOSED, OFFICE, "[]");
        String earlySundays = hours("Europe/London", CLOSED, CLOSED, "[{\"from\":\"01:00\",\"to\":\"02:00\"}]", "[]");
        String holiday = hours("Europe/London", OFFICE, CLOSED, CLOSED,
                "[{\"date\":\"2026-03-02\",\"name\":\"Founders' day\"}]");
        String newYork = hours("America/New_York", "[{\"from\":\"00:00\",\"to\":\"24:00\"}]", CLOSED, CLOSED,
                "[{\"date\":\"2026-12-25\",\"name\":\"Christmas\"}]");
        String tokyo = office("Asia/Tokyo");
        String always = SettingsDefaults.values().get("workingHours").toString();
        String never = hours("UTC", CLOSED, CLOSED, CLOSED, "[]");
        return Stream.of(
                arguments("before the range opens", london, "2026-03-02T08:59:59Z", false),
                arguments("as it opens (from is inclusive)", london, "2026-03-02T09:00:00Z", true),
                arguments("in the range", london, "2026-03-02T16:59:59Z", true),
                arguments("as it closes (to is exclusive)", london, "2026-03-02T17:00:00Z", false),
                arguments("03:00 at night", london, "2026-03-04T03:00:00Z", false),
                arguments("a weekend day without ranges", london, "2026-03-07T12:00:00Z", false),
                arguments("to 24:00 includes the day's last second", lateShift, "2026-03-02T23:59:59Z", true),
                arguments("24:00 is the next day's midnight, not this day's", lateShift, "2026-03-02T00:30:00Z", false),
                arguments("after 24:00 the next day's ranges apply", lateShift, "2026-03-07T00:00:00Z", false),
                arguments("first of two ranges", splitDay, "2026-03-03T11:59:00Z", true),
                arguments("the gap between two ranges", splitDay, "2026-03-03T12:30:00Z", false),
                arguments("second of two ranges", splitDay, "2026-03-03T13:00:00Z", true),
                arguments("after the second range", splitDay, "2026-03-03T17:30:00Z", false),
                arguments("a holiday closes a working day", holiday, "2026-03-02T10:00:00Z", false),
                arguments("the day after the holiday", holiday, "2026-03-03T10:00:00Z", true),
                arguments("a holiday is a day in the zone: not yet in New York", newYork, "2026-12-25T03:00:00Z", true),
                arguments("a holiday is a day in the zone: there in New York", newYork, "2026-12-25T15:00:00Z", false),
                arguments("DST starts: 08:30 UTC is 09:30 BST, open", sundays, "2026-03-29T08:30:00Z", true),
                arguments("DST starts: 16:30 UTC is 17:30 BST, closed", sundays, "2026-03-29T16:30:00Z", false),
                arguments("DST starts: 01:00 UTC is 02:00 BST, past a 01:00-02:00 range", earlySundays,
                        "2026-03-29T01:00:00Z", false),
                arguments("DST starts: 00:59 UTC is 00:59 GMT, before it", earlySundays, "2026-03-29T00:59:00Z", false),
                arguments("a week before, 01:30 UTC is 01:30 GMT, in it", earlySundays, "2026-03-22T01:30:00Z", true),
                arguments("DST ends: 08:30 UTC is 08:30 GMT, closed", sundays, "2026-10-25T08:30:00Z", false),
                arguments("DST ends: 09:00 UTC is 09:00 GMT, open", sundays, "2026-10-25T09:00:00Z", true),
                arguments("summer: 08:30 UTC is 09:30 BST, open", london, "2026-07-01T08:30:00Z", true),
                arguments("Tokyo's Monday 08:30 (Sunday in UTC) is before opening", tokyo, "2026-03-01T23:30:00Z", false),
                arguments("Tokyo's Monday 09:30 is Monday 00:30 UTC", tokyo, "2026-03-02T00:30:00Z", true),
                arguments("the product default is always open", always, "2026-03-08T03:00:00Z", true),
                arguments("a schedule with no ranges is never open", never, "2026-03-04T12:00:00Z", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isOpen(String name, String hours, String at, boolean open) throws Exception {
        JsonNode value = Json.mapper().readTree(hours);
        ObjectNode level = Json.mapper().createObjectNode().set("workingHours", value);
        assertThat(SettingsSchema.validate(level)).as("the case's hours are valid settings").isEmpty();
        WorkingHours workingHours = Json.mapper().convertValue(value, WorkingHours.class);

        assertThat(workingHours.isOpen(Instant.parse(at))).isEqualTo(open);
    }
}
