package dev.tollgate.auth.token;

import java.time.Clock;

import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2TokenEndpointConfigurer;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2DeviceCodeAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

import dev.tollgate.auth.audit.AuditLog;
import dev.tollgate.auth.authorization.RotatedRefreshTokens;
import dev.tollgate.auth.authorization.TokenFamilies;
import dev.tollgate.auth.device.DeviceFlow;
import dev.tollgate.auth.refresh.RefreshTokenReuseDetection;
import dev.tollgate.auth.tokenexchange.TokenExchange;

/**
 * The token endpoint ({@code /oauth2/token}): the registered scopes when a request names none, refresh token
 * rotation with reuse detection, a replayed authorization code revoking what it issued, token exchange under
 * Tollgate's rules ({@link TokenExchange}), and every issued access token recorded in the audit trail; a device
 * polling gets the answers of {@link DeviceFlow#polling}.
 */
@Component
public class TokenEndpoint {

    private final TokenFamilies authorizations;

    private final RotatedRefreshTokens rotatedRefreshTokens;

    private final TransactionOperations transactions;

    private final AuditLog audit;

    private final TokenIssuanceAudit issuanceAudit;

    private final TokenExchange tokenExchange;

    private final Clock clock;

    private final DeviceFlow device;

    public TokenEndpoint(TokenFamilies authorizations, RotatedRefreshTokens rotatedRefreshTokens,
            TransactionOperations transactions, AuditLog audit, TokenIssuanceAudit issuanceAudit,
            TokenExchange tokenExchange, Clock clock, DeviceFlow device) {
        this.device = device;
        this.authorizations = authorizations;
        this.rotatedRefreshTokens = rotatedRefreshTokens;
        this.transactions = transactions;
        this.audit = audit;
        this.issuanceAudit = issuanceAudit;
        this.tokenExchange = tokenExchange;
        this.clock = clock;
    }

    /** For {@code tokenEndpoint(...)}. */
    public void customize(OAuth2TokenEndpointConfigurer token) {
        token.accessTokenRequestConverter(new RegisteredScopesByDefault())
                .accessTokenRequestConverter(tokenExchange.requests())
                .authenticationProviders(providers -> providers.replaceAll(provider -> {
                    if (provider instanceof OAuth2RefreshTokenAuthenticationProvider) {
                        return issuanceAudit.recording(new RefreshTokenReuseDetection(provider, authorizations,
                                rotatedRefreshTokens, transactions, audit, clock));
                    }
                    if (provider instanceof OAuth2AuthorizationCodeAuthenticationProvider) {
                        return issuanceAudit.recording(
                                new AuthorizationCodeReplayDetection(provider, authorizations, audit));
                    }
                    if (provider.supports(OAuth2DeviceCodeAuthenticationToken.class)) {
                        return issuanceAudit.recording(device.polling(provider));
                    }
                    return issuanceAudit.recording(tokenExchange.withRules(provider));
                }));
    }
}
