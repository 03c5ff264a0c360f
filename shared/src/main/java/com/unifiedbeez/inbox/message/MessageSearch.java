package com.unifiedbeez.inbox.message;

import com.unifiedbeez.inbox.channel.Channel;
import com.unifiedbeez.inbox.platform.auth.Caller;
import com.unifiedbeez.inbox.platform.db.Database;
import com.unifiedbeez.inbox.platform.db.Sql;
import com.unifiedbeez.inbox.platform.page.Page;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.postgresql.PGStatement;

/**
 * Full-text search over message text with PostgreSQL (stemmed English tsvector + GIN), ranked by
 * ts_rank_cd then recency among the organization's newest {@value #CANDIDATES} matches, scoped to
 * the caller's organization. Snippets are computed for the
 * page only, from HTML-escaped text, so a client can render the {@code <mark>} tags safely.
 */
@Singleton
public final class MessageSearch {
    /**
     * Only the newest matches are ranked: a common word matches a large share of a busy inbox, and
     * ranking all of them costs hundreds of milliseconds. Every page a cursor can reach is among them.
     */
    static final int CANDIDATES = MessageSearchQuery.MAX_OFFSET + MessageSearchQuery.MAX_LIMIT;
    private static final String HEADLINE = "StartSel=<mark>, StopSel=</mark>, MaxWords=30, MinWords=8, MaxFragments=2";

    private final Database database;

    @Inject
    public MessageSearch(Database database) {
        this.database = database;
    }

    public Page<SearchHitView> search(Caller caller, MessageSearchQuery query) {
        List<String> where = new ArrayList<>(List.of("m.organization_id = ?", "m.search @@ q.query", "m.deleted_at IS NULL"));
        List<Object> params = new ArrayList<>(List.of(query.q(), caller.organizationId()));
        if (query.conversationId() != null) {
            where.add("m.conversation_id = ?");
            params.add(query.conversationId());
        }
        if (query.channel() != null) {
            where.add("m.conversation_id IN (SELECT id FROM conversations WHERE organization_id = ? AND channel = ?)");
            params.add(caller.organizationId());
            params.add(query.channel());
        }
        if (query.from() != null) {
            where.add("m.platform_timestamp >= ?");
            params.add(query.from());
        }
        if (query.to() != null) {
            where.add("m.platform_timestamp < ?");
            params.add(query.to());
        }
        params.add(query.limit() + 1);
        params.add(query.offset());
        String sql = statement(where);
        List<SearchHitView> hits = database.read(c -> {
            try (PreparedStatement statement = Sql.prepare(c, sql, params.toArray())) {
                // Always planned with the actual query: PostgreSQL's generic plan for "search @@ $1"
                // assumes a default selectivity and reads the whole organization (hundreds of ms).
                statement.unwrap(PGStatement.class).setPrepareThreshold(0);
                List<SearchHitView> rows = new ArrayList<>();
                try (ResultSet r = statement.executeQuery()) {
                    while (r.next()) {
                        rows.add(new SearchHitView(MessageView.map(r), Channel.parse(r.getString("channel")).orElseThrow(),
                                r.getDouble("rank"), r.getString("snippet")));
                    }
                }
                return rows;
            }
        });
        boolean more = hits.size() > query.limit() && query.canGoDeeper();
        List<SearchHitView> page = hits.size() > query.limit() ? hits.subList(0, query.limit()) : hits;
        return new Page<>(List.copyOf(page), more ? query.nextCursor() : null);
    }

    /** The search statement for these conditions (the benchmark runs it too, to explain its plans). */
    public static String statement(List<String> where) {
        return """
                WITH recent AS (
                    SELECT m.id, m.search, m.platform_timestamp, q.query
                      FROM messages m, websearch_to_tsquery('english', ?) AS q(query)
                     WHERE %s
                     ORDER BY m.platform_timestamp DESC, m.id DESC
                     LIMIT %d),
                hits AS (
                    SELECT id, ts_rank_cd(search, query) AS rank, query
                      FROM recent
                     ORDER BY rank DESC, platform_timestamp DESC, id DESC
                     LIMIT ? OFFSET ?)
                SELECT %s, h.rank, c.channel,
                       ts_headline('english', replace(replace(replace(m.content, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'),
                                   h.query, '%s') AS snippet
                  FROM hits h
                  JOIN messages m ON m.id = h.id
                  JOIN conversations c ON c.id = m.conversation_id
                 ORDER BY h.rank DESC, m.platform_timestamp DESC, m.id DESC"""
                .formatted(String.join(" AND ", where), CANDIDATES, prefixed(MessageView.COLUMNS), HEADLINE);
    }

    private static String prefixed(String columns) {
        return String.join(", ", java.util.Arrays.stream(columns.split(",")).map(col -> "m." + col.strip()).toList());
    }
}
