package dev.tollgate.api.paging;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.tollgate.api.problem.InvalidFieldsException;

/**
 * A page request from {@code ?page=&size=&sort=field,dir}: pages count from 0, {@code size} is capped at
 * {@value #MAX_SIZE}, and only the listed fields may be sorted on.
 *
 * @param orderBy an SQL ORDER BY list built only from known column names, ending on the id so that pages
 *                never overlap
 */
public record PageQuery(int number, int size, String orderBy) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;

    /**
     * @param sortableColumns the API field names that may be sorted on, each with its column
     * @param idColumn        the tie-breaker column
     */
    public static PageQuery of(int page, int size, String sort, Map<String, String> sortableColumns, String idColumn) {
        if (page < 0) {
            throw new InvalidFieldsException("page", "must be 0 or more");
        }
        if (size < 1) {
            throw new InvalidFieldsException("size", "must be 1 or more");
        }
        return new PageQuery(page, Math.min(size, MAX_SIZE), orderBy(sort, sortableColumns, idColumn));
    }

    public long offset() {
        return (long) number * size;
    }

    public <T> PageResponse<T> toResponse(List<T> content, long totalElements) {
        int totalPages = (int) ((totalElements + size - 1) / size);
        return new PageResponse<>(content, new PageResponse.PageMetadata(size, number, totalElements, totalPages));
    }

    private static String orderBy(String sort, Map<String, String> sortableColumns, String idColumn) {
        if (sort == null || sort.isBlank()) {
            return idColumn + " asc";
        }
        String[] parts = sort.split(",", -1);
        if (parts.length > 2) {
            throw new InvalidFieldsException("sort", "must be field or field,asc or field,desc");
        }
        String column = sortableColumns.get(parts[0].trim());
        if (column == null) {
            throw new InvalidFieldsException("sort",
                    "cannot sort on '" + parts[0].trim() + "'; sortable fields: " + String.join(", ", sortableColumns.keySet()));
        }
        String direction = parts.length == 2 ? parts[1].trim().toLowerCase(Locale.ROOT) : "asc";
        if (!direction.equals("asc") && !direction.equals("desc")) {
            throw new InvalidFieldsException("sort", "direction must be asc or desc");
        }
        return column.equals(idColumn) ? column + " " + direction : column + " " + direction + ", " + idColumn + " asc";
    }
}
