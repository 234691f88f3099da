package dev.tollgate.auth.console.events;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.tollgate.auth.audit.EventPage;
import dev.tollgate.auth.audit.EventQuery;
import dev.tollgate.auth.audit.SecurityEventType;
import dev.tollgate.auth.audit.StoredSecurityEvents;
import dev.tollgate.auth.user.TollgateUser;
import dev.tollgate.auth.user.UserRepository;

/**
 * {@code /admin/events}: the audit trail as a table, newest first, a page at a time, filtered by type, user (their id,
 * or a username, which is looked up), client id and a time range ({@code since} inclusive, {@code until} exclusive;
 * ISO-8601 instants, or a date and time taken as UTC). A filter it cannot read is named on the page.
 */
@Controller
class EventsPage {

    private static final int PAGE_SIZE = 50;

    private final StoredSecurityEvents events;

    private final UserRepository users;

    EventsPage(StoredSecurityEvents events, UserRepository users) {
        this.events = events;
        this.users = users;
    }

    @GetMapping("/admin/events")
    String events(@RequestParam(defaultValue = "") String type, @RequestParam(defaultValue = "") String user,
            @RequestParam(defaultValue = "") String client, @RequestParam(defaultValue = "") String since,
            @RequestParam(defaultValue = "") String until, @RequestParam(defaultValue = "0") int page, Model model) {
        int number = Math.max(page, 0);
        model.addAttribute("types", SecurityEventType.values());
        model.addAttribute("filter", new Filter(type, user, client, since, until));
        model.addAttribute("page", number);
        try {
            EventQuery query = new EventQuery(typeOf(type), userOf(user), blankToNull(client),
                    instantOf("since", since), instantOf("until", until));
            EventPage found = events.find(query, number, PAGE_SIZE);
            model.addAttribute("events", found.content());
            model.addAttribute("total", found.totalElements());
            model.addAttribute("hasNext", (long) (number + 1) * PAGE_SIZE < found.totalElements());
        }
        catch (UnreadableFilter unreadable) {
            model.addAttribute("error", unreadable.getMessage());
            model.addAttribute("events", java.util.List.of());
            model.addAttribute("total", 0);
            model.addAttribute("hasNext", false);
        }
        return "console/events";
    }

    private static SecurityEventType typeOf(String type) {
        if (type.isBlank()) {
            return null;
        }
        return Arrays.stream(SecurityEventType.values()).filter(known -> known.name().equals(type.strip()))
                .findFirst().orElseThrow(() -> new UnreadableFilter("There is no event type " + type.strip() + "."));
    }

    /** A user's id as the trail keeps it; a username is turned into its user's id. */
    private String userOf(String user) {
        String given = blankToNull(user);
        if (given == null) {
            return null;
        }
        try {
            return UUID.fromString(given).toString();
        }
        catch (IllegalArgumentException notAnId) {
            return users.findByUsername(given).map(TollgateUser::id).map(UUID::toString).orElse(given);
        }
    }

    private static Instant instantOf(String name, String value) {
        String given = blankToNull(value);
        if (given == null) {
            return null;
        }
        try {
            return Instant.parse(given);
        }
        catch (DateTimeParseException notAnInstant) {
            try {
                return LocalDateTime.parse(given).toInstant(ZoneOffset.UTC);
            }
            catch (DateTimeParseException notADateTime) {
                throw new UnreadableFilter(name + " must be a time such as 2026-12-03T10:15:00Z; not " + given + ".");
            }
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** What the filter form shows again. */
    record Filter(String type, String user, String client, String since, String until) {
    }

    private static final class UnreadableFilter extends RuntimeException {

        UnreadableFilter(String message) {
            super(message);
        }
    }
}
