package dev.tollgate.auth.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The audit trail's table {@code security_event} (V47): batches of events in, pages of events out, old events
 * deleted. Values are cut to their column's size and stripped of NUL characters (which PostgreSQL refuses in text)
 * before they are written, so that no event from outside can make its whole batch fail.
 */
@Repository
public class StoredSecurityEvents {

    static final int MAX_VALUE_LENGTH = 1000;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final TypeReference<LinkedHashMap<String, Object>> DETAILS = new TypeReference<>() {
    };

    private static final String INSERT = """
            INSERT INTO security_event (occurred_at, type, user_id, client_id, address, details)
            VALUES (?, ?, ?, ?, ?, ?)
            """;

    private final JdbcTemplate batches;

    private final JdbcClient jdbc;

    public StoredSecurityEvents(JdbcTemplate batches, JdbcClient jdbc) {
        this.batches = batches;
        this.jdbc = jdbc;
    }

    /**
     * Inserts the events in one JDBC batch and one transaction (in auto-commit each row would be a commit of its own,
     * which on the embedded database is a good part of the writer's CPU: bench/NOTES.md).
     */
    @Transactional
    void insert(List<RecordedEvent> events) {
        List<Object[]> rows = new ArrayList<>(events.size());
        for (RecordedEvent event : events) {
            rows.add(new Object[] {at(event.time()), event.type().name(), column(event.user(), 255),
                    column(event.client(), 255), column(event.address(), 64), details(event.details())});
        }
        batches.batchUpdate(INSERT, rows);
    }

    /**
     * One page of the events that match, newest first: in the order they were written, which is the order they
     * happened in on one instance (the writer takes them from one queue); events of several instances may
     * interleave within a flush interval.
     */
    public EventPage find(EventQuery query, int page, int size) {
        Where where = where(query);
        long total = jdbc.sql("SELECT count(*) FROM security_event" + where.sql()).params(where.params())
                .query(Long.class).single();
        List<RecordedEvent> content = jdbc.sql("SELECT * FROM security_event" + where.sql()
                        + " ORDER BY id DESC LIMIT :limit OFFSET :offset")
                .params(where.params())
                .param("limit", size)
                .param("offset", (long) page * size)
                .query((rs, row) -> event(rs))
                .list();
        return new EventPage(content, total);
    }

    /** Deletes events that happened before {@code cutoff}, at most {@code batchSize} rows per statement. */
    int deleteBefore(Instant cutoff, int batchSize) {
        int deleted = 0;
        List<Long> batch;
        do {
            batch = jdbc.sql("SELECT id FROM security_event WHERE occurred_at < ? ORDER BY id LIMIT ?")
                    .params(at(cutoff), batchSize)
                    .query(Long.class)
                    .list();
            if (!batch.isEmpty()) {
                deleted += jdbc.sql("DELETE FROM security_event WHERE id IN (:ids)").param("ids", batch).update();
            }
        }
        while (batch.size() == batchSize);
        return deleted;
    }

    private static Where where(EventQuery query) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        if (query.type() != null) {
            conditions.add("type = :type");
            params.put("type", query.type().name());
        }
        if (query.user() != null) {
            conditions.add("user_id = :user");
            params.put("user", query.user());
        }
        if (query.client() != null) {
            conditions.add("client_id = :client");
            params.put("client", query.client());
        }
        if (query.since() != null) {
            conditions.add("occurred_at >= :since");
            params.put("since", at(query.since()));
        }
        if (query.until() != null) {
            conditions.add("occurred_at < :until");
            params.put("until", at(query.until()));
        }
        return new Where(conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions), params);
    }

    private static RecordedEvent event(ResultSet rs) throws SQLException {
        return new RecordedEvent(rs.getLong("id"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                SecurityEventType.valueOf(rs.getString("type")), rs.getString("user_id"), rs.getString("client_id"),
                rs.getString("address"), readDetails(rs.getString("details")));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Map<String, String> readDetails(String json) {
        // written from strings only (see details(Map)), so every value reads back as one
        return (Map) JSON.readValue(json, DETAILS);
    }

    private static String details(Map<String, String> details) {
        Map<String, String> safe = new LinkedHashMap<>();
        details.forEach((name, value) -> safe.put(name, column(value, MAX_VALUE_LENGTH)));
        return JSON.writeValueAsString(safe);
    }

    private static String column(String value, int maxLength) {
        if (value == null) {
            return null;
        }
        String kept = value.indexOf('\0') < 0 ? value : value.replace("\0", "");
        return kept.length() <= maxLength ? kept : kept.substring(0, maxLength);
    }

    // microseconds: what both databases store
    private static OffsetDateTime at(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    private record Where(String sql, Map<String, Object> params) {
    }
}
