package dev.tollgate.auth.scim;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ValueNode;
import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.filters.AndFilter;
import com.unboundid.scim2.common.filters.ComparisonFilter;
import com.unboundid.scim2.common.filters.ComplexValueFilter;
import com.unboundid.scim2.common.filters.ContainsFilter;
import com.unboundid.scim2.common.filters.EndsWithFilter;
import com.unboundid.scim2.common.filters.EqualFilter;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.filters.FilterVisitor;
import com.unboundid.scim2.common.filters.GreaterThanFilter;
import com.unboundid.scim2.common.filters.GreaterThanOrEqualFilter;
import com.unboundid.scim2.common.filters.LessThanFilter;
import com.unboundid.scim2.common.filters.LessThanOrEqualFilter;
import com.unboundid.scim2.common.filters.NotEqualFilter;
import com.unboundid.scim2.common.filters.NotFilter;
import com.unboundid.scim2.common.filters.OrFilter;
import com.unboundid.scim2.common.filters.PresentFilter;
import com.unboundid.scim2.common.filters.StartsWithFilter;

import dev.tollgate.auth.scim.FilterColumns.Column;
import dev.tollgate.auth.scim.FilterColumns.Type;

/**
 * A SCIM filter (RFC 7644 section 3.4.2.2), parsed by the SCIM SDK ({@link Filter#fromString}), as an SQL condition
 * with bind parameters: the SQL holds only the column expressions of {@link FilterColumns} and operators, every value
 * from the request is a parameter. Each comparison is false, never unknown, for an absent (NULL) value, so that
 * {@code not} inverts it as SCIM means.
 *
 * @param sql        the condition, {@code 1=1} for no filter
 * @param parameters its {@code ?} parameters, in order
 */
public record SqlFilter(String sql, List<Object> parameters) {

    public static SqlFilter everything() {
        return new SqlFilter("1=1", List.of());
    }

    /** The condition for {@code filter} (the request parameter, may be null or blank for all resources). */
    public static SqlFilter of(String filter, FilterColumns columns) throws ScimException {
        Filter parsed = ScimRequests.filter(filter);
        if (parsed == null) {
            return everything();
        }
        Translation translation = new Translation(columns);
        String sql = parsed.visit(translation, null);
        return new SqlFilter("(" + sql + ")", List.copyOf(translation.parameters));
    }

    /** Visits the filter, its {@code P} being the attribute of an enclosing {@code attr[...]}, or null. */
    private static final class Translation implements FilterVisitor<String, Path> {

        private final FilterColumns columns;

        private final List<Object> parameters = new ArrayList<>();

        Translation(FilterColumns columns) {
            this.columns = columns;
        }

        @Override
        public String visit(EqualFilter filter, Path parent) throws ScimException {
            Column column = column(filter, parent);
            if (isNull(filter)) {
                return column.sql() + " IS NULL";
            }
            return present(column) + " AND " + equal(column, filter);
        }

        @Override
        public String visit(NotEqualFilter filter, Path parent) throws ScimException {
            Column column = column(filter, parent);
            if (isNull(filter)) {
                return column.sql() + " IS NOT NULL";
            }
            return present(column) + " AND NOT (" + equal(column, filter) + ")";
        }

        @Override
        public String visit(ContainsFilter filter, Path parent) throws ScimException {
            return like(filter, parent, "%", "%");
        }

        @Override
        public String visit(StartsWithFilter filter, Path parent) throws ScimException {
            return like(filter, parent, "", "%");
        }

        @Override
        public String visit(EndsWithFilter filter, Path parent) throws ScimException {
            return like(filter, parent, "%", "");
        }

        @Override
        public String visit(PresentFilter filter, Path parent) throws ScimException {
            Column column = columns.column(pathOf(filter.getAttributePath(), parent));
            return present(column);
        }

        @Override
        public String visit(GreaterThanFilter filter, Path parent) throws ScimException {
            return order(filter, parent, ">");
        }

        @Override
        public String visit(GreaterThanOrEqualFilter filter, Path parent) throws ScimException {
            return order(filter, parent, ">=");
        }

        @Override
        public String visit(LessThanFilter filter, Path parent) throws ScimException {
            return order(filter, parent, "<");
        }

        @Override
        public String visit(LessThanOrEqualFilter filter, Path parent) throws ScimException {
            return order(filter, parent, "<=");
        }

        @Override
        public String visit(AndFilter filter, Path parent) throws ScimException {
            return combine(filter.getCombinedFilters(), " AND ", parent);
        }

        @Override
        public String visit(OrFilter filter, Path parent) throws ScimException {
            return combine(filter.getCombinedFilters(), " OR ", parent);
        }

