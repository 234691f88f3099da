package dev.tollgate.auth.signals;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import dev.tollgate.auth.outbox.LeasedRows;

/**
 * Table {@code ssf_stream} (V64): every read and change names the owning client, so that a client only ever reaches
 * its own streams. Deleting a stream drops its queued SETs with it (foreign key); disabling one drops them too (SSF
 * 1.0 §8.1.2: a disabled stream holds no events).
 */
@Repository
public class Streams {

    private static final String COLUMNS = "id, client_id, events_requested, delivery_method, endpoint_url,"
            + " authorization_header, min_verification_interval, description, status, status_reason";

    private final JdbcClient jdbc;

    private final Clock clock;

    Streams(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void insert(Stream stream) {
        jdbc.sql("INSERT INTO ssf_stream (" + COLUMNS + ", created_at, updated_at) VALUES (:id, :client, :events,"
                        + " :method, :endpoint, :authorization, :interval, :description, :status, :reason, :now, :now)")
                .params(params(stream))
                .param("now", LeasedRows.at(clock.instant()))
                .update();
    }

    /** Writes every member but the owner and the status. */
    public void update(Stream stream) {
        jdbc.sql("UPDATE ssf_stream SET events_requested = :events, delivery_method = :method,"
                        + " endpoint_url = :endpoint, authorization_header = :authorization,"
                        + " min_verification_interval = :interval, description = :description, updated_at = :now"
                        + " WHERE id = :id AND client_id = :client")
                .params(params(stream))
                .param("now", LeasedRows.at(clock.instant()))
                .update();
    }

    @Transactional
    public void updateStatus(Stream stream) {
        jdbc.sql("UPDATE ssf_stream SET status = :status, status_reason = :reason, updated_at = :now"
                        + " WHERE id = :id AND client_id = :client")
                .params(params(stream))
                .param("now", LeasedRows.at(clock.instant()))
                .update();
        if (Stream.DISABLED.equals(stream.status())) {
            jdbc.sql("DELETE FROM ssf_set_outbox WHERE stream_id = ?").param(stream.id()).update();
        }
    }

    public Optional<Stream> find(String clientId, String streamId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ssf_stream WHERE id = ? AND client_id = ?")
                .params(streamId, clientId)
                .query(Streams::stream)
                .optional();
    }

    /** The client's stream with this id; a stream of another client is answered as none (404). */
    public Stream owned(String clientId, String streamId) {
        return find(clientId, streamId).orElseThrow(() -> StreamRequestRefused.notFound(streamId));
    }

    public List<Stream> ofClient(String clientId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ssf_stream WHERE client_id = ? ORDER BY created_at, id")
                .param(clientId)
                .query(Streams::stream)
                .list();
    }

    /** True if the stream existed and was the client's. */
    public boolean delete(String clientId, String streamId) {
        return jdbc.sql("DELETE FROM ssf_stream WHERE id = ? AND client_id = ?").params(streamId, clientId)
                .update() == 1;
    }

    /** Removes every stream of a client that is being deleted. */
    void deleteAllOf(String clientId) {
        jdbc.sql("DELETE FROM ssf_stream WHERE client_id = ?").param(clientId).update();
    }

    /** The streams that queue SETs now (enabled or paused). */
    List<Stream> queueing() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM ssf_stream WHERE status <> ?")
                .param(Stream.DISABLED)
                .query(Streams::stream)
                .list();
    }

    // a HashMap: several members may be null
    private static Map<String, Object> params(Stream stream) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", stream.id());
        params.put("client", stream.clientId());
        params.put("events", String.join(" ", stream.eventsRequested()));
        params.put("method", stream.deliveryMethod());
        params.put("endpoint", stream.endpointUrl());
        params.put("authorization", stream.authorizationHeader());
        params.put("interval", stream.minVerificationInterval());
        params.put("description", stream.description());
        params.put("status", stream.status());
        params.put("reason", stream.statusReason());
        return params;
    }

    private static Stream stream(ResultSet rs, int row) throws SQLException {
        String events = rs.getString("events_requested");
        int interval = rs.getInt("min_verification_interval");
        Integer minVerificationInterval = rs.wasNull() ? null : interval;
        return new Stream(rs.getString("id"), rs.getString("client_id"),
                events.isBlank() ? List.of() : Arrays.asList(events.split(" ")), rs.getString("delivery_method"),
                rs.getString("endpoint_url"), rs.getString("authorization_header"), minVerificationInterval,
                rs.getString("description"), rs.getString("status"), rs.getString("status_reason"));
    }
}
