package dev.tollgate.auth.federation;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * RFC 9207 on the upstream leg: an authorization response naming an issuer must name the provider this sign-in went
 * to, and a provider that announces {@code iss} in its metadata must send it. Stops mix-up attacks between providers.
 */
class UpstreamIssuerCheck extends OncePerRequestFilter {

    static final String INVALID_ISSUER = "invalid_issuer";

    private static final String ISS_SUPPORTED = "authorization_response_iss_parameter_supported";

    private final RequestMatcher callback = PathPatternRequestMatcher.withDefaults()
            .matcher("/login/oauth2/code/{registrationId}");

    private final UpstreamRegistrations registrations;

    private final AuthenticationFailureHandler failure;

    UpstreamIssuerCheck(UpstreamRegistrations registrations, AuthenticationFailureHandler failure) {
        this.registrations = registrations;
        this.failure = failure;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        RequestMatcher.MatchResult match = callback.matcher(request);
        if (!match.isMatch()) {
            chain.doFilter(request, response);
            return;
        }
        ClientRegistration registration;
        try {
            registration = registrations.findByRegistrationId(match.getVariables().get("registrationId"));
        }
        catch (IllegalStateException discoveryFailed) {
            reject(request, response, "the provider's metadata could not be read");
            return;
        }
        if (registration != null && !issuerMatches(registration.getProviderDetails(), request.getParameter("iss"))) {
            reject(request, response, "the authorization response names another issuer, or none");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean issuerMatches(ClientRegistration.ProviderDetails provider, String iss) {
        if (iss == null) {
            return !Boolean.TRUE.equals(provider.getConfigurationMetadata().get(ISS_SUPPORTED));
        }
        return provider.getIssuerUri() == null || provider.getIssuerUri().equals(iss);
    }

    private void reject(HttpServletRequest request, HttpServletResponse response, String why)
            throws IOException, ServletException {
        failure.onAuthenticationFailure(request, response,
                new OAuth2AuthenticationException(new OAuth2Error(INVALID_ISSUER, why, null), why));
    }
}
