package dev.tollgate.auth.account.sessions;

import java.util.Optional;

import org.springframework.stereotype.Component;

import ua_parser.Client;
import ua_parser.Parser;

/**
 * Names the device of a session from its {@code User-Agent} ("Firefox on Windows") with the ua-parser project's
 * patterns, so that a person recognises their own browsers.
 */
@Component
class Devices {

    private static final String UNKNOWN = "Other";

    private final Parser parser = new Parser();

    /** The browser and the operating system, each when the patterns know it; empty when neither is known. */
    Optional<Device> of(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return Optional.empty();
        }
        Client client = parser.parse(userAgent);
        String browser = known(client.userAgent == null ? null : client.userAgent.family);
        String system = known(client.os == null ? null : client.os.family);
        return browser == null && system == null ? Optional.empty() : Optional.of(new Device(browser, system));
    }

    private static String known(String family) {
        return family == null || family.isBlank() || UNKNOWN.equals(family) ? null : family;
    }

    /** Either part may be null, not both. */
    record Device(String browser, String system) {
    }
}
