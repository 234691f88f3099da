package dev.tollgate.auth.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;

import com.unboundid.scim2.common.exceptions.BadRequestException;
import org.junit.jupiter.api.Test;

import dev.tollgate.auth.scim.FilterColumns.Type;

class SqlFilterTest {

    private static final FilterColumns COLUMNS = new FilterColumns("urn:ietf:params:scim:schemas:core:2.0:User")
            .with("userName", "u.username", Type.STRING)
            .with("emails.value", "u.email", Type.STRING)
            .with("active", "u.enabled", Type.BOOLEAN)
            .with("meta.lastModified", "u.updated_at", Type.DATE_TIME);

    @Test
    void everyValueFromTheRequestIsABindParameterNeverPartOfTheSql() throws Exception {
        SqlFilter filter = SqlFilter.of("userName eq \"x' OR '1'='1\" or emails co \"%_\\\\\"", COLUMNS);

        assertThat(filter.sql()).doesNotContain("OR '1'='1").doesNotContain("x'");
        assertThat(filter.parameters()).containsExactly("x' OR '1'='1", "%\\%\\_\\\\%");
    }

    @Test
    void attributeNamesAreCaseInsensitiveAndMayCarryTheSchemaUrn() throws Exception {
        SqlFilter filter = SqlFilter.of(
                "urn:ietf:params:scim:schemas:core:2.0:User:USERNAME sw \"al\" and Active eq true", COLUMNS);

        assertThat(filter.sql()).contains("lower(u.username) LIKE lower(?)").contains("u.enabled = ?");
        assertThat(filter.parameters()).containsExactly("al%", true);
    }

    @Test
    void aComplexMultiValuedAttributeAloneMeansItsValue() throws Exception {
        assertThat(SqlFilter.of("emails pr", COLUMNS).sql()).contains("u.email IS NOT NULL");
        assertThat(SqlFilter.of("emails[value ew \"@example.com\"]", COLUMNS).parameters())
                .containsExactly("%@example.com");
    }

    @Test
    void datesCompareAsTimestamps() throws Exception {
        SqlFilter filter = SqlFilter.of("meta.lastModified gt \"2026-01-31T12:00:00Z\"", COLUMNS);

        assertThat(filter.sql()).contains("u.updated_at > ?");
        assertThat(filter.parameters()).containsExactly(OffsetDateTime.parse("2026-01-31T12:00:00Z"));
    }

    @Test
    void notInvertsAComparisonThatIsFalseForAbsentValues() throws Exception {
        assertThat(SqlFilter.of("not (emails.value eq \"a@example.com\")", COLUMNS).sql())
                .isEqualTo("(NOT (u.email IS NOT NULL AND u.email <> '' AND lower(u.email) = lower(?)))");
    }

    @Test
    void unknownAttributesUnsupportedComparisonsAndBadSyntaxAreInvalidFilters() {
        assertInvalidFilter("password eq \"secret\"");
        assertInvalidFilter("active gt true");
        assertInvalidFilter("active eq \"yes\"");
        assertInvalidFilter("meta.lastModified gt \"yesterday\"");
        assertInvalidFilter("userName eq");
        assertInvalidFilter("userName xx \"a\"");
        assertInvalidFilter("(userName eq \"a\"");
        assertInvalidFilter("userName eq \"" + "a".repeat(ScimRequests.MAX_FILTER_LENGTH) + "\"");
    }

    private static void assertInvalidFilter(String filter) {
        assertThatThrownBy(() -> SqlFilter.of(filter, COLUMNS))
                .as(filter)
                .isInstanceOfSatisfying(BadRequestException.class,
                        failure -> assertThat(failure.getScimError().getScimType()).isEqualTo("invalidFilter"));
    }
}
