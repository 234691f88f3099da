package dev.tollgate.auth.registration;

import java.net.URL;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.authorization.OAuth2ClientMetadataClaimNames;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.OAuth2ClientRegistration;
import org.springframework.security.oauth2.server.authorization.oidc.OidcClientMetadataClaimNames;
import org.springframework.security.oauth2.server.authorization.converter.OAuth2ClientRegistrationRegisteredClientConverter;
import org.springframework.security.oauth2.server.authorization.converter.RegisteredClientOAuth2ClientRegistrationConverter;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

import dev.tollgate.auth.AuthServerProperties;
import dev.tollgate.auth.audit.AuditLog;
import dev.tollgate.auth.audit.SecurityEvent;
import dev.tollgate.auth.audit.SecurityEventType;
import dev.tollgate.auth.authorization.TokenFamilies;
import dev.tollgate.auth.client.ClientRecords;
import dev.tollgate.auth.client.TollgateClientSettings;
import dev.tollgate.auth.mfa.AuthenticationMethods;
import dev.tollgate.auth.secret.GeneratedSecret;
import dev.tollgate.auth.secret.SecretDigest;
import dev.tollgate.auth.secret.TollgatePasswordEncoder;
import dev.tollgate.auth.signals.SharedSignals;
import dev.tollgate.auth.token.TokenPolicy;

/**
 * Registered clients changed by an administrator (README "Managing clients") or by the client itself through its
 * registration access token (RFC 7592), under the rules of dynamic registration ({@link ClientMetadataRules},
 * {@link RegisteredClientDefaults}). A generated secret is handed out once and stored as its digest. Removing a
 * client revokes every token it holds and its consents. Every change is an {@code ADMIN_CHANGE} security event
 * naming who made it, with the metadata before and after (never a secret).
 */
@Component
public class RegisteredClients {

    /** The client as it now is, and its new secret when this change made one (shown once), else null. */
    public record Change(RegisteredClient client, String secret) {

        @Override
        public String toString() {
            return "Change[client=" + client.getClientId() + ", secret=" + (secret == null ? "none" : "<hidden>") + "]";
        }
    }

    /** Who changes a client: the rules depend on it. */
    public enum Changer {

        /** A holder of the admin scope. */
        ADMINISTRATOR,

        /** The client itself, with its registration access token. */
        CLIENT
    }

    /**
     * Clients the server makes at start-up and relies on: {@code tollgate-admin-cli} is how an operator at a terminal
     * gets an admin token. They cannot be changed, have their secret rotated or be removed here; start-up would only
     * make them again, and until then nobody could administer the server through them.
     */
    public static final Set<String> BUILT_IN = Set.of("tollgate-admin-cli");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    // RFC 7591 metadata, also of clients without redirect URIs (services), which OpenID Connect metadata requires
    private static final RegisteredClientOAuth2ClientRegistrationConverter METADATA =
            new RegisteredClientOAuth2ClientRegistrationConverter();

    private static final PasswordEncoder SECRETS = new TollgatePasswordEncoder();

    // RFC 7591 §3.2.1 and RFC 7592 §2.2: values the server assigns, which a client may send back unchanged
    private static final List<String> SERVER_ASSIGNED = List.of(OAuth2ClientMetadataClaimNames.CLIENT_ID_ISSUED_AT,
            OAuth2ClientMetadataClaimNames.CLIENT_SECRET_EXPIRES_AT, "registration_access_token",
            "registration_client_uri");

    private static final String TOLLGATE_SETTINGS = "settings.client.tollgate.";

    private final RegisteredClientRepository clients;

    private final ClientRecords records;

    private final TokenFamilies tokens;

    private final AuditLog audit;

    private final TransactionOperations transactions;

    private final RegisteredClientDefaults<OAuth2ClientRegistration> defaults;

    private final ClientMetadataRules administratorRules = ClientMetadataRules.forAdministrator();

    private final ClientMetadataRules clientRules;

    private final SharedSignals signals;

