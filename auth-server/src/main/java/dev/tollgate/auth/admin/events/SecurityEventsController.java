package dev.tollgate.auth.admin.events;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.tollgate.auth.admin.AdminApiException;
import dev.tollgate.auth.admin.AdminPage;
import dev.tollgate.auth.admin.AdminPaths;
import dev.tollgate.auth.audit.EventPage;
import dev.tollgate.auth.audit.EventQuery;
import dev.tollgate.auth.audit.RecordedEvent;
import dev.tollgate.auth.audit.SecurityEventType;
import dev.tollgate.auth.audit.StoredSecurityEvents;

/**
 * {@code GET /admin/api/events}: the audit trail, newest first, one page at a time, filtered by type, user (their
 * {@code sub}), client id and a time range ({@code since} inclusive, {@code until} exclusive, ISO-8601 instants).
 * A bad filter is a 400 problem naming the parameter (README "Audit trail").
 */
@RestController
class SecurityEventsController {

    static final int DEFAULT_SIZE = 20;

    static final int MAX_SIZE = 100;

    private final StoredSecurityEvents events;

    SecurityEventsController(StoredSecurityEvents events) {
        this.events = events;
    }

    @GetMapping(AdminPaths.ADMIN_API + "/events")
    AdminPage<EventItem> list(@RequestParam(required = false) SecurityEventType type,
            @RequestParam(required = false) String user, @RequestParam(required = false) String client,
            @RequestParam(required = false) Instant since, @RequestParam(required = false) Instant until,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "" + DEFAULT_SIZE) int size) {
        if (page < 0) {
            throw AdminApiException.badRequest("'page' must be 0 or more, not " + page);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw AdminApiException.badRequest("'size' must be from 1 to " + MAX_SIZE + ", not " + size);
        }
        if (since != null && until != null && !since.isBefore(until)) {
            throw AdminApiException.badRequest("'since' must be before 'until'");
        }
        EventPage found = events.find(new EventQuery(type, blankToNull(user), blankToNull(client), since, until),
                page, size);
        return AdminPage.of(found.content().stream().map(EventItem::of).toList(), page, size,
                found.totalElements());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** One event as the API shows it: {@code time} in ISO-8601 UTC, {@code details} an object. */
    record EventItem(long id, String time, SecurityEventType type, String user, String client, String address,
            Map<String, String> details) {

        static EventItem of(RecordedEvent event) {
            return new EventItem(event.id(), DateTimeFormatter.ISO_INSTANT.format(event.time()), event.type(),
                    event.user(), event.client(), event.address(), event.details());
        }
    }
}
