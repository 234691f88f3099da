package dev.tollgate.auth.account.sessions;

import java.security.Principal;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.servlet.http.HttpSession;

import org.springframework.context.MessageSource;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import dev.tollgate.auth.account.AccountController;
import dev.tollgate.auth.account.AccountTimes;
import dev.tollgate.auth.session.SignInSession;
import dev.tollgate.auth.session.UserSessions;

/** The sessions section of the account page ({@code templates/account/sessions.html}): the user's sign-ins. */
@ControllerAdvice(assignableTypes = AccountController.class)
class SessionsSection {

    private final UserSessions sessions;

    private final Devices devices;

    private final MessageSource messages;

    SessionsSection(UserSessions sessions, Devices devices, MessageSource messages) {
        this.sessions = sessions;
        this.devices = devices;
        this.messages = messages;
    }

    /** Most recently used first; the session of this very browser is marked. */
    @ModelAttribute("accountSessions")
    List<SessionRow> accountSessions(Principal principal, HttpSession current, Locale locale) {
        UUID userId = UUID.fromString(principal.getName());
        String currentId = sessions.listedIdOf(userId, current.getId()).orElse(null);
        return sessions.list(userId).stream()
                .map(session -> new SessionRow(session.id(), device(session, locale), address(session, locale),
                        AccountTimes.format(session.created(), locale), AccountTimes.format(session.lastUsed(), locale),
                        session.id().equals(currentId)))
                .toList();
    }

    private String device(SignInSession session, Locale locale) {
        return devices.of(session.userAgent())
                .map(device -> device.browser() == null ? device.system()
                        : device.system() == null ? device.browser()
                        : messages.getMessage("account.sessions.device", new Object[] {device.browser(),
                                device.system()}, locale))
                .orElseGet(() -> messages.getMessage("account.sessions.unknown-device", null, locale));
    }

    private String address(SignInSession session, Locale locale) {
        return session.address() != null ? session.address()
                : messages.getMessage("account.sessions.unknown-address", null, locale);
    }
}
