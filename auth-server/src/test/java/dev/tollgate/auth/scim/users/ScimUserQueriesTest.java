package dev.tollgate.auth.scim.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;

import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ScimException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.tollgate.auth.scim.ListParameters;
import dev.tollgate.auth.scim.SqlFilter;
import dev.tollgate.auth.support.SharedAuthServerContext;
import dev.tollgate.testsupport.TestClock;

/** The filter, paging and sorting of {@code /Users} as SQL on the real database (H2 here, PostgreSQL in the subclass). */
class ScimUserQueriesTest extends SharedAuthServerContext {

    @Autowired
    private ScimUsers users;

    @Autowired
    private TestClock clock;

    private String prefix;

    @BeforeEach
    void createUsers() throws ScimException {
        prefix = "q" + UUID.randomUUID().toString().substring(0, 8);
        create("anna", "Anna", "Smith", "anna@one.example", true);
        create("bernd", "Bernd", "Smithers", "bernd@two.example", false);
        create("chloe", null, "Jones", null, true);
    }

    @Test
    void eqOnUserNameIgnoresCase() throws ScimException {
        assertThat(userNames("userName eq \"" + prefix.toUpperCase() + "-ANNA\"")).containsExactly("anna");
    }

    @Test
    void coSwAndPrOnEmailsAndNames() throws ScimException {
        assertThat(userNames("emails.value co \"@TWO.\"")).containsExactly("bernd");
        assertThat(userNames("emails co \"example\"")).containsExactly("anna", "bernd");
        assertThat(userNames("name.familyName sw \"smith\"")).containsExactly("anna", "bernd");
        assertThat(userNames("name.givenName pr")).containsExactly("anna", "bernd");
    }

    @Test
    void andOrNotAndActive() throws ScimException {
        assertThat(userNames("active eq false")).containsExactly("bernd");
        assertThat(userNames("name.familyName sw \"smith\" and active eq true")).containsExactly("anna");
        assertThat(userNames("name.familyName eq \"Jones\" or emails.value eq \"" + prefix + "-bernd@two.example\""))
                .containsExactly("bernd", "chloe");
        assertThat(userNames("not (emails pr)")).containsExactly("chloe");
    }

    @Test
    void lastModifiedGtFindsTheUsersChangedSince() throws ScimException {
        String before = DateTimeFormatter.ISO_INSTANT.format(clock.instant());
        clock.advance(Duration.ofMinutes(5));
        ScimUser chloe = only("userName eq \"" + prefix + "-chloe\"");
        users.update(chloe.id().toString(), null, "test-admin", current -> new UserChange(current.userName(), null,
                "Chloe", current.familyName(), null, current.email(), current.active(), null));

        assertThat(userNames("meta.lastModified gt \"" + before + "\"")).containsExactly("chloe");
        assertThat(userNames("meta.lastModified le \"" + before + "\"")).containsExactly("anna", "bernd");
    }

    @Test
    void valuesThatLookLikeSqlAreOnlyValues() throws ScimException {
        assertThat(userNames("userName eq \"x' OR '1'='1\" or userName eq \"" + prefix + "-anna\""))
                .containsExactly("anna");
        assertThat(userNames("userName co \"%\"")).isEmpty();
    }

    @Test
    void pagesAreOneBasedAndSortable() throws ScimException {
        SqlFilter mine = SqlFilter.of("userName sw \"" + prefix + "\"", UserSchema.COLUMNS);

        UserRows.Page second = users.list(mine, ListParameters.of(2, 1, "userName", "descending", 200));
        assertThat(second.total()).isEqualTo(3);
        assertThat(second.users()).extracting(ScimUser::userName).containsExactly(prefix + "-bernd");

        UserRows.Page capped = users.list(mine, ListParameters.of(0, 1000, "name.familyName", null, 2));
        assertThat(capped.users()).extracting(ScimUser::userName).containsExactly(prefix + "-chloe", prefix + "-anna");

        assertThat(users.list(mine, ListParameters.of(1, 0, null, null, 200)).users()).isEmpty();
        assertThatThrownBy(() -> users.list(mine, ListParameters.of(1, 10, "password", null, 200)))
                .isInstanceOf(BadRequestException.class);
    }

    private List<String> userNames(String filter) throws ScimException {
        SqlFilter mine = SqlFilter.of("userName sw \"" + prefix + "\" and (" + filter + ")", UserSchema.COLUMNS);
        return users.list(mine, ListParameters.of(1, 100, "userName", null, 200)).users().stream()
                .map(user -> user.userName().substring(prefix.length() + 1))
                .toList();
    }

    private ScimUser only(String filter) throws ScimException {
        return users.list(SqlFilter.of(filter, UserSchema.COLUMNS), ListParameters.of(1, 2, null, null, 200))
                .users().get(0);
    }

    private void create(String name, String givenName, String familyName, String email, boolean active)
            throws ScimException {
        users.create(new UserChange(prefix + "-" + name, null, givenName, familyName, null,
                email == null ? null : prefix + "-" + email, active, null),
                "test-admin");
    }
}
