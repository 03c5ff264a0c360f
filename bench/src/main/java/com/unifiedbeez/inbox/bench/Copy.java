package com.unifiedbeez.inbox.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Rows in PostgreSQL's COPY text format (tab separated, {@code \N} for null, backslash escapes)
 * and a streaming COPY FROM STDIN through {@link org.postgresql.copy.CopyManager}.
 */
final class Copy {
    /** A null timestamp. */
    static final long NO_TIME = Long.MIN_VALUE;

    private Copy() {
    }

    /** One row under construction; {@link #end()} terminates it. */
    static final class Row {
        private final StringBuilder out;
        private boolean first = true;

        Row(StringBuilder out) {
            this.out = out;
        }

        private void sep() {
            if (!first) {
                out.append('\t');
            }
            first = false;
        }

        Row text(String value) {
            sep();
            if (value == null) {
                out.append("\\N");
                return this;
            }
            for (int i = 0; i < value.length(); i++) {
                char ch = value.charAt(i);
                switch (ch) {
                    case '\\' -> out.append("\\\\");
                    case '\t' -> out.append("\\t");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    default -> out.append(ch);
                }
            }
            return this;
        }

        Row id(UUID value) {
            sep();
            out.append(value == null ? "\\N" : value.toString());
            return this;
        }

        Row num(long value) {
            sep();
            out.append(value);
            return this;
        }

        /** Epoch microseconds as timestamptz, or {@link #NO_TIME} for null. */
        Row time(long micros) {
            sep();
            if (micros == NO_TIME) {
                out.append("\\N");
            } else {
                appendTimestamp(out, micros);
            }
            return this;
        }

        /** A literal already in COPY text form (e.g. an array {@code {a,b}}). */
        Row raw(String literal) {
            sep();
            out.append(literal);
            return this;
        }

        void end() {
            out.append('\n');
        }
    }

    static Row row(StringBuilder out) {
        return new Row(out);
    }

    static void appendTimestamp(StringBuilder out, long micros) {
        long seconds = Math.floorDiv(micros, 1_000_000L);
        int fraction = (int) Math.floorMod(micros, 1_000_000L);
        LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        out.append(t.getYear()).append('-');
        pad(out, t.getMonthValue(), 2);
        out.append('-');
        pad(out, t.getDayOfMonth(), 2);
        out.append(' ');
        pad(out, t.getHour(), 2);
        out.append(':');
        pad(out, t.getMinute(), 2);
        out.append(':');
        pad(out, t.getSecond(), 2);
        out.append('.');
        pad(out, fraction, 6);
        out.append("+00");
    }

    private static void pad(StringBuilder out, int value, int width) {
        String s = Integer.toString(value);
        for (int i = s.length(); i < width; i++) {
            out.append('0');
        }
        out.append(s);
    }

    /** Streams rows into {@code COPY table (columns) FROM STDIN}; returns the rows the server took. */
    static long into(Connection connection, String table, String columns, Iterable<? extends CharSequence> chunks)
            throws SQLException {
        String sql = "COPY " + table + " (" + columns + ") FROM STDIN";
        PGConnection pg = connection.unwrap(PGConnection.class);
        PGCopyOutputStream stream = new PGCopyOutputStream(pg, sql, 1 << 20);
        try {
            Writer writer = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 20);
            for (CharSequence chunk : chunks) {
                writer.append(chunk);
            }
            writer.flush();
            return stream.endCopy();
        } catch (IOException e) {
            if (stream.isActive()) {
                stream.cancelCopy();
            }
            throw new SQLException("COPY into " + table + " failed: " + e.getMessage(), e);
        }
    }
}
