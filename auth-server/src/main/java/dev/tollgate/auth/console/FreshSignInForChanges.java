package dev.tollgate.auth.console;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpMethod;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.web.servlet.HandlerInterceptor;

import dev.tollgate.auth.session.SignIns;
import dev.tollgate.auth.user.TollgateUser;
import dev.tollgate.auth.user.UserRepository;
import dev.tollgate.auth.web.Pages;

/**
 * Every change in the console (a POST under {@code /admin}) needs a sign-in younger than
 * {@link ConsoleProperties#freshSignIn()}, measured from {@code auth_time} on the {@link Clock} bean: a browser left
 * signed in cannot be used to change administration by whoever finds it. An older sign-in changes nothing; the
 * administrator is sent to the login page with their username filled in, and back to the page of the form after it.
 */
class FreshSignInForChanges implements HandlerInterceptor {

    /** The query parameter of the login page that says why it asks again. */
    static final String LOGIN_PAGE = Pages.LOGIN + "?fresh";

    private final ConsoleProperties properties;

    private final Clock clock;

    private final UserRepository users;

    private final RequestCache requestCache = new HttpSessionRequestCache();

    FreshSignInForChanges(ConsoleProperties properties, Clock clock, UserRepository users) {
        this.properties = properties;
        this.clock = clock;
        this.users = users;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        if (!HttpMethod.POST.matches(request.getMethod())) {
            return true;
        }
        Principal principal = request.getUserPrincipal();
        Authentication signIn = principal instanceof Authentication authentication ? authentication : null;
        Optional<Instant> authTime = SignIns.authTimeOf(signIn);
        if (authTime.isPresent() && !authTime.get().plus(properties.freshSignIn()).isBefore(clock.instant())) {
            return true;
        }
        String username = signIn == null ? null : usernameOf(signIn.getName());
        requestCache.saveRequest(new PageAgain(request, pageOf(request), username), response);
        response.sendRedirect(request.getContextPath() + LOGIN_PAGE);
        return false;
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
     * The page whose form was posted: a console form posts to its page's path plus an action ({@code /rotate}), or
     * to the page itself when it creates something ({@code /admin/users/new}).
     */
    static String pageOf(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.endsWith("/new")) {
            return path;
        }
        int last = path.lastIndexOf('/');
        return last <= 0 ? path : path.substring(0, last);
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
