package dev.tollgate.auth.authorize;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpMethod;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;

import dev.tollgate.auth.session.SignIns;

/**
 * Keeps the authorization request that a sign-in interrupts, to continue it afterwards. OIDC Core 3.1.2.1 lets a
 * client send it by POST as a form: it is kept as the equivalent GET, parameters in the query, since the browser
 * comes back after sign-in with a redirect (a GET) and would otherwise arrive without them. A {@code prompt=none}
 * request is never kept: it is answered at once and must not come back after some later sign-in. Each kept request
 * notes the sign-in the browser had ({@link SignInDemand}), so that the sign-in it then makes counts as fresh.
 */
public final class AuthorizationRequestCache implements RequestCache {

    private final HttpSessionRequestCache delegate = new HttpSessionRequestCache();

    private final String authorizationEndpoint;

    public AuthorizationRequestCache(String authorizationEndpoint) {
        this.authorizationEndpoint = authorizationEndpoint;
    }

    @Override
    public void saveRequest(HttpServletRequest request, HttpServletResponse response) {
        String prompt = request.getParameter(OidcRequestParameters.PROMPT);
        if (prompt != null && Arrays.asList(prompt.split(" ")).contains(OidcRequestParameters.NONE)) {
            return;
        }
        if (!authorizationEndpoint.equals(request.getServletPath())) {
            delegate.saveRequest(request, response);
            return;
        }
        SignInDemand.record(request, SignIns.authTimeOf(SecurityContextHolder.getContext().getAuthentication()));
        delegate.saveRequest(HttpMethod.POST.matches(request.getMethod()) ? new AsGet(request) : request, response);
    }

    @Override
    public SavedRequest getRequest(HttpServletRequest request, HttpServletResponse response) {
        return delegate.getRequest(request, response);
    }

    @Override
    public HttpServletRequest getMatchingRequest(HttpServletRequest request, HttpServletResponse response) {
        return delegate.getMatchingRequest(request, response);
    }

    @Override
    public void removeRequest(HttpServletRequest request, HttpServletResponse response) {
        delegate.removeRequest(request, response);
    }

    /** The posted form as a GET with the same parameters in its query. */
    private static final class AsGet extends HttpServletRequestWrapper {

        private final String query;

        AsGet(HttpServletRequest request) {
            super(request);
            this.query = request.getParameterMap().entrySet().stream()
                    .flatMap(parameter -> Arrays.stream(parameter.getValue())
                            .map(value -> encode(parameter.getKey()) + "=" + encode(value)))
                    .collect(Collectors.joining("&"));
        }

        @Override
        public String getMethod() {
            return HttpMethod.GET.name();
        }

        @Override
        public String getQueryString() {
            return query;
        }

        private static String encode(String value) {
            return URLEncoder.encode(value, StandardCharsets.UTF_8);
        }
    }
}
