package dev.tollgate.auth.scim;

import com.unboundid.scim2.common.exceptions.BadRequestException;

/**
 * The paging and sorting of a list request (RFC 7644 sections 3.4.2.3 and 3.4.2.4): {@code startIndex} is 1-based
 * (below 1 means 1), {@code count} is cut to the server's maximum (negative means 0), {@code sortOrder} is
 * {@code ascending} (the default) or {@code descending}.
 */
public record ListParameters(int startIndex, int count, String sortBy, boolean descending) {

    public static ListParameters of(Integer startIndex, Integer count, String sortBy, String sortOrder,
            int maxResults) throws BadRequestException {
        int start = startIndex == null || startIndex < 1 ? 1 : startIndex;
        int size = count == null ? maxResults : Math.max(0, Math.min(count, maxResults));
        boolean descending;
        if (sortOrder == null || sortOrder.isBlank() || sortOrder.equalsIgnoreCase("ascending")) {
            descending = false;
        }
        else if (sortOrder.equalsIgnoreCase("descending")) {
            descending = true;
        }
        else {
            throw BadRequestException.invalidValue("sortOrder must be 'ascending' or 'descending'.");
        }
        return new ListParameters(start, size, sortBy == null || sortBy.isBlank() ? null : sortBy, descending);
    }

    /** How many resources to skip: SQL's {@code OFFSET}. */
    public long offset() {
        return startIndex - 1L;
    }
}
