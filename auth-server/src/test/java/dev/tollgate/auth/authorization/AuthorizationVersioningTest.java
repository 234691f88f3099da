package dev.tollgate.auth.authorization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.Grants.Client;
import dev.tollgate.auth.support.Grants;
import dev.tollgate.auth.support.HttpTest;
import dev.tollgate.auth.support.OAuthHttp.Reply;

/** The token store's compare-and-set: a copy read before another change cannot be written back over it. */
@AuthServerTest
class AuthorizationVersioningTest extends HttpTest {

    @Autowired
    HashedAuthorizationService authorizations;

    @Autowired
    JdbcClient database;

    Grants grants;

    Reply tokens;

    @BeforeEach
    void aliceHasAGrant() throws Exception {
        grants = new Grants(http);
        tokens = grants.aliceTokens(Client.DEMO_WEB, "books.read");
    }

    @Test
    void ofTwoCopiesReadAtTheSameVersionOnlyTheFirstSaveIsWritten() {
        OAuth2Authorization first = read();
        OAuth2Authorization second = read();

        authorizations.save(OAuth2Authorization.from(first).invalidate(first.getRefreshToken().getToken()).build());

        assertThatThrownBy(() -> authorizations.save(second)).isInstanceOf(AuthorizationChangedConcurrently.class)
                .extracting(raced -> ((AuthorizationChangedConcurrently) raced).authorizationId())
                .isEqualTo(first.getId());
        assertThat(read().getRefreshToken().isInvalidated()).as("the first save stands").isTrue();
        assertThat(version(first.getId())).isEqualTo(versionOf(first) + 1);
    }

    @Test
    void aRevocationCannotBeUndoneByACopyReadBeforeIt() {
        OAuth2Authorization readBefore = read();

        authorizations.revokeAll(readBefore.getId(), RevocationCause.REVOCATION);

        assertThatThrownBy(() -> authorizations.save(readBefore)).isInstanceOf(AuthorizationChangedConcurrently.class);
        assertThat(grants.isActive(tokens.field("access_token"))).isFalse();
        assertThat(grants.refresh(Client.DEMO_WEB, tokens.field("refresh_token")).field("error"))
                .isEqualTo("invalid_grant");
    }

    @Test
    void aCopyReadBeforeTheAuthorizationWasDeletedDoesNotBringItBack() {
        OAuth2Authorization readBefore = read();
        authorizations.remove(read());

        assertThatThrownBy(() -> authorizations.save(readBefore)).isInstanceOf(AuthorizationChangedConcurrently.class);
        assertThatThrownBy(() -> authorizations.remove(readBefore))
                .isInstanceOf(AuthorizationChangedConcurrently.class);
        assertThat(authorizations.findById(readBefore.getId())).isNull();
    }

    @Test
    void theVersionAnAuthorizationWasReadAtIsNeverStoredInItsAttributes() {
        OAuth2Authorization authorization = read();
        authorizations.save(authorization);

        assertThat(database.sql("SELECT attributes FROM token_authorization WHERE id = ?")
                .param(authorization.getId()).query(String.class).single())
                .doesNotContain(AuthorizationRows.ROW_VERSION);
        assertThat(versionOf(read())).isEqualTo(versionOf(authorization) + 1);
    }

    private OAuth2Authorization read() {
        return authorizations.findByToken(tokens.field("refresh_token"), OAuth2TokenType.REFRESH_TOKEN);
    }

    private long version(String id) {
        return database.sql("SELECT version FROM token_authorization WHERE id = ?").param(id).query(Long.class)
                .single();
    }

    private static long versionOf(OAuth2Authorization authorization) {
        return authorization.<Long>getAttribute(AuthorizationRows.ROW_VERSION);
    }
}
