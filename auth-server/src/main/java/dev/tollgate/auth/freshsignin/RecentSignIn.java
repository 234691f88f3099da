package dev.tollgate.auth.freshsignin;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpMethod;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

import dev.tollgate.auth.session.SignIns;
import dev.tollgate.auth.user.TollgateUser;
import dev.tollgate.auth.user.UserRepository;
import dev.tollgate.auth.web.Pages;

/**
 * Changes that would let whoever finds a browser left signed in keep the account or administer Tollgate need a
 * sign-in younger than a given age, measured from {@code auth_time} on the {@link Clock} bean. An older sign-in
 * changes nothing: the user is sent to the login page with their username filled in (and, after the password, asked
 * for their second factor as at every sign-in), and back to the page of the form after it.
 */
@Component
public class RecentSignIn {

    /** The query parameter of the login page that says why it asks again. */
    public static final String LOGIN_PAGE = Pages.LOGIN + "?fresh";

    private final Clock clock;

    private final UserRepository users;

    private final AccountSafetyProperties account;

    private final RequestCache requestCache = new HttpSessionRequestCache();

    RecentSignIn(Clock clock, UserRepository users, AccountSafetyProperties account) {
        this.clock = clock;
        this.users = users;
        this.account = account;
    }

    /** Whether this sign-in proved a factor at most {@code maxAge} ago. */
    public boolean isFresh(Authentication signIn, Duration maxAge) {
        Optional<Instant> authTime = SignIns.authTimeOf(signIn);
        return authTime.isPresent() && !authTime.get().plus(maxAge).isBefore(clock.instant());
    }

    /** Whether this sign-in is fresh enough for the account changes of {@link AccountSafetyProperties}. */
    public boolean isFreshForAccountChanges(Authentication signIn) {
        return isFresh(signIn, account.freshSignIn());
    }

    /**
     * Keeps {@code page} (as a GET, with {@code login_hint}) for after the sign-in, and answers the view that sends
     * the browser to the login page.
     */
    public String askAgain(HttpServletRequest request, HttpServletResponse response, String page) {
        Principal principal = request.getUserPrincipal();
        String username = principal == null ? null : usernameOf(principal.getName());
        requestCache.saveRequest(new PageAgain(request, page, username), response);
        return "redirect:" + LOGIN_PAGE;
    }

    /**
     * An interceptor letting a POST through only with a sign-in at most {@code maxAge} old; otherwise it asks again
     * and comes back to {@code pageOf} the request.
     */
    public HandlerInterceptor forPosts(Duration maxAge, Function<HttpServletRequest, String> pageOf) {
        return new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
                    throws IOException {
                if (!HttpMethod.POST.matches(request.getMethod())
                        || isFresh(request.getUserPrincipal() instanceof Authentication signIn ? signIn : null,
                                maxAge)) {
                    return true;
                }
                askAgain(request, response, pageOf.apply(request));
                response.sendRedirect(request.getContextPath() + LOGIN_PAGE);
                return false;
            }
        };
    }

    private String usernameOf(String userId) {
        try {
            return users.findById(UUID.fromString(userId)).map(TollgateUser::username).orElse(null);
        }
        catch (IllegalArgumentException notAUserId) {
            return null;
        }
    }

    /**
     * A GET of the form's page, as the request cache keeps it for after the sign-in, carrying {@code login_hint}
     * (OIDC Core 3.1.2.1), which the login page fills the username with.
     */
    private static final class PageAgain extends HttpServletRequestWrapper {

        private final String page;

        private final Map<String, String[]> parameters;

        PageAgain(HttpServletRequest posted, String page, String username) {
            super(posted);
            this.page = page;
            this.parameters = username == null ? Map.of() : Map.of("login_hint", new String[] {username});
        }

        @Override
        public String getMethod() {
            return HttpMethod.GET.name();
        }

        @Override
        public String getRequestURI() {
            return getContextPath() + page;
        }

        @Override
        public StringBuffer getRequestURL() {
            StringBuffer url = new StringBuffer(getScheme()).append("://").append(getServerName());
            int port = getServerPort();
            if (!("http".equals(getScheme()) && port == 80) && !("https".equals(getScheme()) && port == 443)) {
                url.append(':').append(port);
            }
            return url.append(getRequestURI());
        }

        @Override
        public String getServletPath() {
            return page;
        }

        @Override
        public String getPathInfo() {
            return null;
        }

        @Override
        public String getQueryString() {
            String[] hint = parameters.get("login_hint");
            return hint == null ? null : "login_hint=" + URLEncoder.encode(hint[0], StandardCharsets.UTF_8);
        }

        @Override
        public String getParameter(String name) {
            String[] values = parameters.get(name);
            return values == null ? null : values[0];
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return parameters;
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(parameters.keySet());
        }

        @Override
        public String[] getParameterValues(String name) {
            return parameters.get(name);
        }
    }
}
