package dev.tollgate.auth.scim;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

import com.unboundid.scim2.common.Path;
import com.unboundid.scim2.common.exceptions.BadRequestException;

/**
 * The attributes of one resource type that a filter or {@code sortBy} may name, each with the SQL column it lives in
 * and how it compares. Attribute names are case-insensitive and may carry the resource's schema URN (RFC 7644
 * section 3.10); a complex multi-valued attribute alone ({@code emails}) means its {@code value} sub-attribute.
 */
public final class FilterColumns {

    /** How an attribute's values compare (RFC 7643 section 2.3 and {@code caseExact}). */
    public enum Type {
        /** A string compared without regard to case ({@code caseExact: false}). */
        STRING,
        /** A string compared exactly ({@code caseExact: true}). */
        EXACT_STRING,
        BOOLEAN,
        DATE_TIME,
        /** A UUID, which only {@code eq}, {@code ne} and {@code pr} compare. */
        ID
    }

    /** @param sql a column expression of the query's own table aliases; never anything a request supplied */
    public record Column(String sql, Type type) {
    }

    private final String schemaUrn;

    private final Map<String, Column> columns = new LinkedHashMap<>();

    private final StringJoiner names = new StringJoiner(", ");

    public FilterColumns(String schemaUrn) {
        this.schemaUrn = schemaUrn;
    }

    public FilterColumns with(String attribute, String sql, Type type) {
        columns.put(attribute.toLowerCase(Locale.ROOT), new Column(sql, type));
        names.add(attribute);
        return this;
    }

    /** The column of a filter's attribute; {@code invalidFilter} for any other attribute. */
    public Column column(Path path) throws BadRequestException {
        return find(path).orElseThrow(() -> BadRequestException.invalidFilter(
                "Filtering on '" + path + "' is not supported; supported attributes: " + supported() + "."));
    }

    /** The column of {@code sortBy}; {@code invalidValue} for any other attribute. */
    public Column sortColumn(String sortBy) throws BadRequestException {
        Path path = Path.fromString(sortBy);
        return find(path).orElseThrow(() -> BadRequestException.invalidValue(
                "Sorting by '" + sortBy + "' is not supported; supported attributes: " + supported() + "."));
    }

    private Optional<Column> find(Path path) {
        if (path.getSchemaUrn() != null && !path.getSchemaUrn().equalsIgnoreCase(schemaUrn)) {
            return Optional.empty();
        }
        StringJoiner key = new StringJoiner(".");
        for (Path.Element element : path) {
            if (element.getValueFilter() != null) {
                return Optional.empty();
            }
            key.add(element.getAttribute().toLowerCase(Locale.ROOT));
        }
        Column column = columns.get(key.toString());
        if (column == null) {
            column = columns.get(key + ".value");
        }
        return Optional.ofNullable(column);
    }

    private String supported() {
        return names.toString();
    }
}