        @Override
        public String visit(NotFilter filter, Path parent) throws ScimException {
            return "NOT (" + filter.getInvertedFilter().visit(this, parent) + ")";
        }

        @Override
        public String visit(ComplexValueFilter filter, Path parent) throws ScimException {
            if (parent != null) {
                throw BadRequestException.invalidFilter("A value filter cannot be nested in another: " + filter);
            }
            return "(" + filter.getValueFilter().visit(this, filter.getAttributePath()) + ")";
        }

        private String combine(List<Filter> filters, String operator, Path parent) throws ScimException {
            StringJoiner joined = new StringJoiner(operator, "(", ")");
            for (Filter each : filters) {
                joined.add("(" + each.visit(this, parent) + ")");
            }
            return joined.toString();
        }

        private String equal(Column column, ComparisonFilter filter) throws BadRequestException {
            return switch (column.type()) {
                case STRING -> {
                    parameters.add(string(filter));
                    yield "lower(" + column.sql() + ") = lower(?)";
                }
                case EXACT_STRING -> {
                    parameters.add(string(filter));
                    yield column.sql() + " = ?";
                }
                case BOOLEAN -> {
                    parameters.add(bool(filter));
                    yield column.sql() + " = ?";
                }
                case DATE_TIME -> {
                    parameters.add(dateTime(filter));
                    yield column.sql() + " = ?";
                }
                case ID -> {
                    UUID id = uuid(filter);
                    if (id == null) {
                        yield "1=0";
                    }
                    parameters.add(id);
                    yield column.sql() + " = ?";
                }
            };
        }

        private String like(ComparisonFilter filter, Path parent, String before, String after) throws ScimException {
            Column column = column(filter, parent);
            if (column.type() != Type.STRING && column.type() != Type.EXACT_STRING) {
                throw unsupported(filter, "co, sw and ew compare strings only");
            }
            parameters.add(before + escapeLike(string(filter)) + after);
            String compared = column.type() == Type.STRING
                    ? "lower(" + column.sql() + ") LIKE lower(?) ESCAPE '\\'"
                    : column.sql() + " LIKE ? ESCAPE '\\'";
            return present(column) + " AND " + compared;
        }

        private String order(ComparisonFilter filter, Path parent, String operator) throws ScimException {
            Column column = column(filter, parent);
            switch (column.type()) {
                case STRING -> {
                    parameters.add(string(filter));
                    return present(column) + " AND lower(" + column.sql() + ") " + operator + " lower(?)";
                }
                case EXACT_STRING -> parameters.add(string(filter));
                case DATE_TIME -> parameters.add(dateTime(filter));
                default -> throw unsupported(filter, "gt, ge, lt and le compare strings and dates only");
            }
            return present(column) + " AND " + column.sql() + " " + operator + " ?";
        }

        private Column column(ComparisonFilter filter, Path parent) throws BadRequestException {
            return columns.column(pathOf(filter.getAttributePath(), parent));
        }

        private static String present(Column column) {
            return switch (column.type()) {
                case STRING, EXACT_STRING -> column.sql() + " IS NOT NULL AND " + column.sql() + " <> ''";
                default -> column.sql() + " IS NOT NULL";
            };
        }

        private static Path pathOf(Path attribute, Path parent) {
            return parent == null ? attribute : parent.attribute(attribute);
        }

        private static boolean isNull(ComparisonFilter filter) {
            return filter.getComparisonValue() == null || filter.getComparisonValue().isNull();
        }

        private static String string(ComparisonFilter filter) throws BadRequestException {
            ValueNode value = filter.getComparisonValue();
            if (value == null || !value.isTextual()) {
                throw unsupported(filter, "the value must be a string");
            }
            return value.textValue();
        }

        private static Boolean bool(ComparisonFilter filter) throws BadRequestException {
            ValueNode value = filter.getComparisonValue();
            if (value == null || !value.isBoolean()) {
                throw unsupported(filter, "the value must be true or false");
            }
            return value.booleanValue();
        }

        private static OffsetDateTime dateTime(ComparisonFilter filter) throws BadRequestException {
            try {
                return OffsetDateTime.parse(string(filter));
            }
            catch (DateTimeParseException notADate) {
                throw unsupported(filter, "the value must be a date-time such as \"2026-01-31T12:00:00Z\"");
            }
        }

        private static UUID uuid(ComparisonFilter filter) throws BadRequestException {
            try {
                return UUID.fromString(string(filter));
            }
            catch (IllegalArgumentException notAnId) {
                return null;
            }
        }

        private static String escapeLike(String value) {
            return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        }

        private static BadRequestException unsupported(Filter filter, String why) {
            return BadRequestException.invalidFilter("Unsupported filter '" + filter + "': " + why + ".");
        }
    }
}
