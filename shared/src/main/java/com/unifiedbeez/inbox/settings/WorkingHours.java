package com.unifiedbeez.inbox.settings;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * When the inbox is open: ranges per weekday in an IANA time zone, and closed holidays. A range
 * is {@code [from, to)}; {@code to} may be {@code 24:00}. Validated by {@link SettingsSchema}
 * before it is stored, so the zone, the dates and the times parse.
 */
public record WorkingHours(String timezone, Map<String, List<TimeRange>> schedule, List<Holiday> holidays) {
    public record TimeRange(String from, String to) {
        boolean contains(LocalTime time) {
            return !time.isBefore(LocalTime.parse(from)) && ("24:00".equals(to) || time.isBefore(LocalTime.parse(to)));
        }
    }

    public record Holiday(String date, String name) {
    }

    public ZoneId zone() {
        return ZoneId.of(timezone);
    }

    /** Whether {@code at} falls in an open range of its weekday, in the zone, on a day that is no holiday. */
    public boolean isOpen(Instant at) {
        ZonedDateTime local = at.atZone(zone());
        LocalDate day = local.toLocalDate();
        if (holidays.stream().anyMatch(h -> LocalDate.parse(h.date()).equals(day))) {
            return false;
        }
        List<TimeRange> ranges = schedule.getOrDefault(dayName(local.getDayOfWeek()), List.of());
        LocalTime time = local.toLocalTime();
        return ranges.stream().anyMatch(r -> r.contains(time));
    }

    static String dayName(DayOfWeek day) {
        return day.name().toLowerCase(Locale.ROOT);
    }
}