    public RegisteredClients(RegisteredClientRepository clients, ClientRecords records, TokenFamilies tokens,
            AuditLog audit, TransactionOperations transactions, TokenPolicy tokenPolicy,
            AuthServerProperties properties, SharedSignals signals) {
        this.signals = signals;
        this.clients = clients;
        this.records = records;
        this.tokens = tokens;
        this.audit = audit;
        this.transactions = transactions;
        this.defaults = new RegisteredClientDefaults<>(new OAuth2ClientRegistrationRegisteredClientConverter(),
                tokenPolicy, false);
        this.clientRules = ClientMetadataRules.forRegistrar(properties.registration().allowAdminScopesForServices());
    }

    /** The client as stored now (not as cached). */
    public Optional<RegisteredClient> find(String clientId) {
        return records.find(clientId, false);
    }

    public List<RegisteredClient> page(int page, int size) {
        return records.page((long) page * size, size);
    }

    public long count() {
        return records.count();
    }

    /**
     * Registers a client an administrator describes.
     *
     * @throws OAuth2AuthenticationException {@code invalid_client_metadata} or {@code invalid_redirect_uri}, naming
     *         the field
     */
    public Change create(OAuth2ClientRegistration metadata, String actor) {
        refuseAssigned(metadata, OAuth2ClientMetadataClaimNames.CLIENT_ID, "the server assigns it");
        refuseAssigned(metadata, OAuth2ClientMetadataClaimNames.CLIENT_SECRET,
                "the server generates it and answers it once");
        administratorRules.check(metadata);
        RegisteredClient client = converted(metadata);
        String secret = client.getClientSecret();
        RegisteredClient stored = secret == null ? client
                : RegisteredClient.from(client).clientSecret(SecretDigest.stored(secret)).build();
        transactions.executeWithoutResult(transaction -> {
            clients.save(stored);
            record("client.create", stored.getClientId(), actor, null, stored);
        });
        return new Change(stored, secret);
    }

    /**
     * Replaces the client's metadata (RFC 7592 §2.2: omitted fields become empty). Its id, client id and secret stay;
     * a client that changes to a secret method without having a secret gets a new one. Settings that are not client
     * metadata (token lifetimes and formats, Tollgate's own client settings but the two factors that
     * {@code default_acr_values} asks for) stay as they were.
     *
     * @return empty if there is no such client
     */
    public Optional<Change> replace(String clientId, OAuth2ClientRegistration metadata, Changer changer, String actor) {
        refuseBuiltIn(clientId);
        String sentClientId = metadata.getClientId();
        if (sentClientId != null && !sentClientId.equals(clientId)) {
            throw ClientMetadataRules.refusal(ClientMetadataRules.INVALID_CLIENT_METADATA,
                    OAuth2ClientMetadataClaimNames.CLIENT_ID, "must be the client's own client id, " + clientId);
        }
        OAuth2ClientRegistration checked = withoutServerAssigned(metadata);
        (changer == Changer.ADMINISTRATOR ? administratorRules : clientRules).check(checked);
        return transactions.execute(transaction -> records.find(clientId, true).map(current -> {
            String sentSecret = checked.getClientSecret();
            if (changer == Changer.ADMINISTRATOR && sentSecret != null) {
                throw ClientMetadataRules.refusal(ClientMetadataRules.INVALID_CLIENT_METADATA,
                        OAuth2ClientMetadataClaimNames.CLIENT_SECRET, "rotate it with POST /admin/api/clients/"
                                + clientId + "/secret");
            }
            if (sentSecret != null && (current.getClientSecret() == null
                    || !SECRETS.matches(sentSecret, current.getClientSecret()))) {
                throw ClientMetadataRules.refusal(ClientMetadataRules.INVALID_CLIENT_METADATA,
                        OAuth2ClientMetadataClaimNames.CLIENT_SECRET, "must be the client's current secret");
            }
            Change replaced = replaced(current, withoutSecret(checked));
            clients.save(replaced.client());
            record("client.update", clientId, actor, current, replaced.client());
            return replaced;
        }));
    }

