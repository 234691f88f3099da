package dev.tollgate.auth.admin;

import java.util.List;

/**
 * One page of an admin list, shaped as the resource server's API lists are:
 * {@code {"content": [...], "page": {"size", "number", "totalElements", "totalPages"}}}. Pages count from 0.
 */
public record AdminPage<T>(List<T> content, Page page) {

    public record Page(int size, int number, long totalElements, int totalPages) {
    }

    /** The page {@code number} of {@code size} items, out of {@code totalElements}. */
    public static <T> AdminPage<T> of(List<T> content, int number, int size, long totalElements) {
        int totalPages = size == 0 ? 0 : (int) ((totalElements + size - 1) / size);
        return new AdminPage<>(List.copyOf(content), new Page(size, number, totalElements, totalPages));
    }
}
