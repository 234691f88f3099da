package dev.tollgate.auth.device;

import java.time.Clock;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2DeviceAuthorizationConsentAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2DeviceAuthorizationRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2DeviceVerificationAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.stereotype.Component;

import dev.tollgate.auth.audit.AuditLog;
import dev.tollgate.auth.authorization.DevicePolls;
import dev.tollgate.auth.consent.DenyRevokesConsent;
import dev.tollgate.auth.mfa.RolesRequiringMfa;
import dev.tollgate.auth.web.Pages;

/**
 * The device authorization grant (RFC 8628): {@code /oauth2/device_authorization} for public clients registered with
 * it, the verification page {@code /oauth2/device_verification} where a signed-in user enters the code and confirms
 * on the consent page, and the device polling the token endpoint ({@link #polling}).
 * <p>
 * Every code, also one of a client that asks no consent ({@code tollgate-admin-cli}), ends on the confirmation page:
 * a code typed in or a link followed (the {@code verification_uri_complete} of someone else's device, RFC 8628 §5.4)
 * must never approve a device by itself.
 */
@Component
public class DeviceFlow {

    private final RegisteredClientRepository clients;

    private final OAuth2AuthorizationService authorizations;

    private final DevicePolls polls;

    private final AuditLog audit;

    private final RolesRequiringMfa roles;

    private final Clock clock;

    private final DeviceCodes codes;

    public DeviceFlow(RegisteredClientRepository clients, OAuth2AuthorizationService authorizations, DevicePolls polls,
            AuditLog audit, RolesRequiringMfa roles, Clock clock) {
        this.roles = roles;
        this.clients = clients;
        this.authorizations = authorizations;
        this.polls = polls;
        this.audit = audit;
        this.clock = clock;
        this.codes = new DeviceCodes(clock);
    }

    /** Switches the device endpoints on, with Tollgate's rules. */
    public void customize(OAuth2AuthorizationServerConfigurer server, AuthorizationServerSettings endpoints) {
        VerificationAnswers answers = new VerificationAnswers(endpoints.getDeviceVerificationEndpoint(), audit);
        server.deviceAuthorizationEndpoint(authorization -> authorization
                        .deviceAuthorizationRequestConverter(new RegisteredScopesByDefault())
                        .deviceAuthorizationResponseHandler(new DeviceAuthorizationResponse())
                        .authenticationProviders(providers -> providers.forEach(provider -> {
                            if (provider instanceof OAuth2DeviceAuthorizationRequestAuthenticationProvider request) {
                                request.setDeviceCodeGenerator(codes.deviceCodeGenerator());
                                request.setUserCodeGenerator(codes.userCodeGenerator());
                            }
                        })))
                .deviceVerificationEndpoint(verification -> verification
                        .consentPage(Pages.CONSENT)
                        .deviceVerificationResponseHandler(answers)
                        .errorResponseHandler(answers)
                        .authenticationProviders(providers -> providers.replaceAll(provider -> {
                            if (provider instanceof OAuth2DeviceVerificationAuthenticationProvider entered) {
                                entered.setAuthorizationConsentRequired(always -> true);
                                return new DeviceVerification(entered, authorizations, clients, roles, clock);
                            }
                            if (provider instanceof OAuth2DeviceAuthorizationConsentAuthenticationProvider consent) {
                                consent.setAuthorizationConsentCustomizer(new DenyRevokesConsent());
                            }
                            return provider;
                        })))
                .clientAuthentication(client -> client
                        .authenticationConverter(PublicDeviceClients.converter(
                                endpoints.getDeviceAuthorizationEndpoint(), endpoints.getTokenEndpoint(), clients))
                        .authenticationProvider(PublicDeviceClients.authenticationProvider(clients)));
    }

    /** The device_code grant of the token endpoint, with the polling rules of RFC 8628 §3.5. */
    public AuthenticationProvider polling(AuthenticationProvider deviceCodeGrant) {
        return new DeviceCodePolling(deviceCodeGrant, authorizations, polls, clock);
    }
}