    /**
     * Gives the client a new generated secret; the old one stops working at once.
     *
     * @return the new secret, shown once; empty if there is no such client
     * @throws ClientHasNoSecret for a public or {@code private_key_jwt} client
     * @throws ClientChangedConcurrently if another change of the secret came first (nothing is changed)
     * @throws BuiltInClient for a client the server relies on
     */
    public Optional<String> rotateSecret(String clientId, String actor) {
        refuseBuiltIn(clientId);
        return find(clientId).map(current -> {
            if (current.getClientSecret() == null) {
                throw new ClientHasNoSecret(clientId);
            }
            GeneratedSecret secret = GeneratedSecret.generate();
            if (!records.replaceSecret(current, secret.storedDigest())) {
                throw new ClientChangedConcurrently(clientId);
            }
            audit.record(SecurityEvent.of(SecurityEventType.ADMIN_CHANGE).with("what", "client.secret")
                    .with(SecurityEvent.CLIENT, clientId).with(SecurityEvent.ACTOR, actor));
            return secret.value();
        });
    }

    /**
     * Removes the client: every token it holds is revoked (the registration access token and its client_credentials
     * JWTs stop being accepted with it), its consents and its secret go.
     *
     * @return false if there is no such client
     */
    public boolean remove(String clientId, String actor) {
        refuseBuiltIn(clientId);
        Boolean removed = transactions.execute(transaction -> records.find(clientId, true).map(current -> {
            tokens.revokeAllOfClient(current.getId());
            signals.clientDeleted(clientId);
            records.remove(current);
            record("client.delete", clientId, actor, current, null);
            return true;
        }).orElse(false));
        return Boolean.TRUE.equals(removed);
    }

    /**
     * The client's metadata as RFC 7591 names it, ready for JSON (times in seconds since the epoch), without any
     * secret.
     */
    public Map<String, Object> metadataOf(RegisteredClient client) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        METADATA.convert(client).getClaims().forEach((name, value) ->
                metadata.put(name, value instanceof Instant instant ? instant.getEpochSecond()
                        : value instanceof URL url ? url.toString()
                        : OAuth2ClientMetadataClaimNames.SCOPE.equals(name) && value instanceof List<?> scopes
                                ? String.join(" ", scopes.stream().map(String::valueOf).toList())
                                : value));
        metadata.remove(OAuth2ClientMetadataClaimNames.CLIENT_SECRET);
        metadata.remove(OAuth2ClientMetadataClaimNames.CLIENT_SECRET_EXPIRES_AT);
        if (TollgateClientSettings.requiresMfa(client)) {
            metadata.put(ClientMetadataRules.DEFAULT_ACR_VALUES, List.of(AuthenticationMethods.MFA));
        }
        if (!client.getPostLogoutRedirectUris().isEmpty()) {
            metadata.put(OidcClientMetadataClaimNames.POST_LOGOUT_REDIRECT_URIS,
                    List.copyOf(client.getPostLogoutRedirectUris()));
        }
        ClientMetadataResponses.addTollgateMetadata(client, metadata);
        return metadata;
    }

    private Change replaced(RegisteredClient current, OAuth2ClientRegistration metadata) {
        RegisteredClient fresh = converted(metadata);
        String newSecret = null;
        String storedSecret = null;
        if (fresh.getClientSecret() != null) {
            if (current.getClientSecret() != null) {
                storedSecret = current.getClientSecret();
            }
            else {
                newSecret = fresh.getClientSecret();
                storedSecret = SecretDigest.stored(newSecret);
            }
        }
        ClientSettings.Builder settings = ClientSettings.withSettings(fresh.getClientSettings().getSettings());
        current.getClientSettings().getSettings().forEach((name, value) -> {
            // whether two factors are required (default_acr_values) and whether the client may impersonate
            // (token_exchange_impersonation) are client metadata: the new metadata says
            if (name.startsWith(TOLLGATE_SETTINGS) && !TollgateClientSettings.REQUIRE_MFA.equals(name)
                    && !TollgateClientSettings.TOKEN_EXCHANGE_IMPERSONATION.equals(name)) {
                settings.setting(name, value);
            }
        });
        RegisteredClient client = RegisteredClient.from(fresh)
                .id(current.getId())
                .clientId(current.getClientId())
                .clientIdIssuedAt(current.getClientIdIssuedAt())
                .clientSecret(storedSecret)
                .clientSecretExpiresAt(current.getClientSecretExpiresAt())
                .clientSettings(settings.build())
                .tokenSettings(current.getTokenSettings())
                .build();
        return new Change(client, newSecret);
    }

    // the RFC 7591 converter leaves out this OpenID Connect value (OIDC RP-Initiated Logout §3.1)
    private RegisteredClient converted(OAuth2ClientRegistration metadata) {
        RegisteredClient client = defaults.convert(metadata);
        List<String> postLogoutRedirectUris =
                metadata.getClaimAsStringList(OidcClientMetadataClaimNames.POST_LOGOUT_REDIRECT_URIS);
        if (postLogoutRedirectUris != null) {
            client = RegisteredClient.from(client)
                    .postLogoutRedirectUris(uris -> uris.addAll(postLogoutRedirectUris)).build();
        }
        List<String> acrValues = metadata.getClaimAsStringList(ClientMetadataRules.DEFAULT_ACR_VALUES);
        if (acrValues != null && acrValues.contains(AuthenticationMethods.MFA)) {
            client = RegisteredClient.from(client).clientSettings(ClientSettings.withSettings(
                    client.getClientSettings().getSettings()).setting(TollgateClientSettings.REQUIRE_MFA, true).build())
                    .build();
        }
        return client;
    }

    private void record(String what, String clientId, String actor, RegisteredClient before, RegisteredClient after) {
        audit.record(SecurityEvent.of(SecurityEventType.ADMIN_CHANGE).with("what", what)
                .with(SecurityEvent.CLIENT, clientId).with(SecurityEvent.ACTOR, actor)
                .with("before", before == null ? null : JSON.writeValueAsString(metadataOf(before)))
                .with("after", after == null ? null : JSON.writeValueAsString(metadataOf(after))));
    }

    private static void refuseBuiltIn(String clientId) {
        if (BUILT_IN.contains(clientId)) {
            throw new BuiltInClient(clientId);
        }
    }

    private static void refuseAssigned(OAuth2ClientRegistration metadata, String field, String rule) {
        if (metadata.getClaim(field) != null) {
            throw ClientMetadataRules.refusal(ClientMetadataRules.INVALID_CLIENT_METADATA, field, rule);
        }
    }

    private static OAuth2ClientRegistration withoutServerAssigned(OAuth2ClientRegistration metadata) {
        return OAuth2ClientRegistration.withClaims(metadata.getClaims())
                .claims(claims -> SERVER_ASSIGNED.forEach(claims::remove))
                .build();
    }

    private static OAuth2ClientRegistration withoutSecret(OAuth2ClientRegistration metadata) {
        return OAuth2ClientRegistration.withClaims(metadata.getClaims())
                .claims(claims -> claims.remove(OAuth2ClientMetadataClaimNames.CLIENT_SECRET))
                .build();
    }

    /** Thrown when a built-in client ({@link #BUILT_IN}) is to be changed or removed. */
    public static final class BuiltInClient extends RuntimeException {

        BuiltInClient(String clientId) {
            super(clientId + " is built in: operators get admin tokens through it, so it cannot be changed or removed");
        }
    }

    /** Thrown when a secret is to be rotated for a client that authenticates without one. */
    public static final class ClientHasNoSecret extends RuntimeException {

        ClientHasNoSecret(String clientId) {
            super(clientId + " has no secret: it is a public client or authenticates with private_key_jwt");
        }
    }

    /** Thrown when another request changed the client's secret between this one reading and writing it. */
    public static final class ClientChangedConcurrently extends RuntimeException {

        ClientChangedConcurrently(String clientId) {
            super("the secret of " + clientId + " was replaced by another request at the same time; "
                    + "the secret that request answered is the one that works");
        }
    }
}
